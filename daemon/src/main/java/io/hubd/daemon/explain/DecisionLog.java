package io.hubd.daemon.explain;

import io.hubd.daemon.rebalance.AccountKey;
import io.hubd.daemon.rebalance.Funding;
import io.hubd.daemon.rebalance.Plan;
import io.hubd.daemon.rebalance.PlanObserver;
import io.hubd.daemon.rebalance.Queued;
import io.hubd.daemon.rebalance.UnusedApproval;
import io.hubd.daemon.rebalance.UnusedSettlement;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the planner decided about each account at its last ticks, taken from the plans themselves
 * ({@link PlanObserver}): funded, queued with a {@code QueueReason}, a C2R or settlement left unused and why. Bounded
 * in every direction, so that it costs nothing that grows with the number of accounts: at most {@code maxPerTick}
 * entries are read from one plan (queued targets come ranked first, so those are the ones the next ticks are about),
 * at most {@code perAccount} decisions are kept per account (a decision repeated tick after tick is one entry with a
 * count), and at most {@code maxAccounts} accounts are kept, the least recently decided forgotten first. Thread-safe:
 * written by the rebalance loop, read by the API.
 */
public final class DecisionLog implements PlanObserver {
  /** What happened to an account in a plan. */
  public enum Kind {
    FUNDED,
    QUEUED,
    C2R_NOT_USED,
    SETTLEMENT_NOT_USED
  }

  /**
   * One decision, repeated {@code ticks} times from {@code first} to {@code last}.
   *
   * @param reason the planner's {@code QueueReason} name; empty for FUNDED
   * @param amount what was funded, or what still waits; zero when the plan gives none
   */
  public record Decision(Kind kind, Optional<String> reason, BigInteger amount, Instant first, Instant last,
      long ticks) {
    public Decision {
      Objects.requireNonNull(kind, "kind == null");
      Objects.requireNonNull(reason, "reason == null");
      Objects.requireNonNull(amount, "amount == null");
    }

    boolean sameAs(Kind k, Optional<String> r, BigInteger a) {
      return kind == k && reason.equals(r) && amount.equals(a);
    }
  }

  private final int maxAccounts;
  private final int perAccount;
  private final int maxPerTick;
  private final LinkedHashMap<AccountKey, Deque<Decision>> byAccount;
  private volatile Instant lastTick;

  public DecisionLog(int maxAccounts, int perAccount, int maxPerTick) {
    if (maxAccounts < 1 || perAccount < 1 || maxPerTick < 1) {
      throw new IllegalArgumentException("bounds must be positive");
    }
    this.maxAccounts = maxAccounts;
    this.perAccount = perAccount;
    this.maxPerTick = maxPerTick;
    this.byAccount = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<AccountKey, Deque<Decision>> eldest) {
        return size() > DecisionLog.this.maxAccounts;
      }
    };
  }

  @Override
  public synchronized void planned(Plan plan, Instant at) {
    lastTick = at;
    int budget = maxPerTick;
    for (Funding f : plan.fundings()) {
      if (budget-- <= 0) {
        return;
      }
      add(f.account(), Kind.FUNDED, Optional.empty(), f.amount(), at);
    }
    for (Queued q : plan.queued()) {
      if (budget-- <= 0) {
        return;
      }
      add(q.account(), Kind.QUEUED, Optional.of(q.reason().name()), q.amount(), at);
    }
    for (UnusedApproval u : plan.unusedApprovals()) {
      if (budget-- <= 0) {
        return;
      }
      add(u.approval().key(), Kind.C2R_NOT_USED, Optional.of(u.reason().name()), u.approval().amount(), at);
    }
    for (UnusedSettlement u : plan.unusedSettlements()) {
      for (var diff : u.settlement().diffs()) {
        if (budget-- <= 0) {
          return;
        }
        add(new AccountKey(u.settlement().counterparty(), diff.tokenId()), Kind.SETTLEMENT_NOT_USED,
            Optional.of(u.reason().name()), BigInteger.ZERO, at);
      }
    }
  }

  /** The decisions about {@code account}, oldest first; empty when none was recorded or it was forgotten. */
  public synchronized List<Decision> of(AccountKey account) {
    Deque<Decision> d = byAccount.get(account);
    return d == null ? List.of() : List.copyOf(d);
  }

  /** When the last plan was made. */
  public Optional<Instant> lastTick() {
    return Optional.ofNullable(lastTick);
  }

  private void add(AccountKey key, Kind kind, Optional<String> reason, BigInteger amount, Instant at) {
    Deque<Decision> decisions = byAccount.computeIfAbsent(key, k -> new ArrayDeque<>(2));
    Decision last = decisions.peekLast();
    if (last != null && last.sameAs(kind, reason, amount)) {
      decisions.pollLast();
      decisions.addLast(new Decision(kind, reason, amount, last.first(), at, last.ticks() + 1));
      return;
    }
    decisions.addLast(new Decision(kind, reason, amount, at, at, 1));
    while (decisions.size() > perAccount) {
      decisions.pollFirst();
    }
  }

  /** How many accounts are remembered. */
  public synchronized int size() {
    return byAccount.size();
  }
}
