package io.hubd.daemon.rebalance;

import io.hubd.contracts.EntityId;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * A user's accepted request for collateral (R2C) into their account with the hub, waiting to be planned. Immutable.
 *
 * @param jobId the request's job id, unique
 * @param counterparty the user
 * @param tokenId the token
 * @param amount the collateral asked for, positive
 * @param acceptedAt when hubd accepted the request
 * @param maxFee the largest fee the user agreed to
 * @param quotedFee the fee quoted to the user, at most {@code maxFee}
 */
public record R2CRequest(
    String jobId,
    EntityId counterparty,
    int tokenId,
    BigInteger amount,
    Instant acceptedAt,
    BigInteger maxFee,
    BigInteger quotedFee) {

  public R2CRequest {
    if (jobId == null || jobId.isBlank()) {
      throw new IllegalArgumentException("jobId is required");
    }
    Objects.requireNonNull(counterparty, "counterparty == null");
    Exposure.positive(amount, "amount");
    Objects.requireNonNull(acceptedAt, "acceptedAt == null");
    Exposure.nonNegative(maxFee, "maxFee");
    Exposure.nonNegative(quotedFee, "quotedFee");
    if (quotedFee.compareTo(maxFee) > 0) {
      throw new IllegalArgumentException("request " + jobId + ": quotedFee exceeds maxFee");
    }
    new AccountKey(counterparty, tokenId); // validates the token id
  }

  public AccountKey key() {
    return new AccountKey(counterparty, tokenId);
  }
}
