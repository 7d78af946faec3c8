package io.hubd.daemon.mirror;

import io.hubd.contracts.EntityId;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * The outcome of comparing the mirror with direct contract reads at {@code block}. Immutable.
 *
 * @param keysChecked tokens, reserves, accounts (counterparty × token), disputes and the batch nonce compared
 * @param mismatches the keys whose values differ, in a stable order
 */
public record DriftReport(long block, int keysChecked, List<Mismatch> mismatches) {
  /** The key of a dispute mismatch: this prefix and the counterparty's id. */
  static final String DISPUTE_KEY = "dispute ";
  /** The key of the hub's batch nonce. */
  static final String BATCH_NONCE_KEY = "batchNonce";

  public DriftReport {
    mismatches = List.copyOf(mismatches);
  }

  public boolean isClean() {
    return mismatches.isEmpty();
  }

  /** The counterparties whose dispute the mirror holds otherwise than the contract. */
  public Set<EntityId> disputes() {
    Set<EntityId> out = new TreeSet<>();
    mismatches.stream().filter(m -> m.key().startsWith(DISPUTE_KEY))
        .forEach(m -> out.add(new EntityId(m.key().substring(DISPUTE_KEY.length()))));
    return out;
  }

  /** Whether the hub's batch nonce differs. */
  public boolean batchNonce() {
    return mismatches.stream().anyMatch(m -> m.key().equals(BATCH_NONCE_KEY));
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
   * @param tokenId the token the key belongs to; empty for the batch nonce and disputes
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
