package io.hubd.daemon.margin;

import io.hubd.contracts.EntityId;
import io.hubd.contracts.RevertReason;
import io.hubd.daemon.chain.TxReceipt;
import io.hubd.daemon.rebalance.NettingSavings;
import io.hubd.daemon.submit.Intent;
import io.hubd.daemon.submit.SubmitListener;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Money in and out of the hub since the process started, per token, as Prometheus meters and as exact totals for
 * the cockpit:
 *
 * <ul>
 *   <li>{@code hubd_fees_quoted_total{token}} and {@code hubd_fees_collected_total{token}}: R2C fees of requests
 *       accepted, and of requests served (base units), from {@link FeeWatch};
 *   <li>{@code hubd_gas_spent_wei_total{kind}}: native units paid for mined transactions ({@code gasUsed ×
 *       effectiveGasPrice}), {@code kind=batch|call}; {@code hubd_batch_fee_wei}: the same per batch;
 *       {@code hubd_operation_fee_wei}: per operation of a batch;
 *   <li>{@code hubd_gas_cost_token_total{token}}: a batch's gas priced at the token's configured
 *       {@code tokenUnitsPerGas}, shared among tokens by their number of operations in it;
 *   <li>{@code hubd_net_margin{token}}: fees collected less that gas cost.
 * </ul>
 *
 * It also keeps, exactly and for the cockpit only, the reserve mined batches saved by netting per token
 * ({@link NettingSavings}; the rebalance loop publishes the same as {@code hubd_reserve_saved_by_netting_total} when
 * the mirror shows the batch). Totals start at 0 with the process. Thread-safe.
 */
public final class MoneyMeters implements SubmitListener {
  /** How many intents' fees are kept for {@link #fee}. */
  private static final int RECENT_FEES = 256;
  private final MeterRegistry meters;
  private final EntityId hub;
  private final Map<Integer, String> symbols;
  private final Map<Integer, BigInteger> tokenUnitsPerGas;
  private final Map<Integer, BigInteger> quoted = new ConcurrentHashMap<>();
  private final Map<Integer, BigInteger> collected = new ConcurrentHashMap<>();
  private final Map<Integer, BigInteger> gasCost = new ConcurrentHashMap<>();
  private final Map<Integer, BigInteger> saved = new ConcurrentHashMap<>();
  private final Map<Integer, Long> operations = new ConcurrentHashMap<>();
  private final Map<Long, BigInteger> fees = java.util.Collections.synchronizedMap(
      new java.util.LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, BigInteger> eldest) {
          return size() > RECENT_FEES;
        }
      });
  private final DistributionSummary batchFee;
  private final DistributionSummary operationFee;

  /**
   * @param hub the hub's entity, whose batches these are
   * @param symbols token id to symbol, for the {@code token} tag
   * @param tokenUnitsPerGas token id to the configured price of one gas unit in the token's base units
   */
  public MoneyMeters(MeterRegistry meters, EntityId hub, Map<Integer, String> symbols,
      Map<Integer, BigInteger> tokenUnitsPerGas) {
    this.meters = Objects.requireNonNull(meters, "meters == null");
    this.hub = Objects.requireNonNull(hub, "hub == null");
    this.symbols = Map.copyOf(symbols);
    this.tokenUnitsPerGas = Map.copyOf(tokenUnitsPerGas);
    this.batchFee = DistributionSummary.builder("hubd_batch_fee_wei")
        .description("native units paid for one mined batch").publishPercentiles(0.5, 0.95).register(meters);
    this.operationFee = DistributionSummary.builder("hubd_operation_fee_wei")
        .description("native units paid per operation of a mined batch").publishPercentiles(0.5, 0.95)
        .register(meters);
    for (var e : this.symbols.entrySet()) {
      int token = e.getKey();
      quoted.put(token, BigInteger.ZERO);
      collected.put(token, BigInteger.ZERO);
      gasCost.put(token, BigInteger.ZERO);
      meters.counter("hubd_fees_quoted_total", "token", e.getValue());
      meters.counter("hubd_fees_collected_total", "token", e.getValue());
      meters.counter("hubd_gas_cost_token_total", "token", e.getValue());
      Gauge.builder("hubd_net_margin", this, m -> m.netMargin(token).doubleValue()).tag("token", e.getValue())
          .description("fees collected less gas priced at tokenUnitsPerGas, base units, since start")
          .register(meters);
    }
    meters.counter("hubd_gas_spent_wei_total", "kind", "batch");
    meters.counter("hubd_gas_spent_wei_total", "kind", "call");
  }

  /** R2C fees of newly accepted requests. */
  void quoted(int token, BigInteger fee) {
    add(quoted, "hubd_fees_quoted_total", token, fee);
  }

  /** R2C fees of requests served. */
  void collected(int token, BigInteger fee) {
    add(collected, "hubd_fees_collected_total", token, fee);
  }

  @Override
  public void confirmed(long id, Intent intent, TxReceipt receipt) {
    BigInteger wei = receipt.gasUsed().multiply(receipt.effectiveGasPrice());
    fees.put(id, wei);
    if (intent instanceof Intent.BatchIntent b) {
      meters.counter("hubd_gas_spent_wei_total", "kind", "batch").increment(wei.doubleValue());
      batchFee.record(wei.doubleValue());
      NettingSavings.of(b.batch(), hub).forEach((token, amount) -> saved.merge(token, amount, BigInteger::add));
      int operations = b.batch().operationCount();
      if (operations > 0) {
        for (int i = 0; i < operations; i++) {
          operationFee.record(wei.doubleValue() / operations);
        }
        OperationTokens.of(b.batch()).forEach((token, ops) -> {
          this.operations.merge(token, (long) ops, Long::sum);
          BigInteger price = tokenUnitsPerGas.getOrDefault(token, BigInteger.ZERO);
          BigInteger cost = receipt.gasUsed().multiply(price).multiply(BigInteger.valueOf(ops))
              .divide(BigInteger.valueOf(operations));
          add(gasCost, "hubd_gas_cost_token_total", token, cost);
        });
      }
    } else {
      meters.counter("hubd_gas_spent_wei_total", "kind", "call").increment(wei.doubleValue());
    }
  }

  @Override
  public void failed(long id, Intent intent, RevertReason reason) {
    // a failed intent that was mined still paid gas, but its receipt is not handed here; the pipeline counts it
  }

  /** What intent {@code id}'s mined transaction paid in native units, if it was among the last few hundred. */
  public Optional<BigInteger> fee(long id) {
    return Optional.ofNullable(fees.get(id));
  }

  public BigInteger quoted(int token) {
    return quoted.getOrDefault(token, BigInteger.ZERO);
  }

  public BigInteger collected(int token) {
    return collected.getOrDefault(token, BigInteger.ZERO);
  }

  public BigInteger gasCost(int token) {
    return gasCost.getOrDefault(token, BigInteger.ZERO);
  }

  /**
   * The gas of a mined batch's operation in {@code token}, at the token's price, on average since the start; zero
   * before the first.
   */
  public BigInteger gasCostPerOperation(int token) {
    long ops = operations.getOrDefault(token, 0L);
    return ops == 0 ? BigInteger.ZERO : gasCost(token).divide(BigInteger.valueOf(ops));
  }

  /** The R2C that mined batches funded from their C2R and settlement inflows rather than the reserve. */
  public BigInteger savedByNetting(int token) {
    return saved.getOrDefault(token, BigInteger.ZERO);
  }

  /** Fees collected less gas cost, in the token's base units; negative when the hub pays more than it earns. */
  public BigInteger netMargin(int token) {
    return collected(token).subtract(gasCost(token));
  }

  private void add(Map<Integer, BigInteger> totals, String meter, int token, BigInteger amount) {
    String symbol = symbols.get(token);
    if (symbol == null || amount.signum() == 0) {
      return;
    }
    totals.merge(token, amount, BigInteger::add);
    meters.counter(meter, "token", symbol).increment(amount.doubleValue());
  }
}
