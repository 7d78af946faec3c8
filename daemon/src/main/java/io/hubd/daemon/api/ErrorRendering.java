package io.hubd.daemon.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure into the API's error format; internals never reach the client. */
final class ErrorRendering {
  private static final Logger log = LoggerFactory.getLogger(ErrorRendering.class);

  private ErrorRendering() {}

  static void install(Javalin app) {
    app.exception(ApiException.class, ErrorRendering::render);
    app.exception(JsonProcessingException.class,
        (e, ctx) -> render(new ApiException(ErrorCode.MALFORMED_REQUEST, "request body is not valid JSON"), ctx));
    app.exception(HttpResponseException.class, (e, ctx) -> render(fromStatus(e.getStatus(), e.getMessage()), ctx));
    app.exception(Exception.class, (e, ctx) -> {
      log.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
      render(new ApiException(ErrorCode.INTERNAL, "internal error"), ctx);
    });
    app.error(404, ctx -> {
      if (!rendered(ctx)) {
        render(new ApiException(ErrorCode.NOT_FOUND, "no such endpoint: " + ctx.method() + " " + ctx.path()), ctx);
      }
    });
    app.error(405, ctx -> {
      if (!rendered(ctx)) {
        render(new ApiException(ErrorCode.METHOD_NOT_ALLOWED, "method not allowed"), ctx);
      }
    });
    app.error(413, ctx -> {
      if (!rendered(ctx)) {
        render(new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "request body too large"), ctx);
      }
    });
  }

  static void render(ApiException e, Context ctx) {
    ctx.status(e.code().status());
    e.retryAfter().ifPresent(d -> ctx.header("Retry-After", Long.toString(seconds(d))));
    ctx.json(ErrorBody.of(e));
  }

  /** A wait in whole seconds for {@code Retry-After}: rounded up, at least 1. */
  static long seconds(Duration wait) {
    long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
    return Math.max(1, seconds);
  }

  /** Whether a handler already wrote an error body (then the status handlers leave it alone). */
  private static boolean rendered(Context ctx) {
    String result = ctx.result();
    return result != null && result.startsWith("{");
  }

  private static ApiException fromStatus(int status, String message) {
    return switch (status) {
      case 400 -> new ApiException(ErrorCode.MALFORMED_REQUEST, message);
      case 401 -> new ApiException(ErrorCode.UNAUTHORIZED, message);
      case 403 -> new ApiException(ErrorCode.FORBIDDEN, message);
      case 404 -> new ApiException(ErrorCode.NOT_FOUND, message);
      case 405 -> new ApiException(ErrorCode.METHOD_NOT_ALLOWED, message);
      case 413 -> new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "request body too large");
      case 415 -> new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, message);
      case 503 -> new ApiException(ErrorCode.NOT_READY, message);
      default -> new ApiException(ErrorCode.INTERNAL, "request failed", Map.of("status", status));
    };
  }
}
