package io.hubd.daemon.jobs;

import io.hubd.contracts.Batch;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.Signature;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Something a user signs for the hub to put in a batch, at account nonce {@code nonce}: a C2R of the hub's free
 * collateral, a settlement repaying or securing the hub's credit (both proposed by the hub), or a settlement the hub
 * runtime agreed with the user and handed in signed. Immutable snapshot.
 *
 * @param amount C2R, REPAY, SECURE: what moves; SETTLEMENT: 0 (the diffs say what moves)
 * @param diffs the settlement's per-token diffs; empty for a C2R
 * @param reason why it went stale, expired or failed
 * @param expiresAt when a proposed settlement stops waiting
 */
public record Proposal(
    long id,
    EntityId counterparty,
    int tokenId,
    Kind kind,
    BigInteger amount,
    List<Batch.SettlementDiff> diffs,
    BigInteger nonce,
    ProposalState state,
    Optional<Signature> signature,
    OptionalLong intentId,
    Optional<String> reason,
    Optional<Instant> expiresAt,
    Instant createdAt) {

  public Proposal {
    Objects.requireNonNull(counterparty, "counterparty == null");
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(amount, "amount == null");
    diffs = List.copyOf(diffs);
    Objects.requireNonNull(nonce, "nonce == null");
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(reason, "reason == null");
    Objects.requireNonNull(expiresAt, "expiresAt == null");
  }

  /** Whether it is a settlement (any kind but C2R). */
  public boolean isSettlement() {
    return kind != Kind.C2R;
  }

  /** What is signed. */
  public enum Kind {
    /** The hub withdraws its free collateral into its reserve. */
    C2R,
    /** The user repays the hub's credit from their reserve. */
    REPAY,
    /** The user secures the hub's credit with collateral from their reserve. */
    SECURE,
    /** A settlement the hub runtime agreed with the user. */
    SETTLEMENT
  }

  /** Where a proposal is. */
  public enum ProposalState {
    PROPOSED, APPROVED, SUBMITTED, USED, STALE, EXPIRED, FAILED;

    public boolean isOpen() {
      return this == PROPOSED || this == APPROVED || this == SUBMITTED;
    }
  }
}
