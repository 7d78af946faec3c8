package io.hubd.daemon.topup;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * How much a token's spendable reserve is likely to lose while a refill is under way: the outflow observed over
 * the last {@code window} (decreases only; refills do not offset it), scaled to the time refills have been taking,
 * with half again as margin. Top-up starts when the spendable reserve is within this amount of the minimum, so that
 * the reserve stays at or above the minimum while the refill lands, instead of falling below it first. Exact
 * (BigInteger base units). Thread-safe.
 */
final class DrainForecast {
  private final Duration window;
  private final Deque<Sample> samples = new ArrayDeque<>();
  private Duration lead;
  private Instant refillStartedAt;

  private record Sample(Instant at, BigInteger spendable) {}

  /**
   * @param window how far back outflow is measured
   * @param initialLead the assumed refill time until one has been measured
   */
  DrainForecast(Duration window, Duration initialLead) {
    this.window = Objects.requireNonNull(window, "window == null");
    this.lead = Objects.requireNonNull(initialLead, "initialLead == null");
  }

  synchronized void observe(Instant now, BigInteger spendable) {
    samples.addLast(new Sample(now, spendable));
    while (samples.size() > 2 && samples.peekFirst().at().isBefore(now.minus(window))) {
      samples.removeFirst();
    }
  }

  /** The reserve expected to flow out during one refill (zero until a second of outflow is known). */
  synchronized BigInteger margin() {
    if (samples.size() < 2) {
      return BigInteger.ZERO;
    }
    long spanMillis = Duration.between(samples.peekFirst().at(), samples.peekLast().at()).toMillis();
    if (spanMillis < 1_000) {
      return BigInteger.ZERO;
    }
    BigInteger outflow = BigInteger.ZERO;
    BigInteger previous = null;
    for (Sample s : samples) {
      if (previous != null && s.spendable().compareTo(previous) < 0) {
        outflow = outflow.add(previous.subtract(s.spendable()));
      }
      previous = s.spendable();
    }
    return outflow.multiply(BigInteger.valueOf(lead.toMillis() * 3))
        .divide(BigInteger.valueOf(spanMillis * 2));
  }

  synchronized void refillStarted(Instant now) {
    if (refillStartedAt == null) {
      refillStartedAt = now;
    }
  }

  /** A refill landed: its duration becomes the expected one (averaged with the previous). */
  synchronized void refillLanded(Instant now) {
    if (refillStartedAt != null) {
      Duration took = Duration.between(refillStartedAt, now);
      lead = lead.plus(took).dividedBy(2);
      refillStartedAt = null;
    }
  }

  synchronized void refillFailed() {
    refillStartedAt = null;
  }
}
