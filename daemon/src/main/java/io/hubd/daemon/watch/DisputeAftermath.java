package io.hubd.daemon.watch;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.jobs.Proposal;
import io.hubd.daemon.jobs.ProposalStore;
import io.hubd.daemon.mirror.MirrorView;
import io.hubd.daemon.mirror.MirroredDispute;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears what a dispute's end leaves behind: the account's nonce became the claim's, so the proposals waiting for the
 * user's signature at a nonce up to it can never be used; they go stale, and the account may be proposed anew (a C2R
 * left waiting would otherwise block new proposals, and hold the account to a hub exit it no longer needs). Looks at
 * the accounts whose dispute ended since the last look, and at the first look at every account with a proposal
 * waiting (a dispute may have ended while the daemon was down). Not thread-safe: the watchtower's thread uses it.
 */
final class DisputeAftermath {
  private static final Logger log = LoggerFactory.getLogger(DisputeAftermath.class);

  private final ProposalStore proposals;
  private final MirrorView mirror;
  private final Clock clock;
  private Optional<Set<EntityId>> open = Optional.empty();

  DisputeAftermath(ProposalStore proposals, MirrorView mirror, Clock clock) {
    this.proposals = Objects.requireNonNull(proposals, "proposals == null");
    this.mirror = Objects.requireNonNull(mirror, "mirror == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  /** Called with the disputes open now, as mirrored. */
  void look(List<MirroredDispute> openNow) {
    Set<EntityId> now = new HashSet<>();
    openNow.forEach(d -> now.add(d.counterparty()));
    Set<EntityId> ended = new HashSet<>();
    if (open.isEmpty()) {
      proposals.inState(Proposal.ProposalState.PROPOSED).forEach(p -> ended.add(p.counterparty()));
    } else {
      ended.addAll(open.get());
    }
    ended.removeAll(now);
    for (EntityId counterparty : ended) {
      int stale = proposals.markStaleUpTo(counterparty, mirror.accountNonce(counterparty), clock.instant());
      if (stale > 0) {
        log.info("{} proposals to {} went stale: the account's nonce on chain reached theirs", stale, counterparty);
      }
    }
    open = Optional.of(now);
  }
}
