package io.hubd.daemon.app;

import io.hubd.daemon.config.TokenConfig;
import io.hubd.daemon.limits.RollingBudget;
import io.hubd.daemon.store.Store;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** The durable rolling budgets of one kind ({@code r2c}, {@code faucet}, {@code topup}), one per configured token. */
final class Budgets {
  private Budgets() {}

  static Map<Integer, RollingBudget> of(Store store, String name, Map<Integer, TokenConfig> tokens,
      Function<TokenConfig, BigInteger> limit, Duration window, Clock clock) {
    Map<Integer, RollingBudget> out = new TreeMap<>();
    tokens.forEach((id, t) -> out.put(id, new RollingBudget(store, name, id, limit.apply(t), window, clock)));
    return out;
  }
}
