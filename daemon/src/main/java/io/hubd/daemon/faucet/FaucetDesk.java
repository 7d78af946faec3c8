package io.hubd.daemon.faucet;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.jobs.Job;
import io.hubd.daemon.jobs.JobStore;
import io.hubd.daemon.jobs.Rejection;
import io.hubd.daemon.limits.RollingBudget;
import io.hubd.daemon.limits.SpendRefs;
import io.hubd.daemon.rebalance.ReserveOutlook;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The faucet of test networks: pays a recipient from the hub's reserve in the next batch (to their wallet or to
 * their reserve). Refuses, changing nothing, when disabled, for unknown tokens, for amounts above the cap, beyond
 * the token's rolling budget, or when the reserve not yet promised to payouts or batches in flight cannot cover it ({@code INSUFFICIENT_RESERVE}
 * with {@code have} and {@code need}). Thread-safe; acceptance is serialised so two payouts never promise the same
 * reserve.
 */
public final class FaucetDesk {
  private final boolean enabled;
  private final Map<Integer, BigInteger> maxPerRequest;
  private final Map<Integer, RollingBudget> budgets;
  private final JobStore jobs;
  private final ReserveOutlook outlook;
  private final Clock clock;
  private final Runnable kick;
  private final MeterRegistry meters;
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong asked = new AtomicLong();

  public FaucetDesk(boolean enabled, Map<Integer, BigInteger> maxPerRequest, Map<Integer, RollingBudget> budgets,
      JobStore jobs, ReserveOutlook outlook, Clock clock, Runnable kick, MeterRegistry meters) {
    this.enabled = enabled;
    this.maxPerRequest = Map.copyOf(maxPerRequest);
    this.budgets = Map.copyOf(budgets);
    this.jobs = Objects.requireNonNull(jobs, "jobs == null");
    this.outlook = Objects.requireNonNull(outlook, "outlook == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.kick = Objects.requireNonNull(kick, "kick == null");
    this.meters = Objects.requireNonNull(meters, "meters == null");
    meters.gauge("hubd_faucet_success_ratio", this,
        d -> d.asked.get() == 0 ? 1.0 : (double) d.accepted.get() / d.asked.get());
  }

  /** Pays {@code amount} of {@code tokenId} to {@code recipient}'s wallet, or to its reserve when not {@code toWallet}. */
  public synchronized Job request(String recipient, int tokenId, BigInteger amount, boolean toWallet) {
    try {
      Job job = accept(recipient, tokenId, amount, toWallet);
      count("accepted");
      return job;
    } catch (Rejection r) {
      count(r.reason().name().toLowerCase());
      throw r;
    }
  }

  /** Counts a request the HTTP layer refused before it got here (rate limits, malformed bodies). */
  public void refusedUpstream(String outcome) {
    count(outcome);
  }

  private Job accept(String recipient, int tokenId, BigInteger amount, boolean toWallet) {
    if (!enabled) {
      throw new Rejection(Rejection.Reason.DISABLED, "the faucet is off on this network");
    }
    EntityId entity = EntityId.ofAddress(recipient);
    BigInteger max = maxPerRequest.get(tokenId);
    if (max == null) {
      throw new Rejection(Rejection.Reason.UNKNOWN_TOKEN, "token " + tokenId + " is not served by the faucet",
          Map.of("tokenId", tokenId, "served", maxPerRequest.keySet()));
    }
    if (amount.signum() <= 0 || amount.compareTo(max) > 0) {
      throw new Rejection(Rejection.Reason.AMOUNT_OUT_OF_RANGE, "amount must be in [1, " + max + "]",
          Map.of("max", max.toString(), "given", amount.toString()));
    }
    BigInteger have = outlook.payable(tokenId);
    if (amount.compareTo(have) > 0) {
      throw new Rejection(Rejection.Reason.INSUFFICIENT_RESERVE, "the hub's reserve cannot cover this payout now",
          Map.of("have", have.toString(), "need", amount.toString()));
    }
    RollingBudget budget = budgets.get(tokenId);
    Job job = jobs.atomically(() -> { // the job and its spending commit together, or neither does
      Job accepted = jobs.acceptFaucet(entity, toWallet ? Optional.of(recipient.toLowerCase()) : Optional.empty(),
          tokenId, amount, clock.instant());
      if (budget != null && !budget.trySpend(amount, SpendRefs.payout(accepted.id()))) {
        throw new Rejection(Rejection.Reason.BUDGET_EXHAUSTED, "the faucet's budget for this token is spent for now",
            Map.of("remaining", budget.remaining().toString()));
      }
      return accepted;
    });
    kick.run();
    return job;
  }

  private void count(String outcome) {
    asked.incrementAndGet();
    if (outcome.equals("accepted")) {
      accepted.incrementAndGet();
    }
    meters.counter("hubd_faucet_requests_total", "outcome", outcome).increment();
  }
}
