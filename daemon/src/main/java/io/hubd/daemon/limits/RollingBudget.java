package io.hubd.daemon.limits;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * A spending cap over a sliding window: at most {@code limit} base units spent in any {@code window}. Exact
 * (BigInteger); spending is recorded only when it fits, and can be refunded when what it paid for did not happen.
 * Thread-safe.
 */
public final class RollingBudget {
  private final BigInteger limit;
  private final Duration window;
  private final Clock clock;
  private final Deque<Spend> spends = new ArrayDeque<>();
  private BigInteger spent = BigInteger.ZERO;

  private record Spend(Instant at, BigInteger amount) {}

  public RollingBudget(BigInteger limit, Duration window, Clock clock) {
    this.limit = Objects.requireNonNull(limit, "limit == null");
    if (limit.signum() < 0) {
      throw new IllegalArgumentException("a budget limit must not be negative: " + limit);
    }
    this.window = Objects.requireNonNull(window, "window == null");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("a budget window must be positive: " + window);
    }
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  /** Records {@code amount} as spent now if it fits in what is left; returns whether it did. */
  public synchronized boolean trySpend(BigInteger amount) {
    checkAmount(amount);
    expire();
    if (spent.add(amount).compareTo(limit) > 0) {
      return false;
    }
    spends.addLast(new Spend(clock.instant(), amount));
    spent = spent.add(amount);
    return true;
  }

  /** Records spending that already happened (e.g. replayed from the journal at start-up), fitting or not. */
  public synchronized void record(Instant at, BigInteger amount) {
    checkAmount(amount);
    spends.addLast(new Spend(at, amount));
    spent = spent.add(amount);
    expire();
  }

  /** Gives back {@code amount} of the most recent spending (what it paid for did not happen). */
  public synchronized void refund(BigInteger amount) {
    checkAmount(amount);
    BigInteger left = amount;
    while (left.signum() > 0 && !spends.isEmpty()) {
      Spend last = spends.removeLast();
      BigInteger take = last.amount().min(left);
      left = left.subtract(take);
      spent = spent.subtract(take);
      if (last.amount().compareTo(take) > 0) {
        spends.addLast(new Spend(last.at(), last.amount().subtract(take)));
      }
    }
  }

  public synchronized BigInteger remaining() {
    expire();
    return limit.subtract(spent).max(BigInteger.ZERO);
  }

  public BigInteger limit() {
    return limit;
  }

  private void expire() {
    Instant cutoff = clock.instant().minus(window);
    while (!spends.isEmpty() && !spends.peekFirst().at().isAfter(cutoff)) {
      spent = spent.subtract(spends.removeFirst().amount());
    }
  }

  private static void checkAmount(BigInteger amount) {
    Objects.requireNonNull(amount, "amount == null");
    if (amount.signum() <= 0) {
      throw new IllegalArgumentException("amount must be positive: " + amount);
    }
  }
}
