package io.hubd.daemon.topup;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long one token's mirrored reserve has been observed, and how much of that time it was below
 * {@code minReserve}. Between two observations the reserve is taken to be what the earlier one saw; time while the
 * mirror is not caught up ({@link #pause}) counts for neither. Time comes from the injected clock; a clock that
 * steps back adds nothing. Thread-safe.
 */
final class ReserveUptime {
  private final Clock clock;
  private final BigInteger minReserve;
  private Instant last;
  private boolean lastBelow;
  private Duration observed = Duration.ZERO;
  private Duration below = Duration.ZERO;

  ReserveUptime(Clock clock, BigInteger minReserve) {
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.minReserve = Objects.requireNonNull(minReserve, "minReserve == null");
  }

  /** The mirror shows {@code reserve} now. */
  synchronized void observe(BigInteger reserve) {
    Objects.requireNonNull(reserve, "reserve == null");
    Instant now = accrue();
    last = now;
    lastBelow = reserve.compareTo(minReserve) < 0;
  }

  /** The mirror's reserve is not current: count the time up to now, then nothing until the next observation. */
  synchronized void pause() {
    accrue();
    last = null;
  }

  synchronized double observedSeconds() {
    return seconds(observed);
  }

  synchronized double belowSeconds() {
    return seconds(below);
  }

  /** 1 − below / observed; 1 before anything was observed. */
  synchronized double ratio() {
    return observed.isZero() ? 1.0 : 1.0 - seconds(below) / seconds(observed);
  }

  private Instant accrue() {
    Instant now = clock.instant();
    if (last == null) {
      return now;
    }
    if (now.isBefore(last)) {
      return last;
    }
    Duration elapsed = Duration.between(last, now);
    observed = observed.plus(elapsed);
    if (lastBelow) {
      below = below.plus(elapsed);
    }
    return now;
  }

  private static double seconds(Duration d) {
    return d.getSeconds() + d.getNano() / 1e9;
  }
}
