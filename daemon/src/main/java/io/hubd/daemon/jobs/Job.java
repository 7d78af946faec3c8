package io.hubd.daemon.jobs;

import io.hubd.contracts.EntityId;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One accepted piece of work and its progress. Amounts in token base units. Immutable snapshot.
 *
 * @param id the internal id, sequential; the daemon's own tables refer to it, the API never shows it
 * @param publicId 128 random bits as 32 lower-case hex digits: the id the API shows, to whoever submitted the job
 * @param counterparty R2C: the user; FAUCET: the recipient's entity id
 * @param wallet FAUCET to a wallet: the address paid (else the payout goes to the recipient's reserve)
 * @param funded landed and mirrored so far
 * @param planned in the batch in flight
 * @param intentId the transaction pipeline intent carrying {@code planned}
 * @param failures batches that carried this job and failed
 */
public record Job(
    long id,
    String publicId,
    JobKind kind,
    EntityId counterparty,
    Optional<String> wallet,
    int tokenId,
    BigInteger amount,
    BigInteger funded,
    BigInteger planned,
    Optional<BigInteger> maxFee,
    Optional<BigInteger> fee,
    JobState state,
    Optional<String> reason,
    OptionalLong intentId,
    int failures,
    Instant acceptedAt,
    Instant updatedAt,
    Optional<Instant> completedAt) {

  public Job {
    Objects.requireNonNull(publicId, "publicId == null");
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(counterparty, "counterparty == null");
    Objects.requireNonNull(amount, "amount == null");
    Objects.requireNonNull(funded, "funded == null");
    Objects.requireNonNull(planned, "planned == null");
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(acceptedAt, "acceptedAt == null");
  }

  /** What is still to be paid: the amount less what landed. */
  public BigInteger remaining() {
    return amount.subtract(funded).max(BigInteger.ZERO);
  }
}
