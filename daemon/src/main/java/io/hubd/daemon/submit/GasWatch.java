package io.hubd.daemon.submit;

import io.hubd.daemon.chain.Chain;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the hub key's native balance, which pays every transaction's gas: {@code hubd_hub_gas_balance_wei}, and
 * {@code hubd_hub_gas_low} (1 below {@code submit.minGasBalance}), with a warning logged once each time it falls
 * below the floor and a line for {@code /ready}. Thread-safe.
 */
public final class GasWatch {
  private static final Logger log = LoggerFactory.getLogger(GasWatch.class);

  private final Chain chain;
  private final String address;
  private final BigInteger floor;
  private final AtomicReference<Optional<BigInteger>> balance = new AtomicReference<>(Optional.empty());
  private volatile boolean low;

  public GasWatch(Chain chain, String address, BigInteger floor, MeterRegistry meters) {
    this.chain = Objects.requireNonNull(chain, "chain == null");
    this.address = Objects.requireNonNull(address, "address == null");
    this.floor = Objects.requireNonNull(floor, "floor == null");
    Gauge.builder("hubd_hub_gas_balance_wei", balance, b -> b.get().map(BigInteger::doubleValue).orElse(Double.NaN))
        .description("the hub key's native balance, which pays for gas").register(meters);
    Gauge.builder("hubd_hub_gas_low", this, g -> g.low ? 1 : 0)
        .description("1 while the hub key's native balance is below submit.minGasBalance").register(meters);
  }

  /** Reads the balance once. */
  public void check() {
    BigInteger now = chain.balance(address);
    balance.set(Optional.of(now));
    boolean below = now.compareTo(floor) < 0;
    if (below && !low) {
      log.warn("the hub key {} holds {} native units, below submit.minGasBalance {}: top it up before"
          + " transactions fail for want of gas", address, ether(now), ether(floor));
    } else if (!below && low) {
      log.info("the hub key's native balance {} is back above the floor {}", ether(now), ether(floor));
    }
    low = below;
  }

  /** What {@code /ready} says while the balance is below the floor. */
  public Optional<String> warning() {
    return low ? balance.get().map(b -> "gas balance " + ether(b) + " is below submit.minGasBalance "
        + ether(floor)) : Optional.empty();
  }

  private static String ether(BigInteger wei) {
    return new BigDecimal(wei).movePointLeft(18).stripTrailingZeros().toPlainString();
  }
}
