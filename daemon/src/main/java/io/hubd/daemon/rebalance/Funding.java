package io.hubd.daemon.rebalance;

import io.hubd.contracts.Batch;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * One R2C pair of a plan and what it serves: the requests on the account and the soft-limit top-up, fully or in
 * part. Immutable.
 *
 * @param account the account and token
 * @param amount moved from the hub's reserve into the account's collateral, positive, at most {@code wanted}
 * @param wanted what the account wanted this tick: the larger of the top-up and the requests (capped at the
 *     exposure), never above the exposure
 * @param topUp the soft-limit top-up ({@code exposure - target}), 0 when the policy did not trigger
 * @param requests the requests served, oldest first
 */
public record Funding(
    AccountKey account, BigInteger amount, BigInteger wanted, BigInteger topUp, List<RequestShare> requests) {

  public Funding {
    Objects.requireNonNull(account, "account == null");
    Exposure.positive(amount, "amount");
    Exposure.positive(wanted, "wanted");
    Exposure.nonNegative(topUp, "topUp");
    requests = List.copyOf(Objects.requireNonNull(requests, "requests == null"));
    if (amount.compareTo(wanted) > 0) {
      throw new IllegalArgumentException("funding of " + account + " exceeds what it wants: " + amount);
    }
  }

  /** Whether the reserve ran out before {@code wanted}; the rest is queued. */
  public boolean partial() {
    return amount.compareTo(wanted) < 0;
  }

  /** Whether this pair serves a soft-limit top-up, fully or in part. */
  public boolean servesTopUp() {
    return topUp.signum() > 0;
  }

  public Batch.R2CPair toPair() {
    return new Batch.R2CPair(account.counterparty(), amount);
  }
}
