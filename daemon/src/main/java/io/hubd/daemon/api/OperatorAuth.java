package io.hubd.daemon.api;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Guards the operator endpoints with {@code Authorization: Bearer <http.adminToken>}: {@code FORBIDDEN} (403) when
 * no token is configured at all (the endpoints are off), {@code UNAUTHORIZED} (401, with
 * {@code WWW-Authenticate: Bearer}) when the header is missing or carries another token. Tokens are compared in
 * constant time and never echoed. Immutable and thread-safe.
 */
final class OperatorAuth {
  private static final String BEARER = "Bearer ";

  private final Optional<byte[]> token;

  OperatorAuth(Optional<String> token) {
    this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
  }

  void check(Context ctx) {
    if (token.isEmpty()) {
      throw new ApiException(ErrorCode.FORBIDDEN, "operator endpoints are off: no admin token is configured"
          + " (set http.adminToken or HUBD_HTTP_ADMIN_TOKEN)");
    }
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new ApiException(ErrorCode.UNAUTHORIZED, "operator endpoint: send Authorization: Bearer <admin token>");
    }
    byte[] given = header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(given, token.get())) {
      ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      throw new ApiException(ErrorCode.UNAUTHORIZED, "the bearer token is not the admin token");
    }
  }
}
