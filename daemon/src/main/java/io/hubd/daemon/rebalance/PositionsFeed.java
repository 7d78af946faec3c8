package io.hubd.daemon.rebalance;

import io.hubd.daemon.jobs.Position;
import io.hubd.daemon.jobs.PositionStore;
import io.hubd.daemon.jobs.Rejection;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Takes the hub runtime's positions reports: each under a version above the last one, for served tokens only,
 * each account at most once per report. A refused report changes nothing; an accepted one is stored and handed
 * to the rebalance loop. Thread-safe.
 */
public final class PositionsFeed {
  private final PositionStore store;
  private final RebalanceCoordinator coordinator;
  private final Set<Integer> tokens;
  private final Clock clock;

  public PositionsFeed(PositionStore store, RebalanceCoordinator coordinator, Set<Integer> tokens, Clock clock) {
    this.store = Objects.requireNonNull(store, "store == null");
    this.coordinator = Objects.requireNonNull(coordinator, "coordinator == null");
    this.tokens = Set.copyOf(tokens);
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  public long version() {
    return store.version();
  }

  public synchronized void apply(long version, List<Position> positions) {
    if (version <= 0) {
      throw new Rejection(Rejection.Reason.INVALID, "version must be positive, got " + version);
    }
    Set<AccountKey> seen = new HashSet<>();
    for (Position p : positions) {
      if (!tokens.contains(p.tokenId())) {
        throw new Rejection(Rejection.Reason.UNKNOWN_TOKEN, "token " + p.tokenId() + " is not served here",
            Map.of("tokenId", p.tokenId()));
      }
      if (!seen.add(new AccountKey(p.counterparty(), p.tokenId()))) {
        throw new Rejection(Rejection.Reason.INVALID, "account " + p.counterparty() + " in token " + p.tokenId()
            + " appears twice in one report");
      }
    }
    store.apply(version, positions, clock.instant());
    coordinator.positionsChanged(positions);
  }
}
