package io.hubd.daemon.app;

import io.hubd.contracts.Batch;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.admin.AdminDesk;
import io.hubd.daemon.admin.AuditLog;
import io.hubd.daemon.admin.ReserveSweep;
import io.hubd.daemon.admin.TokenPauses;
import io.hubd.daemon.api.Console;
import io.hubd.daemon.chain.Chain;
import io.hubd.daemon.config.HubdConfig;
import io.hubd.daemon.explain.DecisionLog;
import io.hubd.daemon.explain.Explainer;
import io.hubd.daemon.explain.RefusalLog;
import io.hubd.daemon.jobs.JobStore;
import io.hubd.daemon.jobs.PositionStore;
import io.hubd.daemon.jobs.ProposalStore;
import io.hubd.daemon.limits.RollingBudget;
import io.hubd.daemon.margin.FeeWatch;
import io.hubd.daemon.margin.MoneyMeters;
import io.hubd.daemon.mirror.MirrorView;
import io.hubd.daemon.rebalance.PlanObserver;
import io.hubd.daemon.rebalance.SettlementPolicy;
import io.hubd.daemon.rebalance.TokenPolicy;
import io.hubd.daemon.store.Store;
import io.hubd.daemon.submit.TransactionPipeline;
import io.hubd.daemon.ui.Cockpit;
import io.hubd.daemon.ui.CockpitSampler;
import io.hubd.daemon.ui.HaStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

/**
 * The composition root's part for the operator: built in two steps, because planning must know the paused tokens
 * and the decision log before the rebalance loop starts, while the admin desk needs the API's services. First the
 * operator's pauses (read from the store), the planner's decision log and the money meters the pipeline reports to;
 * then, with {@link #open}, the audit log, refusal log, admin desk, explainer, cockpit and their sampling loops.
 */
final class OperatorConsole {
  /** How often the operator page's history is sampled and fees are counted. */
  private static final Duration SAMPLING = Duration.ofSeconds(2);
  /** Bounds of what the planner's decisions and refused requests cost to remember (see DecisionLog, RefusalLog). */
  private static final int DECIDED_ACCOUNTS = 100_000;
  private static final int DECISIONS_PER_ACCOUNT = 8;
  private static final int DECISIONS_PER_TICK = 2_000;
  private static final int REFUSED_COUNTERPARTIES = 10_000;
  private static final int REFUSALS_PER_COUNTERPARTY = 4;

  /** What the console reads and steers, once the daemon's parts exist. */
  record Parts(EntityId hub, String hubAddress, Chain chain, MirrorView mirror, JobStore jobs,
      PositionStore positions, ProposalStore proposals, Map<Integer, TokenPolicy> policies,
      Map<String, Map<Integer, RollingBudget>> budgets, TransactionPipeline pipeline, LongPredicate cancelTransaction,
      Supplier<OptionalLong> batchInFlight, Supplier<Set<Integer>> drifted, Supplier<Set<EntityId>> frozen,
      Supplier<Cockpit.Readiness> readiness, HaStatus ha, Runnable kick) {}

  private final HubdConfig config;
  private final Store store;
  private final MeterRegistry meters;
  private final Clock clock;
  private final TokenPauses pauses;
  private final DecisionLog decisions;
  private final MoneyMeters money;

  OperatorConsole(HubdConfig config, Store store, EntityId hub, MeterRegistry meters, Clock clock) {
    this.config = config;
    this.store = store;
    this.meters = meters;
    this.clock = clock;
    this.pauses = new TokenPauses(store);
    this.decisions = new DecisionLog(DECIDED_ACCOUNTS, DECISIONS_PER_ACCOUNT, DECISIONS_PER_TICK);
    this.money = new MoneyMeters(meters, hub, symbols(), tokenUnitsPerGas());
  }

  /** The tokens not to plan for: paused by the operator, or by {@code drifted} (the mirror's drift repair). */
  Supplier<Set<Integer>> pausedOr(Supplier<Set<Integer>> drifted) {
    return TokenPauses.union(pauses::paused, drifted);
  }

  /** Keeps the planner's decisions for explanations. */
  PlanObserver decisions() {
    return decisions;
  }

  /** Told every mined transaction, for fees, gas and netting. */
  MoneyMeters money() {
    return money;
  }

  /** Starts a named loop that calls {@code step} every {@code interval}. */
  @FunctionalInterface
  interface Loops {
    void start(String name, Duration interval, Runnable step);
  }

  /** Builds the console over {@code parts} and starts its sampling loops. */
  Console open(Parts parts, Loops loops) {
    AuditLog audit = new AuditLog(store);
    RefusalLog refusals = new RefusalLog(clock, REFUSED_COUNTERPARTIES, REFUSALS_PER_COUNTERPARTY);
    Map<Integer, BigInteger> targets = new HashMap<>();
    config.tokens().forEach((id, t) -> targets.put(id, t.targetReserve()));
    AdminDesk admin = new AdminDesk(store, parts.jobs(), pauses, new ReserveSweep(store, parts.mirror(), parts.jobs(),
        targets, parts.hubAddress(), Optional.ofNullable(config.topup().coldAddress())), audit,
        parts.budgets().get("faucet"), parts.cancelTransaction(), parts.kick(), clock);
    Explainer explainer = new Explainer(new Explainer.Sources(parts.hub(), parts.mirror(), parts.positions(),
        parts.jobs(), parts.proposals(), parts.policies(), parts.budgets().get("r2c"), decisions, refusals,
        pausedOr(parts.drifted()), parts.batchInFlight(), counterparty -> parts.frozen().get().contains(counterparty)),
        clock);
    CockpitSampler sampler = CockpitSampler.create(tokenInfos(parts.policies()), parts.hub(), parts.hubAddress(),
        parts.mirror(), parts.positions()::all, parts.chain(), money, parts.budgets(), meters, clock);
    Cockpit cockpit = new Cockpit(new Cockpit.Sources(parts.hubAddress(), parts.mirror(), parts.jobs(),
        parts.proposals(), id -> parts.pipeline().batch(id).map(Batch::operationCount), money, audit, pauses::paused,
        parts.drifted(), parts.budgets(), parts.readiness(), parts.ha(), meters), sampler,
        store, clock);
    FeeWatch fees = new FeeWatch(store, money, clock);
    loops.start("hubd-cockpit", SAMPLING, sampler::step);
    loops.start("hubd-fees", SAMPLING, fees::step);
    return new Console(cockpit::snapshot, explainer, admin, audit, refusals);
  }

  private Map<Integer, String> symbols() {
    Map<Integer, String> out = new HashMap<>();
    config.tokens().forEach((id, t) -> out.put(id, t.symbol()));
    return out;
  }

  private Map<Integer, BigInteger> tokenUnitsPerGas() {
    Map<Integer, BigInteger> out = new HashMap<>();
    config.tokens().forEach((id, t) -> out.put(id, t.tokenUnitsPerGas()));
    return out;
  }

  private Map<Integer, CockpitSampler.TokenInfo> tokenInfos(Map<Integer, TokenPolicy> policies) {
    Map<Integer, CockpitSampler.TokenInfo> out = new HashMap<>();
    config.tokens().forEach((id, t) -> out.put(id, new CockpitSampler.TokenInfo(id, t.symbol(), t.minReserve(),
        t.targetReserve(), t.softLimit(), t.hardLimit(), Optional.ofNullable(policies.get(id))
            .flatMap(TokenPolicy::settlement).map(SettlementPolicy::creditSoftLimit))));
    return out;
  }
}
