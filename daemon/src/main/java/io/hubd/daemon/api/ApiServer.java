package io.hubd.daemon.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hubd.daemon.config.HttpConfig;
import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server (Javalin): the ops endpoints plus whatever route groups the composition root adds, on one
 * listener ({@code http.host:http.port}) or, when {@code http.opsPort} is set, on two: the public one and an ops one
 * that alone serves {@code /metrics} and the operator endpoints ({@link Listener}). Renders every
 * {@link ApiException} in the error format, and every unexpected failure as a bare 500 without internals.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

  private final Javalin app;
  private final Optional<Javalin> ops;

  private ApiServer(Javalin app, Optional<Javalin> ops) {
    this.app = app;
    this.ops = ops;
  }

  /**
   * Starts serving on {@code config.host():config.port()} (port 0 picks a free one), and on
   * {@code config.opsHost():config.opsPort()} when that is set.
   *
   * @param routes registers further route groups on a listener (operator and user endpoints); called once per
   *     listener with what that listener is
   */
  public static ApiServer start(
      HttpConfig config, ObjectMapper json, Readiness readiness, Supplier<String> prometheusScrape,
      BiConsumer<Javalin, Listener> routes) {
    Objects.requireNonNull(config, "config == null");
    OpsHandlers handlers = new OpsHandlers(readiness, prometheusScrape);
    Listener main = config.opsPort().isPresent() ? Listener.PUBLIC : Listener.ALL;
    Javalin app = listener(config, json, handlers, routes, main);
    app.start(config.host(), config.port());
    log.info("HTTP API listening on {}:{}{}", config.host(), app.port(),
        main == Listener.PUBLIC ? " (metrics and operator endpoints on the ops listener)" : "");
    if (config.opsPort().isEmpty()) {
      return new ApiServer(app, Optional.empty());
    }
    try {
      Javalin ops = listener(config, json, handlers, routes, Listener.OPS);
      ops.start(config.opsHost(), config.opsPort().get());
      log.info("HTTP ops listener on {}:{}", config.opsHost(), ops.port());
      return new ApiServer(app, Optional.of(ops));
    } catch (RuntimeException e) {
      app.stop();
      throw e;
    }
  }

  private static Javalin listener(HttpConfig config, ObjectMapper json, OpsHandlers handlers,
      BiConsumer<Javalin, Listener> routes, Listener listener) {
    Javalin app =
        Javalin.create(
            c -> {
              c.showJavalinBanner = false;
              c.http.maxRequestSize = config.maxBodyBytes();
              c.jsonMapper(new JavalinJackson(json, false));
              c.useVirtualThreads = false;
              // what Jetty refuses before any route (an ambiguous path, a bad message) in the API's error format
              c.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
              c.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JsonErrorHandler()));
            });
    if (Endpoint.HEALTH.servedOn(listener)) {
      app.get(Endpoint.HEALTH.path(), handlers::health);
    }
    if (Endpoint.READY.servedOn(listener)) {
      app.get(Endpoint.READY.path(), handlers::ready);
    }
    if (Endpoint.METRICS.servedOn(listener)) {
      app.get(Endpoint.METRICS.path(), handlers::metrics);
    }
    routes.accept(app, listener);
    ErrorRendering.install(app);
    return app;
  }

  public int port() {
    return app.port();
  }

  /** The port of the ops listener, when there is one. */
  public OptionalInt opsPort() {
    return ops.map(o -> OptionalInt.of(o.port())).orElse(OptionalInt.empty());
  }

  @Override
  public void close() {
    try {
      ops.ifPresent(Javalin::stop);
    } finally {
      app.stop();
    }
  }

  static int status(ErrorCode code) {
    return HttpStatus.forStatus(code.status()).getCode();
  }
}
