package io.hubd.daemon.explain;

import io.hubd.contracts.EntityId;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The last rebalance requests refused per counterparty after its signature was checked (rate limited, fee above
 * the request's {@code maxFee}, budget, …): what a user was told that the planner never saw. Bounded: at most
 * {@code perCounterparty} refusals per counterparty and {@code maxCounterparties} counterparties, the least recently
 * refused forgotten first. Thread-safe.
 */
public final class RefusalLog {
  /** One refusal: the API's error code and message. */
  public record Refusal(Instant at, String code, String message) {
    public Refusal {
      Objects.requireNonNull(at, "at == null");
      Objects.requireNonNull(code, "code == null");
      Objects.requireNonNull(message, "message == null");
    }
  }

  private final java.time.Clock clock;
  private final int perCounterparty;
  private final LinkedHashMap<EntityId, Deque<Refusal>> refusals;

  public RefusalLog(java.time.Clock clock, int maxCounterparties, int perCounterparty) {
    this.clock = Objects.requireNonNull(clock, "clock == null");
    if (maxCounterparties < 1 || perCounterparty < 1) {
      throw new IllegalArgumentException("bounds must be positive");
    }
    this.perCounterparty = perCounterparty;
    this.refusals = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<EntityId, Deque<Refusal>> eldest) {
        return size() > maxCounterparties;
      }
    };
  }

  /** Records that a request of {@code counterparty} was refused now with the API's {@code code}. */
  public synchronized void refused(EntityId counterparty, String code, String message) {
    Deque<Refusal> d = refusals.computeIfAbsent(counterparty, k -> new ArrayDeque<>(2));
    d.addLast(new Refusal(clock.instant(), code, message));
    while (d.size() > perCounterparty) {
      d.pollFirst();
    }
  }

  /** The refusals of {@code counterparty}, oldest first. */
  public synchronized List<Refusal> of(EntityId counterparty) {
    Deque<Refusal> d = refusals.get(counterparty);
    return d == null ? List.of() : List.copyOf(d);
  }
}
