package io.hubd.daemon.api;

import io.javalin.http.Context;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/** {@code /health}, {@code /ready} and {@code /metrics}. */
final class OpsHandlers {
  private final Readiness readiness;
  private final Supplier<String> prometheusScrape;

  OpsHandlers(Readiness readiness, Supplier<String> prometheusScrape) {
    this.readiness = Objects.requireNonNull(readiness, "readiness == null");
    this.prometheusScrape = Objects.requireNonNull(prometheusScrape, "prometheusScrape == null");
  }

  /** Liveness: the process serves HTTP. */
  void health(Context ctx) {
    ctx.json(Map.of("status", "UP"));
  }

  /** Readiness: 200 when the daemon can serve, else 503 with the reasons. */
  void ready(Context ctx) {
    Readiness.Report report = readiness.check();
    ctx.status(report.ready() ? 200 : 503).json(Map.of("ready", report.ready(), "details", report.details()));
  }

  void metrics(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(prometheusScrape.get());
  }
}
