package io.hubd.daemon.rebalance;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * An R2C target, or the unfunded rest of one, that a plan leaves for a later tick. Immutable.
 *
 * @param account the account and token
 * @param amount what the account still wants, positive
 * @param reason why it waits
 * @param jobIds the requests not fully served, oldest first
 * @param policyTrigger whether the soft-limit top-up is not fully served
 */
public record Queued(AccountKey account, BigInteger amount, QueueReason reason, List<String> jobIds,
    boolean policyTrigger) {
  public Queued {
    Objects.requireNonNull(account, "account == null");
    Exposure.positive(amount, "amount");
    Objects.requireNonNull(reason, "reason == null");
    jobIds = List.copyOf(Objects.requireNonNull(jobIds, "jobIds == null"));
  }
}
