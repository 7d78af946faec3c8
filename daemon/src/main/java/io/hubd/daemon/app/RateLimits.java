package io.hubd.daemon.app;

import io.hubd.daemon.api.ApiLimits;
import io.hubd.daemon.config.LimitsConfig;
import io.hubd.daemon.limits.KeyedRateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Optional;

/** The API's rate limiters built from {@code limits.*}, each refusal counted as {@code hubd_rate_limited_total}. */
final class RateLimits {
  private RateLimits() {}

  static ApiLimits of(LimitsConfig l, MeterRegistry meters) {
    return new ApiLimits(
        counted("rebalance", KeyedRateLimiter.create(l.rebalancePerCounterparty(), Optional.of(l.rebalanceGlobal()),
            l.maxKeys()), meters),
        counted("faucet", KeyedRateLimiter.create(l.faucetPerRecipient(), Optional.of(l.faucetGlobal()), l.maxKeys()),
            meters),
        counted("client", KeyedRateLimiter.create(l.perClient(), Optional.empty(), l.maxKeys()), meters));
  }

  /** Counts the limiter's refusals as hubd_rate_limited_total{limiter, scope}. */
  private static KeyedRateLimiter counted(String name, KeyedRateLimiter limiter, MeterRegistry meters) {
    return limiter.onRefusal(d -> meters.counter("hubd_rate_limited_total", "limiter", name, "scope",
        d.scope().name().toLowerCase(Locale.ROOT)).increment());
  }
}
