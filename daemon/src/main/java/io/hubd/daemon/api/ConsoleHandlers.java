package io.hubd.daemon.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The operator page: {@code GET /ui} and its static files under {@code /ui/{asset}} (served to anybody: they hold no
 * data, only code, behind a strict Content-Security-Policy that allows scripts, styles and requests from this origin
 * only), login and logout ({@code POST} and {@code DELETE /v1/admin/session}), the page's data
 * ({@code GET /v1/admin/cockpit}) and the audit log ({@code GET /v1/admin/audit}).
 */
final class ConsoleHandlers {
  private static final String ROOT = "/io/hubd/daemon/ui/";
  private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
      + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  /** The files the page is made of, and their types: nothing else is served. */
  private static final Map<String, String> ASSETS = Map.of(
      "index.html", "text/html; charset=utf-8",
      "cockpit.js", "text/javascript; charset=utf-8",
      "charts.js", "text/javascript; charset=utf-8",
      "cockpit.css", "text/css; charset=utf-8",
      "uPlot.iife.min.js", "text/javascript; charset=utf-8",
      "uPlot.min.css", "text/css; charset=utf-8");
  private static final Set<String> LOGIN_FIELDS = Set.of("token", "operator");

  private final Console console;
  private final OperatorAuth auth;
  private final JsonBody body;
  private final Map<String, byte[]> files;

  record LoggedIn(String operator, String csrf, String expiresAt) {}

  record AuditEntry(long id, String at, String actor, String action, String target, String detail) {}

  record AuditPage(java.util.List<AuditEntry> entries) {}

  ConsoleHandlers(Console console, OperatorAuth auth, JsonBody body) {
    this.console = Objects.requireNonNull(console, "console == null");
    this.auth = Objects.requireNonNull(auth, "auth == null");
    this.body = Objects.requireNonNull(body, "body == null");
    Map<String, byte[]> loaded = new java.util.HashMap<>();
    ASSETS.keySet().forEach(name -> loaded.put(name, load(ROOT + name)));
    this.files = Map.copyOf(loaded);
  }

  void page(Context ctx) {
    serve(ctx, "index.html");
  }

  void asset(Context ctx) {
    String name = ctx.pathParam("asset");
    if (!ASSETS.containsKey(name)) {
      throw new ApiException(ErrorCode.NOT_FOUND, "no such file of the operator page");
    }
    serve(ctx, name);
  }

  void login(Context ctx) {
    Fields fields = body.read(ctx).allowOnly(LOGIN_FIELDS);
    String token = fields.string("token");
    String operator = fields.optionalString("operator").orElse(null);
    OperatorAuth.operatorName(operator); // a bad name is refused before the token is looked at
    ConsoleSessions.Opened opened = auth.login(token, operator);
    ctx.header("Set-Cookie", ConsoleSessions.COOKIE + "=" + opened.id() + "; Path=/; HttpOnly; SameSite=Strict; Max-Age="
        + ConsoleSessions.TTL.toSeconds());
    ctx.header("Cache-Control", "no-store");
    ctx.json(new LoggedIn(opened.session().operator(), opened.session().csrf(),
        opened.session().expires().toString()));
  }

  void logout(Context ctx) {
    auth.check(ctx);
    auth.logout(ctx);
    ctx.header("Set-Cookie", ConsoleSessions.COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    ctx.status(204);
  }

  void cockpit(Context ctx) {
    auth.check(ctx);
    ctx.header("Cache-Control", "no-store");
    ctx.json(console.cockpit().get());
  }

  void audit(Context ctx) {
    auth.check(ctx);
    int limit = 100;
    String asked = ctx.queryParam("limit");
    if (asked != null) {
      if (!asked.matches("[0-9]{1,4}")) {
        throw Values.malformed("limit", "must be a number of entries");
      }
      limit = Integer.parseInt(asked);
      if (limit < 1 || limit > 1_000) {
        throw Values.invalid(ErrorCode.INVALID_REQUEST, "limit", "must be 1 to 1000");
      }
    }
    ctx.json(new AuditPage(console.audit().recent(limit).stream().map(e -> new AuditEntry(e.id(), e.at().toString(),
        e.actor(), e.action().name(), e.target(), e.detail())).toList()));
  }

  private void serve(Context ctx, String name) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Cache-Control", "no-cache");
    ctx.contentType(ASSETS.get(name));
    ctx.result(files.get(name));
  }

  private static byte[] load(String resource) {
    try (InputStream in = ConsoleHandlers.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
