package io.hubd.daemon.mirror;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of comparing the mirror with direct contract reads at {@code block}. Immutable.
 *
 * @param keysChecked tokens, reserves, accounts (counterparty × token) and the batch nonce compared
 * @param mismatches the keys whose values differ, in a stable order
 */
public record DriftReport(long block, int keysChecked, List<Mismatch> mismatches) {
  public DriftReport {
    mismatches = List.copyOf(mismatches);
  }

  public boolean isClean() {
    return mismatches.isEmpty();
  }

  /** One key whose mirrored value differs from the contract's. */
  public record Mismatch(String key, String mirrored, String onChain) {
    public Mismatch {
      Objects.requireNonNull(key, "key == null");
      Objects.requireNonNull(mirrored, "mirrored == null");
      Objects.requireNonNull(onChain, "onChain == null");
    }

    @Override
    public String toString() {
      return key + ": mirror " + mirrored + ", chain " + onChain;
    }
  }
}
