package io.hubd.daemon.rebalance;

import io.hubd.daemon.testkit.MutableClock;
import java.util.Map;

/** An index and a planner over it, with a hand-moved clock, for planner tests. Not thread-safe. */
final class Desk {
  final MutableClock clock = new MutableClock(Accounts.T0);
  final CandidateIndex index;
  final Planner planner;

  Desk(Map<Integer, TokenPolicy> policies) {
    index = new CandidateIndex(policies, clock);
    planner = new Planner(index);
  }

  static Desk of(int tokenId, TokenPolicy policy) {
    return new Desk(Map.of(tokenId, policy));
  }

  /** Applies account states as the mirror and positions feed would. */
  Desk with(HubAccount... accounts) {
    for (HubAccount account : accounts) {
      index.update(account);
    }
    return this;
  }

  /** Pins account states, as the caller does for accounts with requests or approvals. */
  Desk pinned(HubAccount... accounts) {
    for (HubAccount account : accounts) {
      index.pin(account);
    }
    return this;
  }

  Plan plan(TickBuilder tick) {
    return planner.plan(tick.build());
  }
}
