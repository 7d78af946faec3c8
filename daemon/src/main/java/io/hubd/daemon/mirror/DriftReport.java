package io.hubd.daemon.mirror;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

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

  /** The tokens a mismatch concerns (a reserve, an account, a registration). */
  public Set<Integer> tokens() {
    Set<Integer> tokens = new TreeSet<>();
    mismatches.forEach(m -> m.tokenId().ifPresent(tokens::add));
    return tokens;
  }

  /**
   * One key whose mirrored value differs from the contract's.
   *
   * @param tokenId the token the key belongs to; empty for the batch nonce
   */
  public record Mismatch(String key, String mirrored, String onChain, OptionalInt tokenId) {
    public Mismatch {
      Objects.requireNonNull(key, "key == null");
      Objects.requireNonNull(mirrored, "mirrored == null");
      Objects.requireNonNull(onChain, "onChain == null");
      Objects.requireNonNull(tokenId, "tokenId == null");
    }

    @Override
    public String toString() {
      return key + ": mirror " + mirrored + ", chain " + onChain;
    }
  }
}
