package io.hubd.daemon.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hubd.daemon.config.HttpConfig;
import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server (Javalin): the ops endpoints plus whatever route groups the composition root adds. Renders every
 * {@link ApiException} in the error format, and every unexpected failure as a bare 500 without internals.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

  private final Javalin app;

  private ApiServer(Javalin app) {
    this.app = app;
  }

  /**
   * Starts serving on {@code config.host():config.port()} (port 0 picks a free one).
   *
   * @param routes registers further route groups on the server (operator and user endpoints)
   */
  public static ApiServer start(
      HttpConfig config, ObjectMapper json, Readiness readiness, Supplier<String> prometheusScrape,
      Consumer<Javalin> routes) {
    Objects.requireNonNull(config, "config == null");
    OpsHandlers ops = new OpsHandlers(readiness, prometheusScrape);
    Javalin app =
        Javalin.create(
            c -> {
              c.showJavalinBanner = false;
              c.http.maxRequestSize = config.maxBodyBytes();
              c.jsonMapper(new JavalinJackson(json, false));
              c.useVirtualThreads = false;
            });
    app.get(Endpoint.HEALTH.path(), ops::health);
    app.get(Endpoint.READY.path(), ops::ready);
    app.get(Endpoint.METRICS.path(), ops::metrics);
    routes.accept(app);
    ErrorRendering.install(app);
    app.start(config.host(), config.port());
    log.info("HTTP API listening on {}:{}", config.host(), app.port());
    return new ApiServer(app);
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }

  static int status(ErrorCode code) {
    return HttpStatus.forStatus(code.status()).getCode();
  }
}
