package io.hubd.daemon.jobs;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A request refused, and why; nothing was changed. The HTTP layer maps {@link Reason} to a status and code. */
public final class Rejection extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a request was refused. */
  public enum Reason {
    MALFORMED,
    INVALID,
    INVALID_SIGNATURE,
    EXPIRED,
    NONCE_REUSED,
    UNKNOWN_TOKEN,
    UNKNOWN_ACCOUNT,
    AMOUNT_OUT_OF_RANGE,
    FEE_TOO_HIGH,
    STALE_VERSION,
    STALE_STATE,
    INSUFFICIENT_RESERVE,
    BUDGET_EXHAUSTED,
    RATE_LIMITED,
    NOT_FOUND,
    CONFLICT,
    DISABLED,
    NOT_READY,
    /** Signed for another chain. */
    WRONG_CHAIN,
    /** Signed for another Depository contract. */
    WRONG_CONTRACT,
    /** The account nonce signed is not above the one on chain. */
    STALE_NONCE,
    /** A settlement diff whose reserves and collateral do not sum to zero. */
    CONSERVATION_BROKEN,
    /** An outflow above what the reserve or collateral it takes from holds. */
    INSUFFICIENT_FUNDS,
    /** The account is in dispute on chain: nothing may touch its collateral or nonce until the dispute ends. */
    ACCOUNT_FROZEN
  }

  private final Reason reason;
  private final transient Map<String, Object> details;
  private final transient Optional<Duration> retryAfter;

  public Rejection(Reason reason, String message) {
    this(reason, message, Map.of());
  }

  public Rejection(Reason reason, String message, Map<String, Object> details) {
    this(reason, message, details, Optional.empty());
  }

  public Rejection(Reason reason, String message, Map<String, Object> details, Optional<Duration> retryAfter) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason == null");
    this.details = Map.copyOf(details);
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter == null");
  }

  public Reason reason() {
    return reason;
  }

  public Map<String, Object> details() {
    return details;
  }

  public Optional<Duration> retryAfter() {
    return retryAfter;
  }
}
