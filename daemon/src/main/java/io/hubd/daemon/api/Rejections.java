package io.hubd.daemon.api;

import io.hubd.daemon.jobs.Rejection;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Translates the desks' refusals ({@link Rejection}) into API errors, once, at the edge: each reason has one code
 * (and so one HTTP status); message and details pass through. Refusals to retry later (budget, rate, readiness)
 * carry {@code Retry-After}: the desk's, else {@code retryAfter}. Immutable and thread-safe.
 */
final class Rejections {
  private final Duration retryAfter;

  Rejections(Duration retryAfter) {
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter == null");
  }

  ApiException toApi(Rejection r) {
    ErrorCode code = code(r.reason());
    Optional<Duration> wait = code.status() == 429 || code.status() == 503
        ? Optional.of(r.retryAfter().orElse(retryAfter))
        : Optional.empty();
    return new ApiException(code, r.getMessage(), r.details(), wait);
  }

  static ErrorCode code(Rejection.Reason reason) {
    return switch (reason) {
      case MALFORMED -> ErrorCode.MALFORMED_REQUEST;
      case INVALID -> ErrorCode.INVALID_REQUEST;
      case INVALID_SIGNATURE -> ErrorCode.INVALID_SIGNATURE;
      case EXPIRED -> ErrorCode.EXPIRED;
      case NONCE_REUSED -> ErrorCode.NONCE_REUSED;
      case UNKNOWN_TOKEN -> ErrorCode.UNKNOWN_TOKEN;
      case UNKNOWN_ACCOUNT -> ErrorCode.UNKNOWN_ACCOUNT;
      case AMOUNT_OUT_OF_RANGE -> ErrorCode.AMOUNT_OUT_OF_RANGE;
      case FEE_TOO_HIGH -> ErrorCode.FEE_TOO_HIGH;
      case STALE_VERSION -> ErrorCode.STALE_VERSION;
      case STALE_STATE -> ErrorCode.STALE_STATE;
      case ACCOUNT_FROZEN -> ErrorCode.ACCOUNT_FROZEN;
      case INSUFFICIENT_RESERVE -> ErrorCode.INSUFFICIENT_RESERVE;
      case BUDGET_EXHAUSTED -> ErrorCode.BUDGET_EXHAUSTED;
      case RATE_LIMITED -> ErrorCode.RATE_LIMITED;
      case NOT_FOUND -> ErrorCode.NOT_FOUND;
      case CONFLICT -> ErrorCode.CONFLICT;
      case DISABLED -> ErrorCode.DISABLED;
      case NOT_READY -> ErrorCode.NOT_READY;
      case WRONG_CHAIN -> ErrorCode.WRONG_CHAIN;
      case WRONG_CONTRACT -> ErrorCode.WRONG_CONTRACT;
      case STALE_NONCE -> ErrorCode.STALE_NONCE;
      case CONSERVATION_BROKEN -> ErrorCode.CONSERVATION_BROKEN;
      case INSUFFICIENT_FUNDS -> ErrorCode.INSUFFICIENT_FUNDS;
    };
  }
}
