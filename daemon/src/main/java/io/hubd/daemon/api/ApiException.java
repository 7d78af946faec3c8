package io.hubd.daemon.api;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request the API refuses, rendered as {@code {"code": "SNAKE_CASE", "message": "…", "details": {…}}} with the
 * code's HTTP status. {@code retryAfter} becomes a {@code Retry-After} header (429, 503).
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final transient Map<String, Object> details;
  private final transient Optional<Duration> retryAfter;

  public ApiException(ErrorCode code, String message) {
    this(code, message, Map.of(), Optional.empty());
  }

  public ApiException(ErrorCode code, String message, Map<String, Object> details) {
    this(code, message, details, Optional.empty());
  }

  public ApiException(ErrorCode code, String message, Map<String, Object> details, Optional<Duration> retryAfter) {
    super(message);
    this.code = Objects.requireNonNull(code, "code == null");
    this.details = Map.copyOf(details);
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter == null");
  }

  public ErrorCode code() {
    return code;
  }

  public Map<String, Object> details() {
    return details;
  }

  public Optional<Duration> retryAfter() {
    return retryAfter;
  }
}
