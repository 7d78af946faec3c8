package io.hubd.daemon.api;

/**
 * Machine-readable error codes of the HTTP API, each with its HTTP status: 400 malformed, 401/403 authentication,
 * 404 unknown, 409 conflict with the current state, 413 too large, 415 not JSON, 422 well-formed but invalid, 429
 * rate or budget exhausted (with {@code Retry-After}), 503 not ready. {@code docs/openapi.yaml} lists the same codes.
 */
public enum ErrorCode {
  MALFORMED_REQUEST(400),
  UNAUTHORIZED(401),
  FORBIDDEN(403),
  DISABLED(403),
  NOT_FOUND(404),
  METHOD_NOT_ALLOWED(405),
  CONFLICT(409),
  STALE_VERSION(409),
  STALE_STATE(409),
  INSUFFICIENT_RESERVE(409),
  PAYLOAD_TOO_LARGE(413),
  UNSUPPORTED_MEDIA_TYPE(415),
  INVALID_REQUEST(422),
  INVALID_SIGNATURE(422),
  EXPIRED(422),
  NONCE_REUSED(422),
  UNKNOWN_TOKEN(422),
  UNKNOWN_ACCOUNT(422),
  AMOUNT_OUT_OF_RANGE(422),
  FEE_TOO_HIGH(422),
  WRONG_CHAIN(422),
  WRONG_CONTRACT(422),
  STALE_NONCE(409),
  ACCOUNT_FROZEN(409),
  CONSERVATION_BROKEN(422),
  INSUFFICIENT_FUNDS(422),
  RATE_LIMITED(429),
  BUDGET_EXHAUSTED(429),
  NOT_READY(503),
  INTERNAL(500);

  private final int status;

  ErrorCode(int status) {
    this.status = status;
  }

  public int status() {
    return status;
  }
}
