package io.hubd.daemon.rebalance;

import java.util.Objects;

/**
 * A C2R approval a plan does not use, and why: the caller keeps it for a later tick or, for {@link
 * QueueReason#STALE_NONCE} and {@link QueueReason#EXCEEDS_FREE_COLLATERAL}, drops it. Immutable.
 */
public record UnusedApproval(C2RApproval approval, QueueReason reason) {
  public UnusedApproval {
    Objects.requireNonNull(approval, "approval == null");
    Objects.requireNonNull(reason, "reason == null");
  }

  /** Whether a later batch may still use it (otherwise the caller drops it). */
  public boolean usable() {
    return switch (reason) {
      case STALE_NONCE, EXCEEDS_FREE_COLLATERAL, UNKNOWN_TOKEN, DUPLICATE, NONCE_CONFLICT -> false;
      default -> true;
    };
  }
}
