package io.hubd.daemon.jobs;

import io.hubd.contracts.EntityId;
import io.hubd.contracts.Signature;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A C2R the hub proposed to a user: release {@code amount} of the hub's free collateral in their account, at
 * account nonce {@code nonce}. Approved once the user's signature is in. Immutable snapshot.
 */
public record Proposal(
    long id,
    EntityId counterparty,
    int tokenId,
    BigInteger amount,
    BigInteger nonce,
    ProposalState state,
    Optional<Signature> signature,
    OptionalLong intentId,
    Instant createdAt) {

  public Proposal {
    Objects.requireNonNull(counterparty, "counterparty == null");
    Objects.requireNonNull(amount, "amount == null");
    Objects.requireNonNull(nonce, "nonce == null");
    Objects.requireNonNull(state, "state == null");
  }

  /** Where a proposal is. */
  public enum ProposalState {
    PROPOSED, APPROVED, SUBMITTED, USED, STALE;

    public boolean isOpen() {
      return this == PROPOSED || this == APPROVED || this == SUBMITTED;
    }
  }
}
