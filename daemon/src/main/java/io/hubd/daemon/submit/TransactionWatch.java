package io.hubd.daemon.submit;

import io.hubd.daemon.chain.Chain;
import io.hubd.daemon.config.SubmitConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two troubles of a transaction in flight an operator must hear of once, not once per tick: the hub key cannot pay
 * for its gas (it is sent again only when the key's native balance has risen: {@code hubd_submit_short_of_gas}), and
 * it has waited longer than {@code submit.stuckAfter} with its fees at {@code submit.maxFeePerGasCap}
 * ({@code hubd_submit_stuck}: raise the cap, or {@code hubd tx cancel}). Called by the pipeline's thread; the gauges
 * from any. Thread-safe.
 */
final class TransactionWatch {
  private static final Logger log = LoggerFactory.getLogger(TransactionWatch.class);

  private final Chain chain;
  private final String hub;
  private final SubmitConfig config;
  private final Clock clock;
  /** Intents short of gas, with the hub key's balance when they were refused. */
  private final Map<Long, BigInteger> shortOfGas = new ConcurrentHashMap<>();
  private final Map<Long, Boolean> stuck = new ConcurrentHashMap<>();

  TransactionWatch(Chain chain, String hub, SubmitConfig config, Clock clock, MeterRegistry meters) {
    this.chain = Objects.requireNonNull(chain, "chain == null");
    this.hub = Objects.requireNonNull(hub, "hub == null");
    this.config = Objects.requireNonNull(config, "config == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    Gauge.builder("hubd_submit_short_of_gas", shortOfGas, Map::size)
        .description("transactions the hub key cannot pay the gas of").register(meters);
    Gauge.builder("hubd_submit_stuck", stuck, Map::size)
        .description("transactions waiting past submit.stuckAfter at submit.maxFeePerGasCap").register(meters);
  }

  /** A node refused {@code attempt} for want of funds: said once, and not sent again until the balance rises. */
  void shortOfGas(JournaledIntent intent, Attempt attempt) {
    BigInteger balance = chain.balance(hub);
    if (shortOfGas.put(intent.id(), balance) == null) {
      BigInteger cost = attempt.gasLimit().multiply(attempt.fees().maxFeePerGas());
      log.error("intent {} ({}): the hub key {} cannot pay for transaction {}: it holds {} wei, the transaction may"
              + " cost up to {} wei. Send the key native tokens; hubd sends it again once the balance rises",
          intent.id(), intent.intent().purpose(), hub, attempt.txHash(), balance, cost);
    }
  }

  /** Whether intent {@code id} may be sent (again): it is not short of gas, or the hub key's balance has risen. */
  boolean maySend(long id) {
    BigInteger refusedAt = shortOfGas.get(id);
    if (refusedAt == null) {
      return true;
    }
    if (chain.balance(hub).compareTo(refusedAt) > 0) {
      shortOfGas.remove(id);
      log.info("intent {}: the hub key's balance rose; sending it again", id);
      return true;
    }
    return false;
  }

  /** Intent {@code intent}'s transaction waits unmined with no room to raise its fees. */
  void atFeeCap(JournaledIntent intent, Attempt latest) {
    Duration waited = Duration.between(intent.journaledAt(), clock.instant());
    if (waited.compareTo(config.stuckAfter()) > 0 && stuck.put(intent.id(), true) == null) {
      log.error("intent {} ({}): transaction {} (nonce {}) has waited {} s unmined at the fee cap {} (submit.stuckAfter"
              + " {}). Raise submit.maxFeePerGasCap, or cancel it with `hubd tx cancel --id {}`", intent.id(),
          intent.intent().purpose(), latest.txHash(), latest.nonce(), waited.toSeconds(), config.maxFeePerGasCap(),
          config.stuckAfter(), intent.id());
    }
  }

  /** Intent {@code id} no longer waits (mined, cancelled or failed). */
  void done(long id) {
    shortOfGas.remove(id);
    stuck.remove(id);
  }
}
