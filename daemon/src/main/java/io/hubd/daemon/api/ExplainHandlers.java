package io.hubd.daemon.api;

import io.javalin.http.Context;
import java.util.Objects;

/**
 * {@code GET /v1/explain?counterparty=…&token=…} (operator): what the hub decided about one account at its last
 * ticks and why ({@link io.hubd.daemon.explain.Explainer}).
 */
final class ExplainHandlers {
  private final Console console;
  private final OperatorAuth auth;

  ExplainHandlers(Console console, OperatorAuth auth) {
    this.console = Objects.requireNonNull(console, "console == null");
    this.auth = Objects.requireNonNull(auth, "auth == null");
  }

  void explain(Context ctx) {
    auth.check(ctx);
    String counterparty = ctx.queryParam("counterparty");
    String token = ctx.queryParam("token");
    if (counterparty == null || token == null) {
      throw Values.malformed(counterparty == null ? "counterparty" : "token", "is a required query parameter");
    }
    if (!token.matches("[0-9]{1,9}")) {
      throw Values.malformed("token", "must be a token id (a positive integer)");
    }
    ctx.json(console.explainer().explain(Values.entity("counterparty", counterparty), Integer.parseInt(token)));
  }
}
