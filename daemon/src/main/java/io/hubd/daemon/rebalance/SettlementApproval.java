package io.hubd.daemon.rebalance;

import io.hubd.contracts.Batch;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.Signature;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A settlement in hand, signed by the user, for a batch: a repayment or securing the hub proposed, or one the hub
 * runtime agreed with the user. Immutable.
 *
 * @param id the caller's id for it
 * @param kind where it comes from
 * @param counterparty the user who signed
 * @param diffs one per token, each conserving value
 * @param nonce the account nonce signed; usable only above the stored nonce
 * @param signature the user's EIP-712 signature
 * @param since when it was signed (handed in): older ones go first among equals
 */
public record SettlementApproval(
    String id, Kind kind, EntityId counterparty, List<Batch.SettlementDiff> diffs, BigInteger nonce,
    Signature signature, Instant since) {

  /** Where a settlement comes from. */
  public enum Kind {
    /** The hub proposed that the user repay from their reserve. */
    REPAY,
    /** The hub proposed that the user secure the debt with collateral. */
    SECURE,
    /** The hub runtime agreed it with the user off-chain. */
    RUNTIME
  }

  public SettlementApproval {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(counterparty, "counterparty == null");
    diffs = List.copyOf(diffs);
    if (diffs.isEmpty()) {
      throw new IllegalArgumentException("a settlement needs at least one diff");
    }
    Exposure.positive(nonce, "nonce");
    Objects.requireNonNull(signature, "signature == null");
    Objects.requireNonNull(since, "since == null");
  }

  /** The accounts it touches, one per diff. */
  public List<AccountKey> keys() {
    return diffs.stream().map(d -> new AccountKey(counterparty, d.tokenId())).toList();
  }

  public Batch.Settlement toOperation() {
    return new Batch.Settlement(counterparty, diffs, nonce, signature);
  }
}
