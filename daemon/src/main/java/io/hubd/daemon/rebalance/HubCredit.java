package io.hubd.daemon.rebalance;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hub's outstanding credit per token, what users owe it beyond their collateral, summed over every account as
 * the account updates arrive, published as the gauge {@code hubd_hub_credit{token}} (base units). Remembers only the
 * accounts that owe something. Updated on the rebalance loop's thread; read from any.
 */
final class HubCredit {
  private final Map<AccountKey, BigInteger> owing = new HashMap<>();
  private final Map<Integer, BigInteger> totals = new ConcurrentHashMap<>();

  HubCredit(Set<Integer> tokens, MeterRegistry meters) {
    for (int token : tokens) {
      totals.put(token, BigInteger.ZERO);
      Gauge.builder("hubd_hub_credit", totals, t -> t.getOrDefault(token, BigInteger.ZERO).doubleValue())
          .description("what users owe the hub beyond their collateral, in the token's base units")
          .tag("token", Integer.toString(token))
          .register(meters);
    }
  }

  /** Applies the latest state of one account. */
  void update(HubAccount account) {
    BigInteger now = account.exposure().hubCredit();
    BigInteger before = now.signum() > 0 ? owing.put(account.key(), now) : owing.remove(account.key());
    BigInteger change = now.subtract(before == null ? BigInteger.ZERO : before);
    if (change.signum() != 0) {
      totals.merge(account.key().tokenId(), change, BigInteger::add);
    }
  }

  /** The total for {@code token}. */
  BigInteger total(int token) {
    return totals.getOrDefault(token, BigInteger.ZERO);
  }
}
