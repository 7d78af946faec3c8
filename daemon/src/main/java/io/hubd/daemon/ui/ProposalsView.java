package io.hubd.daemon.ui;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.jobs.Proposal;
import io.hubd.daemon.jobs.ProposalStore;
import io.hubd.daemon.rebalance.SettlementDiffs;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The cockpit's proposals panel, read on request: the open proposals and settlements counted by kind and state, the
 * oldest open ones and the latest that ended (at most {@code rows} of each), all from indexed reads of the proposals
 * table; and the settlements' outcomes since the start from {@code hubd_settlement_proposals_total}. Thread-safe.
 */
final class ProposalsView {
  private final ProposalStore store;
  private final EntityId hub;
  private final MeterRegistry meters;
  private final int rows;

  ProposalsView(ProposalStore store, EntityId hub, MeterRegistry meters, int rows) {
    this.store = Objects.requireNonNull(store, "store == null");
    this.hub = Objects.requireNonNull(hub, "hub == null");
    this.meters = Objects.requireNonNull(meters, "meters == null");
    this.rows = rows;
  }

  CockpitView.Proposals view(Instant now) {
    Map<String, Map<String, Long>> byKind = new LinkedHashMap<>();
    store.openCounts().forEach((kind, byState) -> {
      Map<String, Long> states = new LinkedHashMap<>();
      byState.forEach((state, n) -> states.put(state.name(), n));
      byKind.put(kind.name(), states);
    });
    Map<String, Long> outcomes = new TreeMap<>();
    meters.find("hubd_settlement_proposals_total").counters()
        .forEach(c -> outcomes.merge(c.getId().getTag("outcome"), (long) c.count(), Long::sum));
    return new CockpitView.Proposals(byKind, outcomes, store.open(rows).stream().map(p -> row(p, now)).toList(),
        store.recentlyEnded(rows).stream().map(p -> row(p, now)).toList());
  }

  private CockpitView.ProposalRow row(Proposal p, Instant now) {
    return new CockpitView.ProposalRow(p.id(), p.kind().name(), p.state().name(), p.tokenId(), p.counterparty().hex(),
        amount(p).toString(), p.nonce().toString(), Duration.between(p.createdAt(), now).toSeconds(),
        p.expiresAt().map(t -> t.truncatedTo(ChronoUnit.SECONDS).toString()).orElse(null),
        p.intentId().isPresent() ? p.intentId().getAsLong() : null, p.reason().orElse(null));
  }

  /** What moves: the proposal's amount, or for a handed-in settlement the hub's reserve change in its first token. */
  private BigInteger amount(Proposal p) {
    if (p.kind() != Proposal.Kind.SETTLEMENT || p.diffs().isEmpty()) {
      return p.amount();
    }
    return SettlementDiffs.hubReserve(hub.isLeftOf(p.counterparty()), p.diffs().get(0));
  }
}
