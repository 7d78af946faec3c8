package io.hubd.daemon.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.hubd.contracts.Eip712Domain;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.admin.AdminDesk;
import io.hubd.daemon.admin.AuditLog;
import io.hubd.daemon.admin.ReserveSweep;
import io.hubd.daemon.admin.TokenPauses;
import io.hubd.daemon.config.HttpConfig;
import io.hubd.daemon.explain.AccountFreezes;
import io.hubd.daemon.explain.DecisionLog;
import io.hubd.daemon.explain.Explainer;
import io.hubd.daemon.explain.RefusalLog;
import io.hubd.daemon.margin.MoneyMeters;
import io.hubd.daemon.testkit.FakeNode;
import io.hubd.daemon.ui.Cockpit;
import io.hubd.daemon.ui.CockpitSampler;
import io.hubd.daemon.ui.HaStatus;
import io.hubd.daemon.config.IpRange;
import io.hubd.daemon.faucet.FaucetDesk;
import io.hubd.daemon.jobs.JobStore;
import io.hubd.daemon.jobs.PositionStore;
import io.hubd.daemon.jobs.ProposalStore;
import io.hubd.daemon.limits.KeyedRateLimiter;
import io.hubd.daemon.limits.RateLimit;
import io.hubd.daemon.limits.RollingBudget;
import io.hubd.daemon.metrics.Metrics;
import io.hubd.daemon.rebalance.FeeQuoter;
import io.hubd.daemon.rebalance.PositionsFeed;
import io.hubd.daemon.rebalance.ProposalDesk;
import io.hubd.daemon.rebalance.RequestDesk;
import io.hubd.daemon.rebalance.ReserveOutlook;
import io.hubd.daemon.rebalance.SettlementPolicy;
import io.hubd.daemon.rebalance.Strategy;
import io.hubd.daemon.rebalance.TokenPolicy;
import io.hubd.daemon.rebalance.UserReserves;
import io.hubd.daemon.settlement.SettlementDesk;
import io.hubd.daemon.store.Store;
import io.hubd.daemon.testkit.MutableClock;
import io.hubd.daemon.testkit.TestDatabases;
import io.hubd.daemon.watch.AccountStates;
import io.hubd.daemon.watch.StateDesk;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.web3j.crypto.ECKeyPair;

/**
 * The HTTP API over its real desks and a real SQLite store, without a chain: a {@link StubMirror} that has read
 * block 1 and holds what the test puts in it, and a clock the test moves. For the API's own rules (rate limits,
 * listeners, ids, input) end to end over HTTP. Closing stops the server and closes the store.
 */
final class InProcessApi implements AutoCloseable {
  static final String TOKEN = "operator-token-for-tests";
  static final Eip712Domain DOMAIN = Eip712Domain.depository(31337, "0x5fbdb2315678afecb367f032d93f642f64180aa3");
  static final ECKeyPair HUB_KEY = ECKeyPair.create(BigInteger.valueOf(0x4b0b));
  static final EntityId HUB = Requests.entity(HUB_KEY);
  static final int TUSD = 1;
  /** The hub's wallet as the console knows it (the sweeps' destination). */
  static final String HUB_WALLET = "0x00000000000000000000000000000000000000b0";
  static final Duration MAX_LIFETIME = Duration.ofHours(1);
  static final int MAX_BODY = 64 * 1024;

  /** What a test may change; the defaults stay out of the way (limits far above what a test sends). */
  static final class Options {
    RateLimit perClient = new RateLimit(1_000_000, Duration.ofMinutes(1));
    RateLimit perCounterparty = new RateLimit(1_000_000, Duration.ofMinutes(1));
    RateLimit rebalanceGlobal = new RateLimit(1_000_000, Duration.ofMinutes(1));
    RateLimit perRecipient = new RateLimit(1_000_000, Duration.ofMinutes(1));
    RateLimit faucetGlobal = new RateLimit(1_000_000, Duration.ofMinutes(1));
    List<IpRange> trustedProxies = List.of();
    boolean opsListener;
    RandomGenerator jobIds = new SecureRandom();
    /** An HA standby's API, the active serving at this address: the routes serve reads only. */
    Optional<String> standbyOf = Optional.empty();
  }

  final MutableClock clock = new MutableClock();
  final Store store;
  final JobStore jobs;
  final PositionStore positions;
  final ProposalStore proposals;
  final StubMirror mirror = new StubMirror(Map.of(TUSD, "0x00000000000000000000000000000000000070a5"));
  final PositionsFeed feed;
  final StateDesk states;
  final ApiServer server;
  final LateRoutes late;
  final HubRoutes routes;
  final ApiClient api;
  final ApiClient operator;
  final Console console;
  /** The cockpit's sampler: steps only when the test calls {@link CockpitSampler#step}. */
  final CockpitSampler sampler;

  private InProcessApi(Path dataDir, Options options) {
    store = TestDatabases.open(dataDir);
    try {
      jobs = new JobStore(store, options.jobIds);
      positions = new PositionStore(store);
      proposals = new ProposalStore(store);
      Map<Integer, TokenPolicy> policies = Map.of(TUSD, new TokenPolicy("TUSD", units(100), units(100_000),
          BigInteger.ZERO, units(200), 128, Strategy.TIME, BigInteger.valueOf(10_000), 5, 30_000, BigInteger.ZERO)
          .withSettlement(new SettlementPolicy(units(50), units(1_000), Duration.ofMinutes(10),
              SettlementPolicy.Mode.REPAY)));
      Map<Integer, BigInteger> faucetMax = Map.of(TUSD, units(500));
      feed = new PositionsFeed(positions, changed -> {}, policies.keySet(), clock);
      states = new StateDesk(HUB, DOMAIN, policies.keySet(), mirror, new AccountStates(store, HUB), clock, () -> {});
      Services services = new Services(feed, states,
          new RequestDesk(HUB, DOMAIN, policies, new FeeQuoter(clock, Duration.ofMinutes(1)), jobs,
              RequestDesk.knownTo(mirror, positions), clock, MAX_LIFETIME, () -> {}),
          new ProposalDesk(HUB, DOMAIN, proposals, mirror, clock, () -> {},
              new io.micrometer.core.instrument.simple.SimpleMeterRegistry()),
          new FaucetDesk(true, faucetMax, Map.of(TUSD, new RollingBudget(store, "faucet", TUSD, units(1_000_000),
              Duration.ofHours(1), clock)), jobs, new ReserveOutlook(store, mirror, jobs, block -> java.util.List.of(), HUB), clock,
              () -> {}, Metrics.prometheus()),
          jobs, mirror, HUB, DOMAIN, new NoTransactions(),
          new SettlementDesk(HUB, DOMAIN, policies.keySet(), proposals, mirror, UserReserves.NONE, clock, () -> {}));
      HttpConfig http = new HttpConfig("127.0.0.1", 0, Optional.of(TOKEN), MAX_BODY, options.trustedProxies,
          options.opsListener ? Optional.of(0) : Optional.empty(), "127.0.0.1");
      ApiLimits limits = new ApiLimits(
          KeyedRateLimiter.create(options.perCounterparty, Optional.of(options.rebalanceGlobal), 100_000),
          KeyedRateLimiter.create(options.perRecipient, Optional.of(options.faucetGlobal), 100_000),
          KeyedRateLimiter.create(options.perClient, Optional.empty(), 100_000));
      PrometheusMeterRegistry consoleMeters = Metrics.prometheus();
      MoneyMeters money = new MoneyMeters(consoleMeters, HUB, Map.of(TUSD, "TUSD"), Map.of(TUSD, BigInteger.ZERO));
      sampler = sampler(mirror, positions, money, consoleMeters, clock);
      console = console(store, jobs, positions, proposals, policies, mirror, sampler, money, clock, consoleMeters);
      routes = new HubRoutes(services, console,
          new ApiSettings(http, policies, true, faucetMax, MAX_LIFETIME, Duration.ofSeconds(30)), limits);
      late = new LateRoutes(() -> "standby: waiting for the HA lease", () -> options.standbyOf);
      if (options.standbyOf.isPresent()) {
        late.serveReads(routes);
      } else {
        late.serve(routes);
      }
      PrometheusMeterRegistry meters = Metrics.prometheus();
      server = ApiServer.start(http, new ObjectMapper().registerModule(new Jdk8Module()),
          () -> new Readiness.Report(true, Map.of()), meters::scrape, late::register);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    api = new ApiClient(server.port());
    operator = (options.opsListener ? new ApiClient(server.opsPort().orElseThrow()) : api).operator(TOKEN);
  }

  /**
   * The cockpit's sampler over the mirror and the positions, reading TUSD (6 decimals) and the hub wallet's balance of
   * it from a fake node.
   */
  private static CockpitSampler sampler(StubMirror mirror, PositionStore positions, MoneyMeters money,
      PrometheusMeterRegistry meters, MutableClock clock) {
    String tusd = mirror.tokens().get(TUSD);
    FakeNode node = FakeNode.builder().height(1).token(tusd).build();
    node.token(tusd).decimals(6);
    return CockpitSampler.create(Map.of(TUSD, new CockpitSampler.TokenInfo(TUSD, "TUSD", units(1_000), units(5_000),
        units(100), units(100_000), Optional.of(units(50)))), HUB, HUB_WALLET, mirror, positions::all, node, money,
        Map.of(), meters, clock);
  }

  /**
   * The operator console over the same store: a cockpit, an explainer, and an admin desk whose transaction cancels
   * always find nothing to cancel (no pipeline).
   */
  private static Console console(Store store, JobStore jobs, PositionStore positions, ProposalStore proposals,
      Map<Integer, TokenPolicy> policies, StubMirror mirror, CockpitSampler sampler, MoneyMeters money,
      MutableClock clock, PrometheusMeterRegistry meters) {
    TokenPauses pauses = new TokenPauses(store);
    AuditLog audit = new AuditLog(store);
    RefusalLog refusals = new RefusalLog(clock, 100, 4);
    Map<Integer, RollingBudget> r2c = Map.of(TUSD, new RollingBudget(store, "r2c", TUSD, units(10_000),
        Duration.ofHours(1), clock));
    AdminDesk admin = new AdminDesk(store, jobs, pauses, new ReserveSweep(store, mirror, jobs,
        Map.of(TUSD, units(5_000)), HUB_WALLET, Optional.empty()), audit, Map.of(),
        id -> false, () -> {}, clock);
    Explainer explainer = new Explainer(new Explainer.Sources(HUB, mirror, positions, jobs, proposals, policies,
        r2c, new DecisionLog(100, 4, 100), refusals, pauses::paused, java.util.OptionalLong::empty,
        AccountFreezes.NONE), clock);
    Cockpit cockpit = new Cockpit(new Cockpit.Sources(HUB_WALLET, mirror, jobs,
        proposals, id -> Optional.empty(), money, audit, pauses::paused, java.util.Set::of, Map.of("r2c", r2c),
        () -> new Cockpit.Readiness(true, Map.of()), HaStatus.NONE, meters), sampler, store,
        clock);
    return new Console(cockpit::snapshot, explainer, admin, audit, refusals);
  }

  static InProcessApi start(Path dataDir) {
    return new InProcessApi(dataDir, new Options());
  }

  static InProcessApi start(Path dataDir, Options options) {
    return new InProcessApi(dataDir, options);
  }

  /** TUSD base units of {@code whole} TUSD (6 decimals). */
  static BigInteger units(long whole) {
    return BigInteger.valueOf(whole).multiply(BigInteger.TEN.pow(6));
  }

  /** A unix time {@code d} from the harness clock's now. */
  long expiresIn(Duration d) {
    return clock.instant().plus(d).getEpochSecond();
  }

  /** Reports a TUSD position for each user (no exposure), so that their requests find an account. */
  void accounts(List<EntityId> users) {
    List<io.hubd.daemon.jobs.Position> report = users.stream()
        .map(u -> new io.hubd.daemon.jobs.Position(u, TUSD, BigInteger.ZERO, Optional.empty())).toList();
    feed.apply(feed.version() + 1, report);
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      store.close();
    }
  }
}
