package io.hubd.daemon.api;

import io.hubd.contracts.Eip712Domain;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.faucet.FaucetDesk;
import io.hubd.daemon.jobs.JobStore;
import io.hubd.daemon.mirror.MirrorView;
import io.hubd.daemon.rebalance.PositionsFeed;
import io.hubd.daemon.rebalance.ProposalDesk;
import io.hubd.daemon.settlement.SettlementDesk;
import io.hubd.daemon.rebalance.RequestDesk;
import io.hubd.daemon.watch.StateDesk;
import java.util.Objects;

/**
 * What the HTTP API calls: the desks that accept work, the job store for status, the mirror for reads, and the
 * transactions in flight and the runtime's settlements for the operator.
 */
public record Services(
    PositionsFeed positions,
    StateDesk states,
    RequestDesk requests,
    ProposalDesk proposals,
    FaucetDesk faucet,
    JobStore jobs,
    MirrorView mirror,
    EntityId hub,
    Eip712Domain domain,
    Transactions transactions,
    SettlementDesk settlements) {
  public Services {
    Objects.requireNonNull(positions, "positions == null");
    Objects.requireNonNull(states, "states == null");
    Objects.requireNonNull(requests, "requests == null");
    Objects.requireNonNull(proposals, "proposals == null");
    Objects.requireNonNull(faucet, "faucet == null");
    Objects.requireNonNull(jobs, "jobs == null");
    Objects.requireNonNull(mirror, "mirror == null");
    Objects.requireNonNull(hub, "hub == null");
    Objects.requireNonNull(domain, "domain == null");
    Objects.requireNonNull(transactions, "transactions == null");
    Objects.requireNonNull(settlements, "settlements == null");
  }
}
