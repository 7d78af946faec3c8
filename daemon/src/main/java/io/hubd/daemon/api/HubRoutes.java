package io.hubd.daemon.api;

import io.hubd.daemon.explain.RefusalLog;
import io.hubd.daemon.jobs.Rejection;
import io.javalin.Javalin;
import io.javalin.http.Handler;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Registers the API's endpoints ({@link Endpoint}, except the ops ones {@link ApiServer} serves) with their handlers,
 * each on the listeners that serve it. Every request first passes the per-client rate limit, keyed by
 * {@link ClientAddress}; desk refusals ({@link Rejection}) are rendered through {@link Rejections}.
 */
public final class HubRoutes {
  private final RateGuard perClient;
  private final ClientAddress clients;
  private final Rejections rejections;
  private final PositionHandlers positions;
  private final AccountStateHandlers states;
  private final RebalanceHandlers rebalance;
  private final JobHandlers jobs;
  private final ProposalHandlers proposals;
  private final FaucetHandlers faucet;
  private final HubHandlers hub;
  private final TransactionHandlers transactions;
  private final SettlementHandlers settlements;
  private final Optional<ConsoleHandlers> console;
  private final Optional<AdminHandlers> admin;
  private final Optional<ExplainHandlers> explain;

  /** The active's routes: every endpoint, the operator page's included. */
  public HubRoutes(Services services, Console console, ApiSettings settings, ApiLimits limits) {
    this(services, Optional.of(Objects.requireNonNull(console, "console == null")), settings, limits);
  }

  /**
   * An HA standby's routes, without the operator page and its endpoints (the active's: see
   * {@link Endpoint#servedOnStandby}); serving one of them is a programming error.
   */
  public static HubRoutes standby(Services services, ApiSettings settings, ApiLimits limits) {
    return new HubRoutes(services, Optional.empty(), settings, limits);
  }

  private HubRoutes(Services services, Optional<Console> console, ApiSettings settings, ApiLimits limits) {
    Objects.requireNonNull(services, "services == null");
    Objects.requireNonNull(settings, "settings == null");
    Objects.requireNonNull(limits, "limits == null");
    JsonBody body = new JsonBody(settings.http().maxBodyBytes());
    MirrorGate gate = new MirrorGate(services.mirror());
    this.perClient = new RateGuard("client", limits.clients());
    this.clients = new ClientAddress(settings.http().trustedProxies());
    this.rejections = new Rejections(settings.retryAfter());
    OperatorAuth operator = new OperatorAuth(settings.http().adminToken());
    this.positions = new PositionHandlers(services.positions(), services.hub(), operator, body);
    this.states = new AccountStateHandlers(services.states(), operator, body, gate);
    this.rebalance = new RebalanceHandlers(services.requests(), body, gate,
        new RateGuard("counterparty", limits.rebalance()),
        console.map(Console::refusals).orElseGet(() -> new RefusalLog(Clock.systemUTC(), 1, 1)));
    this.jobs = new JobHandlers(services.jobs());
    this.proposals = new ProposalHandlers(services.proposals(), body);
    this.faucet = new FaucetHandlers(services.faucet(), body, gate, new RateGuard("recipient", limits.faucet()));
    this.hub = new HubHandlers(services, settings);
    this.transactions = new TransactionHandlers(services.transactions(), console.map(Console::admin), operator);
    this.settlements = new SettlementHandlers(services.settlements(), operator, body, gate);
    this.console = console.map(c -> new ConsoleHandlers(c, operator, body));
    this.admin = console.map(c -> new AdminHandlers(c, operator, body));
    this.explain = console.map(c -> new ExplainHandlers(c, operator));
  }

  /** Registers the endpoints {@code listener} serves on {@code app}. */
  public void register(Javalin app, Listener listener) {
    for (Endpoint endpoint : Endpoint.values()) {
      if (endpoint.access() != Endpoint.Access.OPS && endpoint.servedOn(listener)) {
        app.addHttpHandler(endpoint.method(), endpoint.path(), handler(endpoint));
      }
    }
    app.exception(Rejection.class, (r, ctx) -> ErrorRendering.render(toApi(r), ctx));
  }

  /** A desk's refusal in the API's error format. */
  ApiException toApi(Rejection rejection) {
    return rejections.toApi(rejection);
  }

  /** The handler of {@code endpoint}, behind the per-client rate limit. */
  Handler handler(Endpoint endpoint) {
    Handler handler = switch (endpoint) {
      case HEALTH, READY, METRICS -> throw new IllegalArgumentException(endpoint + " is served by ApiServer");
      case OPENAPI -> hub::openApi;
      case HUB -> hub::hub;
      case POSITIONS -> positions::apply;
      case POSITIONS_VERSION -> positions::version;
      case ACCOUNT_STATES -> states::apply;
      case REBALANCE_REQUEST -> rebalance::submit;
      case JOB -> jobs::job;
      case PROPOSALS -> proposals::list;
      case PROPOSAL_APPROVAL -> proposals::approve;
      case FAUCET -> faucet::request;
      case SETTLEMENTS -> settlements::handIn;
      case SETTLEMENT -> settlements::settlement;
      case TRANSACTIONS -> transactions::list;
      case TRANSACTION_CANCEL -> transactions::cancel;
      case CONSOLE_PAGE -> active(console, endpoint)::page;
      case CONSOLE_ASSET -> active(console, endpoint)::asset;
      case SESSION_LOGIN -> active(console, endpoint)::login;
      case SESSION_LOGOUT -> active(console, endpoint)::logout;
      case COCKPIT -> active(console, endpoint)::cockpit;
      case AUDIT -> active(console, endpoint)::audit;
      case EXPLAIN -> active(explain, endpoint)::explain;
      case TOKEN_PAUSE -> active(admin, endpoint)::pause;
      case TOKEN_RESUME -> active(admin, endpoint)::resume;
      case TOKEN_SWEEP -> active(admin, endpoint)::sweep;
      case JOB_CANCEL -> active(admin, endpoint)::cancelJob;
      case JOB_REQUEUE -> active(admin, endpoint)::requeueJob;
    };
    Handler limited = limitedByClient(perClient, clients, handler);
    return endpoint == Endpoint.FAUCET ? faucet.countingRefusals(limited) : limited;
  }

  /** The operator page's handlers, which only the active's routes have. */
  private static <T> T active(Optional<T> handlers, Endpoint endpoint) {
    return handlers.orElseThrow(() -> new IllegalStateException(endpoint + " is served by the active only"));
  }

  /** {@code handler} behind the rate limit of the client's address. */
  static Handler limitedByClient(RateGuard perClient, ClientAddress clients, Handler handler) {
    return ctx -> {
      perClient.acquire(clients.of(ctx));
      handler.handle(ctx);
    };
  }
}
