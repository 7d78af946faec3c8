package io.hubd.daemon.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.hubd.contracts.DepositoryCalls;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.config.TokenConfig;
import io.hubd.daemon.jobs.JobStore;
import io.hubd.daemon.jobs.PositionStore;
import io.hubd.daemon.jobs.ProposalStore;
import io.hubd.daemon.limits.KeyedRateLimiter;
import io.hubd.daemon.limits.RollingBudget;
import io.hubd.daemon.mirror.Mirror;
import io.hubd.daemon.mirror.MirrorRunner;
import io.hubd.daemon.mirror.MirrorSettings;
import io.hubd.daemon.mirror.DriftGuard;
import io.hubd.daemon.mirror.Reconciler;
import io.hubd.daemon.rebalance.ChainUserReserves;
import io.hubd.daemon.rebalance.RebalanceCoordinator;
import io.hubd.daemon.rebalance.ReserveOutlook;
import io.hubd.daemon.rebalance.TokenPolicy;
import io.hubd.daemon.rebalance.UserReserves;
import io.hubd.daemon.submit.CrashAtStage;
import io.hubd.daemon.submit.GasWatch;
import io.hubd.daemon.submit.TransactionPipeline;
import io.hubd.daemon.topup.ReserveTopUp;
import io.hubd.daemon.watch.AccountStates;
import io.hubd.daemon.watch.Watchtower;
import java.math.BigInteger;
import java.time.Duration;
import io.hubd.daemon.api.ApiLimits;
import io.hubd.daemon.api.ApiServer;
import io.hubd.daemon.api.ApiSettings;
import io.hubd.daemon.api.HubRoutes;
import io.hubd.daemon.api.LateRoutes;
import io.hubd.daemon.api.Transactions;
import io.hubd.daemon.api.Services;
import io.hubd.daemon.chain.Chain;
import io.hubd.daemon.chain.ChainException;
import io.hubd.daemon.config.ConfigException;
import io.hubd.daemon.config.HubKeyLoader;
import io.hubd.daemon.config.HubdConfig;
import io.hubd.daemon.config.LimitsConfig;
import io.hubd.daemon.config.Redaction;
import io.hubd.daemon.metrics.Metrics;
import io.hubd.daemon.store.Database;
import io.hubd.daemon.store.Store;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
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
    checkChain();

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
    pipeline = TransactionPipeline.builder(submitChain, store, hubKey)
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
    Map<Integer, RollingBudget> r2cBudgets = budgets("r2c", TokenConfig::r2cBudget, window, clock);
    Map<Integer, RollingBudget> faucetBudgets = budgets("faucet", TokenConfig::faucetBudget, window, clock);
    JobStore jobs = new JobStore(store, new java.security.SecureRandom());
    PositionStore positions = new PositionStore(store);
    ProposalStore proposals = new ProposalStore(store);
    userReserves = new ChainUserReserves(chain, config.chain().depository(), clock, USER_RESERVES_MAX_AGE);
    ReserveOutlook outlook =
        new ReserveOutlook(store, mirror.view(), jobs, pipeline::batchesNotLandedBy, hub);
    topUp = new ReserveTopUp(ReserveTopUp.Settings.of(config, hubKey.getAddress()), chain, store, mirror.view(),
        outlook::committed, pipeline, budgets("topup", TokenConfig::topUpBudget, window, clock), clock,
        meters);
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
    coordinator.pauseWhile(driftGuard::driftedTokens);
    coordinator.frozenWhile(watchtower::frozen);
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

    Transactions transactions = new Transactions() {
      @Override
      public java.util.List<io.hubd.daemon.submit.IntentStatus> open() {
        return pipeline.openIntents();
      }

      @Override
      public boolean cancel(long id) {
        boolean asked = pipeline.cancel(id);
        if (asked) {
          submitLoop.kick();
        }
        return asked;
      }
    };
    services = ApiDesks.services(config, policies, hub, clock,
        new ApiDesks.Parts(jobs, positions, proposals, mirror.view(), faucetBudgets, outlook, userReserves, states),
        new ApiDesks.Effects(coordinator::positionsChanged, rebalanceLoop::kick, watchtower::kick, transactions,
            meters));
    routes.serve(hubRoutes(services, policies));
    readiness.started(new DaemonReadiness.Parts(mirror.view(), loops, MIRROR_LOOP, driftGuard, pipeline.halts(),
        gas, watchtower::lateDisputes));
    log.info("hubd running for hub {} on chain {} (profile {}, {} tokens)", hubKey.getAddress(),
        config.chain().chainId(), config.profile().id(), policies.size());
  }

  /**
   * The API's reads on an HA standby: the desks over the shared database, opened read only (closed with the
   * runtime), wired to no loop. The mirror is the active's, as it last committed it; the transactions are the
   * journal's.
   */
  private HubRoutes standbyReads(Database database, Map<Integer, TokenPolicy> policies, Clock clock) {
    Store shared = Store.openReadOnly(database);
    closeables.push(shared);
    log.info("standby: serving the API's reads from the shared database");
    return hubRoutes(ApiDesks.standby(config, policies, EntityId.ofAddress(hubKey.getAddress()), shared,
        new ChainUserReserves(chain, config.chain().depository(), clock, USER_RESERVES_MAX_AGE), clock), policies);
  }

  private HubRoutes hubRoutes(Services built, Map<Integer, TokenPolicy> policies) {
    return new HubRoutes(built, new ApiSettings(config.http(), policies, config.faucet().enabled(),
        ApiDesks.maxPerRequest(config), config.rebalance().maxRequestLifetime(), config.rebalance().retryAfter()),
        apiLimits());
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

  private Map<Integer, RollingBudget> budgets(
      String name, java.util.function.Function<TokenConfig, BigInteger> limit, Duration window, Clock clock) {
    return ApiDesks.budgets(config, store, name, limit, window, clock);
  }

  private ApiLimits apiLimits() {
    LimitsConfig l = config.limits();
    return new ApiLimits(
        counted("rebalance", KeyedRateLimiter.create(l.rebalancePerCounterparty(), Optional.of(l.rebalanceGlobal()),
            l.maxKeys())),
        counted("faucet", KeyedRateLimiter.create(l.faucetPerRecipient(), Optional.of(l.faucetGlobal()), l.maxKeys())),
        counted("client", KeyedRateLimiter.create(l.perClient(), Optional.empty(), l.maxKeys())));
  }

  /** Counts the limiter's refusals as hubd_rate_limited_total{limiter, scope}. */
  private KeyedRateLimiter counted(String name, KeyedRateLimiter limiter) {
    return limiter.onRefusal(d -> meters.counter("hubd_rate_limited_total", "limiter", name, "scope",
        d.scope().name().toLowerCase(java.util.Locale.ROOT)).increment());
  }

  /** Refuses to run against the wrong chain or a missing Depository. */
  private void checkChain() {
    String where = config.chain().rpcUrls().stream().map(Redaction::url).collect(Collectors.joining(", "));
    long actual;
    try {
      actual = chain.chainId();
    } catch (ChainException e) {
      throw new ConfigException("chain.rpcUrls: no node answers at " + where + " (" + e.getMessage() + ")");
    }
    if (actual != config.chain().chainId()) {
      throw new ConfigException(
          "chain.chainId: the node at " + where + " serves chain " + actual + ", configured "
              + config.chain().chainId() + "; refusing to run on the wrong chain");
    }
    try {
      chain.view(config.chain().depository(), DepositoryCalls.tokenCount());
    } catch (IllegalStateException | ChainException e) {
      throw new ConfigException(
          "chain.depository: no Depository contract at " + config.chain().depository() + " on chain " + actual);
    }
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
