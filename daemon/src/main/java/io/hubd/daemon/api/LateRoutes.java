package io.hubd.daemon.api;

import io.hubd.daemon.jobs.Rejection;
import io.javalin.Javalin;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The API's endpoints from the first second of a start: until {@link #serve} hands over the real routes (once the
 * store is open, the journal settled and the desks built), every endpoint but the ops ones answers
 * {@code NOT_READY} (503, {@code Retry-After}) naming the start-up phase, instead of the connection being refused.
 * An HA standby hands over {@link #serveReads read-only routes} meanwhile: the endpoints that only read are served
 * from the shared database, and those that write are refused with the active's address. Thread-safe.
 */
public final class LateRoutes {
  private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

  private final AtomicReference<HubRoutes> routes = new AtomicReference<>();
  private final AtomicReference<HubRoutes> reads = new AtomicReference<>();
  private final Supplier<String> phase;
  private final Supplier<Optional<String>> active;

  /** @param phase what the daemon is doing while it starts, for the refusal's message */
  public LateRoutes(Supplier<String> phase) {
    this(phase, Optional::empty);
  }

  /**
   * @param active on an HA standby, where the active's API answers: the refusal names it ({@code details.active})
   *     so that clients send the request there
   */
  public LateRoutes(Supplier<String> phase, Supplier<Optional<String>> active) {
    this.phase = Objects.requireNonNull(phase, "phase == null");
    this.active = Objects.requireNonNull(active, "active == null");
  }

  /** From now on the endpoints are served by {@code ready}. */
  public void serve(HubRoutes ready) {
    routes.set(Objects.requireNonNull(ready, "ready == null"));
  }

  /**
   * Until {@link #serve}, the endpoints {@link Endpoint#servedOnStandby} are served by {@code standby}: an HA standby's
   * desks over the shared database, opened read only. The endpoints that write are still refused.
   */
  public void serveReads(HubRoutes standby) {
    reads.set(Objects.requireNonNull(standby, "standby == null"));
  }

  /** Registers every endpoint {@code listener} serves (but the ops ones, which {@link ApiServer} has). */
  public void register(Javalin app, Listener listener) {
    for (Endpoint endpoint : Endpoint.values()) {
      if (endpoint.access() != Endpoint.Access.OPS && endpoint.servedOn(listener)) {
        app.addHttpHandler(endpoint.method(), endpoint.path(),
            ctx -> current(endpoint).handler(endpoint).handle(ctx));
      }
    }
    // a desk's refusal comes from the routes that served the request: either renders it the same way
    app.exception(Rejection.class, (r, ctx) -> ErrorRendering.render(
        Optional.ofNullable(routes.get()).orElseGet(reads::get).toApi(r), ctx));
  }

  private HubRoutes current(Endpoint endpoint) {
    HubRoutes ready = routes.get();
    if (ready != null) {
      return ready;
    }
    HubRoutes standby = reads.get();
    if (standby != null && endpoint.servedOnStandby()) {
      return standby;
    }
    throw notReady();
  }

  /** The refusal while the real routes are not served: the standby's, naming the active, or the start-up phase's. */
  private ApiException notReady() {
    String now = phase.get();
    Optional<String> elsewhere = active.get();
    if (elsewhere.isPresent()) {
      return new ApiException(ErrorCode.NOT_READY, "this hubd is a standby; the active serves at " + elsewhere.get(),
          Map.of("phase", now, "role", "standby", "active", elsewhere.get()), Optional.of(RETRY_AFTER));
    }
    return new ApiException(ErrorCode.NOT_READY, "hubd is starting (" + now + "); retry shortly",
        Map.of("phase", now), Optional.of(RETRY_AFTER));
  }
}
