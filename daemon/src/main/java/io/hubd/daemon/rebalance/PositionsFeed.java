package io.hubd.daemon.rebalance;

import io.hubd.daemon.jobs.Position;
import io.hubd.daemon.jobs.PositionStore;
import io.hubd.daemon.jobs.Rejection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Takes the hub runtime's positions reports: each under a version above the last one, for served tokens only,
 * each account at most once per report. A refused report changes nothing; an accepted one is stored and handed
 * to the rebalance loop ({@code changed}). Every position is stored, but one whose counterparty cannot sign a C2R
 * ({@link Signers}) is never collateralised; the answer lists those. Thread-safe.
 */
public final class PositionsFeed {
  private final PositionStore store;
  private final Consumer<List<Position>> changed;
  private final Set<Integer> tokens;
  private final Clock clock;

  /**
   * A report stored under {@code version}.
   *
   * @param neverCollateralised the accounts of the report the hub will never collateralise, because their
   *     counterparty cannot sign the C2R that would return the collateral ({@link Signers#WHY_NOT})
   */
  public record Applied(long version, int positions, List<AccountKey> neverCollateralised) {
    public Applied {
      neverCollateralised = List.copyOf(neverCollateralised);
    }
  }

  /** @param changed told of the positions of every accepted report (the rebalance loop queues them) */
  public PositionsFeed(PositionStore store, Consumer<List<Position>> changed, Set<Integer> tokens, Clock clock) {
    this.store = Objects.requireNonNull(store, "store == null");
    this.changed = Objects.requireNonNull(changed, "changed == null");
    this.tokens = Set.copyOf(tokens);
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  public long version() {
    return store.version();
  }

  public synchronized Applied apply(long version, List<Position> positions) {
    if (version <= 0) {
      throw new Rejection(Rejection.Reason.INVALID, "version must be positive, got " + version);
    }
    Set<AccountKey> seen = new HashSet<>();
    List<AccountKey> neverCollateralised = new ArrayList<>();
    for (Position p : positions) {
      if (!tokens.contains(p.tokenId())) {
        throw new Rejection(Rejection.Reason.UNKNOWN_TOKEN, "token " + p.tokenId() + " is not served here",
            Map.of("tokenId", p.tokenId()));
      }
      AccountKey key = new AccountKey(p.counterparty(), p.tokenId());
      if (!seen.add(key)) {
        throw new Rejection(Rejection.Reason.INVALID, "account " + p.counterparty() + " in token " + p.tokenId()
            + " appears twice in one report");
      }
      if (!Signers.canSign(p.counterparty())) {
        neverCollateralised.add(key);
      }
    }
    store.apply(version, positions, clock.instant());
    changed.accept(positions);
    return new Applied(version, positions.size(), neverCollateralised);
  }
}
