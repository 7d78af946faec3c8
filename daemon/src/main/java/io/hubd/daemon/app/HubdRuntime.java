package io.hubd.daemon.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
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
import io.hubd.daemon.rebalance.RebalanceCoordinator;
import io.hubd.daemon.rebalance.ReserveOutlook;
import io.hubd.daemon.rebalance.TokenPolicy;
import io.hubd.daemon.rebalance.UserReserves;
import io.hubd.daemon.store.Database;
import io.hubd.daemon.store.Store;
import io.hubd.daemon.submit.CrashAtStage;
import io.hubd.daemon.submit.GasWatch;
import io.hubd.daemon.submit.TransactionPipeline;
import io.hubd.daemon.topup.ReserveTopUp;
import io.hubd.daemon.ui.Cockpit;
import io.hubd.daemon.watch.AccountStates;
import io.hubd.daemon.watch.Watchtower;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
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
  /**
   * The exit status after losing the HA lease (or, without HA, the PostgreSQL connection): the supervisor starts the
   * instance again, with HA as a standby.
   */
  static final int EXIT_LEASE_LOST = 75;

  private final Deque<AutoCloseable> closeables = new java.util.concurrent.ConcurrentLinkedDeque<>();
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
  private volatile boolean closed;
  /** Asked before every loop step: with HA, whether this instance surely holds the lease (else it steps down). */
  private java.util.function.BooleanSupplier mayAct = () -> true;

  private HubdRuntime(HubdConfig config) {
    this.config = config;
  }

  /** Builds and starts everything; on failure closes what was built and rethrows. */
  public static HubdRuntime start(HubdConfig config, Map<String, String> environment) {
    HubdRuntime runtime = unstarted(config);
    runtime.launch(environment);
    return runtime;
  }

  /** A runtime not built yet: {@link #close} may be hooked to a signal before {@link #launch} (a standby waits). */
  static HubdRuntime unstarted(HubdConfig config) {
    return new HubdRuntime(config);
  }

  /**
   * Builds and starts everything (with {@code ha.enabled}, after waiting as a standby until this instance holds the
   * lease); on failure closes what was built and rethrows. Returns without starting when closed meanwhile.
   */
  void launch(Map<String, String> environment) {
    try {
      build(environment);
    } catch (RuntimeException e) {
      close();
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
    LateRoutes routes = new LateRoutes(readiness::phase, readiness::activeElsewhere);
    api = ApiServer.start(config.http(), new ObjectMapper().registerModule(new Jdk8Module()), readiness,
        meters::scrape, routes::register); // from the first second: 503 with the phase until ready
    closeables.push(api);

    readiness.phase("connecting to the node");
    ChainAccess access = ChainAccess.open(config.chain(), clock, meters);
    closeables.push(access);
    chain = access.chain();
    access.checkServes(config.chain());

    readiness.phase("opening the store");
    Optional<StoreSetup.Opened> opened = StoreSetup.open(config, environment, chain, new StoreSetup.Hooks(readiness,
        meters, advertised(), new StepDown(this::close, EXIT_LEASE_LOST)::accept, closeables::push, () -> closed,
        database -> routes.serveReads(standbyReads(database, policies, clock))));
    if (opened.isEmpty()) {
      return; // closed while waiting as a standby
    }
    store = opened.get().store();
    Chain submitChain = opened.get().submitChain();
    mayAct = opened.get().mayAct();
    store.bind(config.chain().chainId(), config.chain().depository(), hubKey.getAddress());
    EntityId hub = EntityId.ofAddress(hubKey.getAddress());

    // its own thread: a prefetch queued behind the polling thread would never run while that thread waits for it
    ExecutorService logPrefetch = Executors.newSingleThreadExecutor(Loop.daemonThreads("hubd-mirror-prefetch"));
    closeables.push(logPrefetch::shutdownNow); // closed after the mirror loop, which may be waiting for a prefetch
    mirror = new Mirror(chain, store, MirrorSettings.of(config.chain(), hub), clock, meters, logPrefetch);
    reconciler = new Reconciler(chain, store, MirrorSettings.of(config.chain(), hub), meters);

    readiness.phase("settling the transaction journal against the chain");
    OperatorConsole operator = new OperatorConsole(config, store, hub, meters, clock);
    pipeline = TransactionPipeline.builder(submitChain, store, hubKey)
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

    Runnable kick = rebalanceLoop::kick;
    services = ApiDesks.services(config, policies, hub, clock,
        new ApiDesks.Parts(jobs, positions, proposals, mirror.view(), faucetBudgets, outlook, userReserves, states),
        new ApiDesks.Effects(coordinator::positionsChanged, kick, watchtower::kick,
            new PipelineTransactions(pipeline, submitLoop::kick), meters));
    Console console = operator.open(new OperatorConsole.Parts(hub, hubKey.getAddress(), chain, mirror.view(), jobs,
        positions, proposals, policies, Map.of("r2c", r2cBudgets, "faucet", faucetBudgets, "topup", topUpBudgets),
        pipeline, services.transactions()::cancel, coordinator::inFlight, driftGuard::driftedTokens,
        watchtower::frozen, () -> {
          var report = readiness.check();
          return new Cockpit.Readiness(report.ready(), report.details());
        }, readiness::haRole, kick), this::loop);
    routes.serve(new HubRoutes(services, console, apiSettings(policies), RateLimits.of(config.limits(), meters)));
    readiness.started(new DaemonReadiness.Parts(mirror.view(), loops, MIRROR_LOOP, driftGuard, pipeline.halts(),
        gas, watchtower::lateDisputes));
    log.info("hubd running for hub {} on chain {} (profile {}, {} tokens)", hubKey.getAddress(),
        config.chain().chainId(), config.profile().id(), policies.size());
  }

  /**
   * The API's reads on an HA standby: the desks over the shared database, opened read only (closed with the
   * runtime), wired to no loop. The mirror is the active's, as it last committed it; the transactions are the
   * journal's. The operator page is the active's.
   */
  private HubRoutes standbyReads(Database database, Map<Integer, TokenPolicy> policies, Clock clock) {
    Store shared = Store.openReadOnly(database);
    closeables.push(shared);
    log.info("standby: serving the API's reads from the shared database");
    return HubRoutes.standby(ApiDesks.standby(config, policies, EntityId.ofAddress(hubKey.getAddress()), shared,
        new ChainUserReserves(chain, config.chain().depository(), clock, USER_RESERVES_MAX_AGE), clock),
        apiSettings(policies), RateLimits.of(config.limits(), meters));
  }

  private ApiSettings apiSettings(Map<Integer, TokenPolicy> policies) {
    return new ApiSettings(config.http(), policies, config.faucet().enabled(),
        Policies.faucetMaxPerRequest(config.tokens()), config.rebalance().maxRequestLifetime(),
        config.rebalance().retryAfter());
  }

  /** Where this instance's API answers, as told to the clients of a standby. */
  private String advertised() {
    String host = config.http().host();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + api.port();
  }

  private static void pruneNonces(JobStore jobs, Clock clock) {
    int pruned = jobs.pruneNonces(clock.instant());
    if (pruned > 0) {
      log.debug("forgot {} used nonces of expired requests", pruned);
    }
  }

  private Loop loop(String name, Duration interval, Runnable step) {
    java.util.function.BooleanSupplier allowed = mayAct;
    Runnable guarded = () -> {
      if (allowed.getAsBoolean()) {
        step.run();
      }
    };
    Loop loop = new Loop(name, interval, guarded, loops, error -> Runtime.getRuntime().halt(EXIT_FATAL));
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
    closed = true;
    AutoCloseable c;
    while ((c = closeables.pollFirst()) != null) {
      try {
        c.close();
      } catch (Exception e) {
        log.warn("error while closing: {}", e.toString());
      }
    }
  }
}
