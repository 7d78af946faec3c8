package io.hubd.daemon.rebalance;

import java.util.Objects;

/**
 * A settlement a plan does not use, and why. When {@link #usable} is false it can never be used (the caller drops
 * it: a proposal goes stale, a runtime settlement fails); otherwise it waits for a later tick. Immutable.
 */
public record UnusedSettlement(SettlementApproval settlement, QueueReason reason) {
  public UnusedSettlement {
    Objects.requireNonNull(settlement, "settlement == null");
    Objects.requireNonNull(reason, "reason == null");
  }

  /** Whether a later batch may still use it. */
  public boolean usable() {
    return switch (reason) {
      case STALE_NONCE, EXCEEDS_CREDIT, EXCEEDS_USER_RESERVE, EXCEEDS_COLLATERAL, UNKNOWN_TOKEN, DUPLICATE,
          NONCE_CONFLICT -> false;
      default -> true;
    };
  }
}
