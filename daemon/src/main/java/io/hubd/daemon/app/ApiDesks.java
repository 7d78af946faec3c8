package io.hubd.daemon.app;

import io.hubd.contracts.Eip712Domain;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.api.Services;
import io.hubd.daemon.api.Transactions;
import io.hubd.daemon.config.HubdConfig;
import io.hubd.daemon.config.TokenConfig;
import io.hubd.daemon.faucet.FaucetDesk;
import io.hubd.daemon.jobs.JobStore;
import io.hubd.daemon.jobs.Position;
import io.hubd.daemon.jobs.PositionStore;
import io.hubd.daemon.jobs.ProposalStore;
import io.hubd.daemon.limits.RollingBudget;
import io.hubd.daemon.mirror.Mirror;
import io.hubd.daemon.mirror.MirrorView;
import io.hubd.daemon.rebalance.FeeQuoter;
import io.hubd.daemon.rebalance.PositionsFeed;
import io.hubd.daemon.rebalance.ProposalDesk;
import io.hubd.daemon.rebalance.RequestDesk;
import io.hubd.daemon.rebalance.ReserveOutlook;
import io.hubd.daemon.rebalance.TokenPolicy;
import io.hubd.daemon.rebalance.UserReserves;
import io.hubd.daemon.settlement.SettlementDesk;
import io.hubd.daemon.store.Store;
import io.hubd.daemon.submit.IntentStatus;
import io.hubd.daemon.submit.JournalView;
import io.hubd.daemon.watch.AccountStates;
import io.hubd.daemon.watch.StateDesk;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The desks the HTTP API calls, built over one store: the active's, wired to its loops; or an HA standby's, over the
 * shared database opened read only and wired to nothing, which serve the endpoints that only read (the API refuses
 * the others on a standby before they reach a desk).
 */
final class ApiDesks {
  private ApiDesks() {}

  /** The stores and views the desks read and write, shared with the active's loops. */
  record Parts(JobStore jobs, PositionStore positions, ProposalStore proposals, MirrorView mirror,
      Map<Integer, RollingBudget> faucetBudgets, ReserveOutlook outlook, UserReserves userReserves,
      AccountStates states) {
    Parts {
      Objects.requireNonNull(jobs, "jobs == null");
      Objects.requireNonNull(positions, "positions == null");
      Objects.requireNonNull(proposals, "proposals == null");
      Objects.requireNonNull(mirror, "mirror == null");
      faucetBudgets = Map.copyOf(faucetBudgets);
      Objects.requireNonNull(outlook, "outlook == null");
      Objects.requireNonNull(userReserves, "userReserves == null");
      Objects.requireNonNull(states, "states == null");
    }
  }

  /**
   * What the desks set going: the coordinator hearing of new positions, the rebalance loop's kick, the watchtower's
   * kick (a newer co-signed state may counter a claim), the pipeline's transactions for the operator; and where the
   * desks' metrics go.
   */
  record Effects(Consumer<List<Position>> positionsChanged, Runnable kick, Runnable watchKick,
      Transactions transactions, MeterRegistry meters) {
    Effects {
      Objects.requireNonNull(positionsChanged, "positionsChanged == null");
      Objects.requireNonNull(kick, "kick == null");
      Objects.requireNonNull(watchKick, "watchKick == null");
      Objects.requireNonNull(transactions, "transactions == null");
      Objects.requireNonNull(meters, "meters == null");
    }
  }

  /** The desks of hub {@code hub} under {@code config} and {@code policies}. */
  static Services services(HubdConfig config, Map<Integer, TokenPolicy> policies, EntityId hub, Clock clock,
      Parts parts, Effects effects) {
    Eip712Domain domain = Eip712Domain.depository(config.chain().chainId(), config.chain().depository());
    Runnable kick = effects.kick();
    return new Services(
        new PositionsFeed(parts.positions(), effects.positionsChanged(), policies.keySet(), clock),
        new StateDesk(hub, domain, policies.keySet(), parts.mirror(), parts.states(), clock, effects.watchKick()),
        new RequestDesk(hub, domain, policies, new FeeQuoter(clock, config.rebalance().quoteTtl()), parts.jobs(),
            RequestDesk.knownTo(parts.mirror(), parts.positions()), clock, config.rebalance().maxRequestLifetime(),
            kick),
        new ProposalDesk(hub, domain, parts.proposals(), parts.mirror(), clock, kick, effects.meters()),
        new FaucetDesk(config.faucet().enabled(), Policies.faucetMaxPerRequest(config.tokens()), parts.faucetBudgets(),
            parts.jobs(), parts.outlook(), clock, kick, effects.meters()),
        parts.jobs(), parts.mirror(), hub, domain, effects.transactions(),
        new SettlementDesk(hub, domain, policies.keySet(), parts.proposals(), parts.mirror(), parts.userReserves(),
            clock, kick));
  }

  /**
   * A standby's desks over {@code shared}, the database opened read only: the mirror as the active last committed
   * it, the journal's transactions, nothing to kick or tell, metrics of their own (the active's desks register the
   * same gauges when this instance takes over).
   */
  static Services standby(HubdConfig config, Map<Integer, TokenPolicy> policies, EntityId hub, Store shared,
      UserReserves userReserves, Clock clock) {
    MirrorView view = Mirror.viewOf(shared, hub);
    JobStore jobs = new JobStore(shared, new SecureRandom());
    Parts parts = new Parts(jobs, new PositionStore(shared), new ProposalStore(shared), view,
        Budgets.of(shared, "faucet", config.tokens(), TokenConfig::faucetBudget, config.rebalance().budgetWindow(),
            clock),
        new ReserveOutlook(shared, view, jobs, block -> List.of(), hub), userReserves, new AccountStates(shared, hub));
    Effects none = new Effects(changed -> {}, () -> {}, () -> {}, new JournalTransactions(new JournalView(shared)),
        new SimpleMeterRegistry());
    return services(config, policies, hub, clock, parts, none);
  }

  /** The transactions in the journal, for the operator's reads; cancelling is the active's (a standby refuses it). */
  private record JournalTransactions(JournalView journal) implements Transactions {
    @Override
    public List<IntentStatus> open() {
      return journal.open();
    }

    @Override
    public boolean cancel(long id) {
      throw new IllegalStateException("a standby cancels nothing: the API refuses its writes before a desk");
    }
  }
}
