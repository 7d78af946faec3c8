package io.hubd.daemon.api;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Guards the operator endpoints: {@code FORBIDDEN} (403) when no token is configured at all (the endpoints are off);
 * otherwise the request must carry {@code Authorization: Bearer <http.adminToken>} or the cookie of a live
 * {@link ConsoleSessions session} opened with that token on the operator page, else {@code UNAUTHORIZED} (401,
 * {@code WWW-Authenticate: Bearer}). A request authenticated by the cookie that changes something must also echo
 * the session's CSRF token in {@code X-Hubd-Csrf}, and its {@code Origin}, when sent, must be this server's. Tokens
 * are compared in constant time and never echoed. Says who acted: the session's operator name, or the bearer's
 * {@code X-Hubd-Operator} header. Thread-safe.
 */
final class OperatorAuth {
  private static final String BEARER = "Bearer ";
  static final String OPERATOR_HEADER = "X-Hubd-Operator";
  private static final Pattern OPERATOR_NAME = Pattern.compile("[A-Za-z0-9._@-]{1,40}");

  private final Optional<byte[]> token;
  private final ConsoleSessions sessions;

  OperatorAuth(Optional<String> token) {
    this(token, Clock.systemUTC());
  }

  OperatorAuth(Optional<String> token, Clock clock) {
    this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    this.sessions = new ConsoleSessions(clock);
  }

  /** Checks the request's credentials; returns who acted, e.g. {@code alice via session}. */
  String check(Context ctx) {
    byte[] expected = configured();
    String header = ctx.header("Authorization");
    if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      byte[] given = header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
      if (!MessageDigest.isEqual(given, expected)) {
        ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        throw new ApiException(ErrorCode.UNAUTHORIZED, "the bearer token is not the admin token");
      }
      return operatorName(ctx.header(OPERATOR_HEADER)) + " via bearer";
    }
    Optional<ConsoleSessions.Session> session = sessions.find(ctx.cookie(ConsoleSessions.COOKIE));
    if (session.isEmpty()) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new ApiException(ErrorCode.UNAUTHORIZED,
          "operator endpoint: send Authorization: Bearer <admin token>, or log in on the operator page");
    }
    if (ctx.method() != HandlerType.GET) {
      String csrf = ctx.header(ConsoleSessions.CSRF_HEADER);
      if (csrf == null || !MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8),
          session.get().csrf().getBytes(StandardCharsets.UTF_8))) {
        throw new ApiException(ErrorCode.FORBIDDEN, "a change from the operator page needs its "
            + ConsoleSessions.CSRF_HEADER + " header");
      }
      checkOrigin(ctx);
    }
    return session.get().operator() + " via session";
  }

  /** Opens a session for {@code operator} when {@code given} is the admin token. */
  ConsoleSessions.Opened login(String given, String operator) {
    byte[] expected = configured();
    if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected)) {
      throw new ApiException(ErrorCode.UNAUTHORIZED, "that is not the admin token");
    }
    return sessions.open(operatorName(operator));
  }

  void logout(Context ctx) {
    sessions.close(ctx.cookie(ConsoleSessions.COOKIE));
  }

  /** {@code name} when it is a valid operator name; {@code operator} when absent; refused otherwise. */
  static String operatorName(String name) {
    if (name == null || name.isEmpty()) {
      return "operator";
    }
    if (!OPERATOR_NAME.matcher(name).matches()) {
      throw new ApiException(ErrorCode.INVALID_REQUEST,
          "operator: 1 to 40 letters, digits, '.', '_', '@' or '-'");
    }
    return name;
  }

  private byte[] configured() {
    return token.orElseThrow(() -> new ApiException(ErrorCode.FORBIDDEN, "operator endpoints are off: no admin token"
        + " is configured (set http.adminToken or HUBD_HTTP_ADMIN_TOKEN)"));
  }

  private static void checkOrigin(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin == null) {
      return;
    }
    String host = ctx.header("Host");
    String originHost;
    try {
      URI uri = new URI(origin);
      originHost = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    } catch (java.net.URISyntaxException e) {
      originHost = null;
    }
    if (host == null || originHost == null || !host.equalsIgnoreCase(originHost)) {
      throw new ApiException(ErrorCode.FORBIDDEN, "a change from the operator page must come from its own origin");
    }
  }
}
