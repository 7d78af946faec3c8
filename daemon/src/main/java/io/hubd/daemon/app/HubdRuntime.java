package io.hubd.daemon.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.hubd.contracts.Eip712Domain;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.api.ApiServer;
import io.hubd.daemon.api.ApiSettings;
import io.hubd.daemon.api.Console;
import io.hubd.daemon.api.HubRoutes;
import io.hubd.daemon.api.LateRoutes;
import io.hubd.daemon.api.Services;
import io.hubd.daemon.chain.Chain;
import io.hubd.daemon.config.HubKeyLoader;
import io.hubd.daemon.config.HubdConfig;
import io.hubd.daemon.config.TokenConfig;
import io.hubd.daemon.faucet.FaucetDesk;
import io.hubd.daemon.jobs.JobStore;
import io.hubd.daemon.jobs.PositionStore;
import io.hubd.daemon.jobs.ProposalStore;
import io.hubd.daemon.limits.RollingBudget;
import io.hubd.daemon.metrics.Metrics;
import io.hubd.daemon.mirror.DriftGuard;
import io.hubd.daemon.mirror.Mirror;
import io.hubd.daemon.mirror.MirrorRunner;
import io.hubd.daemon.mirror.MirrorSettings;
import io.hubd.daemon.mirror.Reconciler;
import io.hubd.daemon.rebalance.ChainUserReserves;
import io.hubd.daemon.rebalance.FeeQuoter;
import io.hubd.daemon.rebalance.PositionsFeed;
import io.hubd.daemon.rebalance.ProposalDesk;
import io.hubd.daemon.rebalance.RebalanceCoordinator;
import io.hubd.daemon.rebalance.RequestDesk;
import io.hubd.daemon.rebalance.ReserveOutlook;
import io.hubd.daemon.rebalance.TokenPolicy;
import io.hubd.daemon.rebalance.UserReserves;
import io.hubd.daemon.settlement.SettlementDesk;
import io.hubd.daemon.store.DataDirLock;
import io.hubd.daemon.store.Store;
import io.hubd.daemon.submit.CrashAtStage;
import io.hubd.daemon.submit.GasWatch;
import io.hubd.daemon.submit.TransactionPipeline;
import io.hubd.daemon.topup.ReserveTopUp;
import io.hubd.daemon.ui.Cockpit;
import io.hubd.daemon.watch.AccountStates;
import io.hubd.daemon.watch.StateDesk;
import io.hubd.daemon.watch.Watchtower;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;

/**
 * The composition root: builds every long-lived object (HTTP client, the one Web3j, Resilience4j policies, store,
 * metrics, API server), checks the chain before anything runs, and closes it all in reverse order. No other class
 * builds these.
 */
public final class HubdRuntime implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HubdRuntime.class);
  /** How often the used nonces of expired requests are forgotten. */
  private static final Duration NONCE_PRUNE_INTERVAL = Duration.ofMinutes(1);
  private static final Duration GAS_CHECK_INTERVAL = Duration.ofSeconds(10);
  /** How long a read of a user's reserve serves sizing new settlement proposals. */
  private static final Duration USER_RESERVES_MAX_AGE = Duration.ofSeconds(30);
  private static final String MIRROR_LOOP = "hubd-mirror";
  /** The exit status when a loop hits an {@link Error}: the process ends for its supervisor to start afresh. */
  static final int EXIT_FATAL = 70;

  private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
  private final HubdConfig config;
  private Chain chain;
  private Store store;
  private ApiServer api;
  private Credentials hubKey;
  private Mirror mirror;
  private TransactionPipeline pipeline;
  private RebalanceCoordinator coordinator;
  private UserReserves userReserves;
  private ReserveTopUp topUp;
  private Reconciler reconciler;
  private LoopHealth loops;
  private final DaemonReadiness readiness = new DaemonReadiness();
  private DriftGuard driftGuard;
  private Watchtower watchtower;
  private PrometheusMeterRegistry meters;
  private Services services;

  private HubdRuntime(HubdConfig config) {
    this.config = config;
  }

  /** Builds and starts everything; on failure closes what was built and rethrows. */
  public static HubdRuntime start(HubdConfig config, Map<String, String> environment) {
    HubdRuntime runtime = new HubdRuntime(config);
    try {
      runtime.build(environment);
      return runtime;
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
  }

  private void build(Map<String, String> environment) {
    Clock clock = Clock.systemUTC();
    hubKey = new HubKeyLoader(environment).load(config.hub());
    meters = Metrics.prometheus();
    closeables.push(meters::close);
    loops = new LoopHealth(meters, clock);
    Map<Integer, TokenPolicy> policies = Policies.of(config.tokens());
    LateRoutes routes = new LateRoutes(readiness::phase);
    api = ApiServer.start(config.http(), new ObjectMapper().registerModule(new Jdk8Module()), readiness,
        meters::scrape, routes::register); // from the first second: 503 with the phase until ready
    closeables.push(api);

    readiness.phase("connecting to the node");
    ChainAccess access = ChainAccess.open(config.chain(), clock, meters);
    closeables.push(access);
    chain = access.chain();
    access.checkServes(config.chain());

    readiness.phase("opening the data directory");
    closeables.push(DataDirLock.acquire(config.store().dataDir())); // released last of what follows
    store = Store.open(config.store().dataDir());
    closeables.push(store);
    store.bind(config.chain().chainId(), config.chain().depository(), hubKey.getAddress());
    EntityId hub = EntityId.ofAddress(hubKey.getAddress());

    // its own thread: a prefetch queued behind the polling thread would never run while that thread waits for it
    ExecutorService logPrefetch = Executors.newSingleThreadExecutor(Loop.daemonThreads("hubd-mirror-prefetch"));
    closeables.push(logPrefetch::shutdownNow); // closed after the mirror loop, which may be waiting for a prefetch
    mirror = new Mirror(chain, store, MirrorSettings.of(config.chain(), hub), clock, meters, logPrefetch);
    reconciler = new Reconciler(chain, store, MirrorSettings.of(config.chain(), hub), meters);

    readiness.phase("settling the transaction journal against the chain");
    OperatorConsole operator = new OperatorConsole(config, store, hub, meters, clock);
    pipeline = TransactionPipeline.builder(chain, store, hubKey)
        .listener(operator.money())
        .chainId(config.chain().chainId())
        .depository(config.chain().depository())
        .config(config.submit())
        .confirmations(config.chain().confirmations())
        .meters(meters)
        .stages(CrashAtStage.fromEnvironment(environment))
        .clock(clock)
        .build();
    pipeline.recover();

    readiness.phase("building the desks");
    Duration window = config.rebalance().budgetWindow();
    Map<Integer, TokenConfig> tokens = config.tokens();
    Map<Integer, RollingBudget> r2cBudgets = Budgets.of(store, "r2c", tokens, TokenConfig::r2cBudget, window, clock);
    Map<Integer, RollingBudget> faucetBudgets =
        Budgets.of(store, "faucet", tokens, TokenConfig::faucetBudget, window, clock);
    JobStore jobs = new JobStore(store, new java.security.SecureRandom());
    PositionStore positions = new PositionStore(store);
    ProposalStore proposals = new ProposalStore(store);
    userReserves = new ChainUserReserves(chain, config.chain().depository(), clock, USER_RESERVES_MAX_AGE);
    ReserveOutlook outlook =
        new ReserveOutlook(store, mirror.view(), jobs, pipeline::batchesNotLandedBy, hub);
    Map<Integer, RollingBudget> topUpBudgets =
        Budgets.of(store, "topup", tokens, TokenConfig::topUpBudget, window, clock);
    topUp = new ReserveTopUp(ReserveTopUp.Settings.of(config, hubKey.getAddress()), chain, store, mirror.view(),
        outlook::committed, pipeline, topUpBudgets, clock, meters);
    coordinator = new RebalanceCoordinator(
        new RebalanceCoordinator.Settings(hub, config.chain().depository(), policies, r2cBudgets, faucetBudgets,
            config.rebalance().maxFailures()),
        mirror.view(), jobs, positions, proposals, pipeline, topUp, userReserves, clock, meters);
    AccountStates states = new AccountStates(store, hub);
    watchtower = new Watchtower(hub, Policies.exits(config.tokens()), chain, mirror.view(), pipeline, states,
        proposals, clock, meters);
    mirror.addListener(new PipelineFollowsMirror(pipeline));
    mirror.addListener(coordinator);
    mirror.addListener(topUp);
    mirror.addListener(watchtower);
    driftGuard = new DriftGuard(reconciler, mirror, positions::counterparties, meters);
    coordinator.pauseWhile(operator.pausedOr(driftGuard::driftedTokens));
    coordinator.frozenWhile(watchtower::frozen);
    coordinator.onPlanned(operator.decisions());
    GasWatch gas = new GasWatch(chain, hubKey.getAddress(), config.submit().minGasBalance(), meters);

    MirrorRunner runner = new MirrorRunner(mirror);
    closeables.push(runner); // closed before its loop: a catch-up in progress stops after its current poll
    loop(MIRROR_LOOP, config.chain().pollInterval(), runner::pollUntilCaughtUp);
    Loop submitLoop = loop("hubd-submit", config.chain().pollInterval(), pipeline::tick);
    Loop rebalanceLoop = loop("hubd-rebalance", config.rebalance().tickInterval(), coordinator::tick);
    coordinator.onKick(rebalanceLoop::kick);
    coordinator.onSubmitted(submitLoop::kick);
    Loop watchLoop = loop("hubd-watch", config.watch().interval(), watchtower::step);
    watchtower.onKick(watchLoop::kick);
    watchtower.onSubmitted(submitLoop::kick);
    Loop topUpLoop = loop("hubd-topup", config.topup().interval(), topUp::step);
    topUp.onKick(topUpLoop::kick);
    topUp.onReady(rebalanceLoop::kick);
    loop("hubd-reconcile", config.chain().reconcileInterval(), driftGuard::check);
    loop("hubd-nonce-prune", NONCE_PRUNE_INTERVAL, () -> pruneNonces(jobs, clock));
    loop("hubd-gas", GAS_CHECK_INTERVAL, gas::check);
    if (config.chain().rpcUrls().size() > 1) {
      loop("hubd-heads", config.chain().pollInterval(), chain::refreshHeads); // stale endpoints go last
    }

    Eip712Domain domain = Eip712Domain.depository(config.chain().chainId(), config.chain().depository());
    Runnable kick = rebalanceLoop::kick;
    services = new Services(
        new PositionsFeed(positions, coordinator::positionsChanged, policies.keySet(), clock),
        new StateDesk(hub, domain, policies.keySet(), mirror.view(), states, clock, watchtower::kick),
        new RequestDesk(hub, domain, policies, new FeeQuoter(clock, config.rebalance().quoteTtl()), jobs,
            RequestDesk.knownTo(mirror.view(), positions), clock, config.rebalance().maxRequestLifetime(), kick),
        new ProposalDesk(hub, domain, proposals, mirror.view(), clock, kick, meters),
        new FaucetDesk(config.faucet().enabled(), Policies.faucetMaxPerRequest(tokens), faucetBudgets, jobs, outlook,
            clock, kick, meters),
        jobs, mirror.view(), hub, domain, new PipelineTransactions(pipeline, submitLoop::kick),
        new SettlementDesk(hub, domain, policies.keySet(), proposals, mirror.view(), userReserves, clock, kick));
    Console console = operator.open(new OperatorConsole.Parts(hub, hubKey.getAddress(), chain, mirror.view(), jobs,
        positions, proposals, policies, Map.of("r2c", r2cBudgets, "faucet", faucetBudgets, "topup", topUpBudgets),
        pipeline, services.transactions()::cancel, coordinator::inFlight, driftGuard::driftedTokens,
        watchtower::frozen, () -> {
          var report = readiness.check();
          return new Cockpit.Readiness(report.ready(), report.details());
        }, kick), this::loop);
    routes.serve(new HubRoutes(services, console, new ApiSettings(config.http(), policies, config.faucet().enabled(),
        Policies.faucetMaxPerRequest(tokens), config.rebalance().maxRequestLifetime(), config.rebalance().retryAfter()),
        RateLimits.of(config.limits(), meters)));
    readiness.started(new DaemonReadiness.Parts(mirror.view(), loops, MIRROR_LOOP, driftGuard, pipeline.halts(),
        gas, watchtower::lateDisputes));
    log.info("hubd running for hub {} on chain {} (profile {}, {} tokens)", hubKey.getAddress(),
        config.chain().chainId(), config.profile().id(), policies.size());
  }

  private static void pruneNonces(JobStore jobs, Clock clock) {
    int pruned = jobs.pruneNonces(clock.instant());
    if (pruned > 0) {
      log.debug("forgot {} used nonces of expired requests", pruned);
    }
  }

  private Loop loop(String name, Duration interval, Runnable step) {
    Loop loop = new Loop(name, interval, step, loops, error -> Runtime.getRuntime().halt(EXIT_FATAL));
    closeables.push(loop);
    return loop;
  }

  public int httpPort() {
    return api.port();
  }

  /** The port of the ops listener ({@code http.opsPort}), when there is one. */
  public java.util.OptionalInt opsHttpPort() {
    return api.opsPort();
  }

  public Chain chain() {
    return chain;
  }

  public Store store() {
    return store;
  }

  public Services services() {
    return services;
  }

  /** Compares the mirror with direct contract reads now. */
  public Reconciler reconciler() {
    return reconciler;
  }

  public Mirror mirror() {
    return mirror;
  }

  public TransactionPipeline pipeline() {
    return pipeline;
  }

  public RebalanceCoordinator coordinator() {
    return coordinator;
  }

  public ReserveTopUp topUp() {
    return topUp;
  }

  public Watchtower watchtower() {
    return watchtower;
  }

  public EntityId hub() {
    return EntityId.ofAddress(hubKey.getAddress());
  }

  @Override
  public synchronized void close() {
    while (!closeables.isEmpty()) {
      AutoCloseable c = closeables.pop();
      try {
        c.close();
      } catch (Exception e) {
        log.warn("error while closing: {}", e.toString());
      }
    }
  }
}
