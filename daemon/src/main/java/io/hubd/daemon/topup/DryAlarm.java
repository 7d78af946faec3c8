package io.hubd.daemon.topup;

import java.math.BigInteger;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the operator when one token's reserve is below its minimum and nothing can refill it: one WARN per
 * episode (not per monitor step), the {@code hubd_topup_dry} gauge at 1 for as long as it lasts, and one INFO when
 * it ends. Called on the monitor's thread only.
 */
final class DryAlarm {
  private static final Logger log = LoggerFactory.getLogger(DryAlarm.class);

  private final String symbol;
  private final TopUpMetrics metrics;
  private boolean raised;

  DryAlarm(String symbol, TopUpMetrics metrics) {
    this.symbol = Objects.requireNonNull(symbol, "symbol == null");
    this.metrics = Objects.requireNonNull(metrics, "metrics == null");
  }

  /** Nothing can refill the reserve ({@code why}); {@code spendable} is below the minimum, {@code need} would fix it. */
  void raise(String why, BigInteger spendable, BigInteger need) {
    metrics.dry(true);
    if (!raised) {
      raised = true;
      log.warn("{} reserve cannot be topped up: {}; spendable {}, {} more needed; the daemon serves what it can",
          symbol, why, spendable, need);
    }
  }

  /** The reserve is back above its minimum, or a top-up is under way. */
  void clear() {
    metrics.dry(false);
    if (raised) {
      raised = false;
      log.info("{} reserve top-up possible again", symbol);
    }
  }
}
