package io.hubd.daemon.topup;

import io.hubd.daemon.testkit.TestDatabases;
import io.hubd.contracts.Batch;
import io.hubd.daemon.limits.RollingBudget;
import io.hubd.daemon.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.hubd.daemon.submit.Intent;
import io.hubd.daemon.submit.IntentState;
import io.hubd.daemon.testkit.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One token's top-up over the hand-written chain, mirror and journal, with a hand-moved clock; plays the
 * coordinator's part (taking deposits into batches, reporting them settled). Not thread-safe.
 */
final class TopUpHarness {
  static final Duration RETRY = Duration.ofSeconds(1);
  static final Duration WINDOW = Duration.ofHours(1);
  static final int TOKEN = WalletChain.TOKEN_ID;

  final WalletChain chain = new WalletChain();
  final ReserveView mirror = new ReserveView();
  final Map<Integer, BigInteger> committed = new HashMap<>();
  final RecordingIntents intents = new RecordingIntents();
  final MutableClock clock = new MutableClock();
  final MeterRegistry meters;
  final Store store;
  final RollingBudget budget;
  final ReserveTopUp topUp;
  int readyCalls;
  int kicks;
  private long lastBatch = 100;

  TopUpHarness(long minReserve, long targetReserve, long topUpBudget, boolean useFaucet, MeterRegistry meters) {
    this.meters = meters;
    this.store = store();
    this.budget = new RollingBudget(store, "topup", TOKEN, BigInteger.valueOf(topUpBudget), WINDOW, clock);
    ReserveTopUp.Settings settings = new ReserveTopUp.Settings(WalletChain.HUB, WalletChain.DEPOSITORY,
        useFaucet ? Optional.of(WalletChain.FAUCET) : Optional.empty(),
        Map.of(TOKEN, new ReserveTopUp.Levels("TUSD", BigInteger.valueOf(minReserve),
            BigInteger.valueOf(targetReserve))), RETRY);
    this.topUp = new ReserveTopUp(settings, chain, store, mirror, () -> Map.copyOf(committed), intents,
        Map.of(TOKEN, budget), clock, meters);
    topUp.onReady(() -> readyCalls++);
    topUp.onKick(() -> kicks++);
  }

  /** A fresh database in a temporary directory, where top-up keeps its progress and budget spending. */
  static Store store() {
    try {
      Path dir = Files.createTempDirectory("hubd-topup-test");
      dir.toFile().deleteOnExit();
      return TestDatabases.open(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Minimum 1,000, target 5,000, a budget of 1,000,000 per hour, the faucet allowed. */
  static TopUpHarness standard() {
    return new TopUpHarness(1_000, 5_000, 1_000_000, true, new SimpleMeterRegistry());
  }

  TopUpHarness reserve(long units) {
    mirror.reserves.put(TOKEN, BigInteger.valueOf(units));
    return this;
  }

  TopUpHarness wallet(long units) {
    chain.wallet = BigInteger.valueOf(units);
    return this;
  }

  BigInteger reserve() {
    return mirror.reserve(TOKEN);
  }

  TopUpPhase phase() {
    return topUp.phase(TOKEN);
  }

  void step() {
    topUp.step();
  }

  /** The last intent is confirmed, with its effect on the chain (an approval or a drip). */
  void confirmLast() {
    Intent.ContractCall call = intents.last();
    BigInteger amount = intents.lastAmount();
    if (call.to().equals(WalletChain.TOKEN)) {
      chain.approved(amount);
    } else if (call.to().equals(WalletChain.FAUCET)) {
      chain.dripped(amount);
    } else {
      throw new AssertionError("unexpected intent " + call);
    }
    intents.move(intents.lastId(), IntentState.CONFIRMED);
  }

  /** The coordinator puts the ready deposits into a new batch; returns the batch's intent id. */
  long batch() {
    List<Batch.ExternalToReserve> deposits = topUp.ready();
    topUp.included(deposits, ++lastBatch);
    return lastBatch;
  }

  /** The batch landed and is mirrored: the wallet paid {@code amount} into the reserve. */
  void land(long batch, BigInteger amount) {
    chain.deposited(amount);
    mirror.reserves.merge(TOKEN, amount, BigInteger::add);
    topUp.settled(batch, true);
  }

  /** Steps until the top-up is offered: approval confirmed when one is asked for. */
  BigInteger approveAndOffer() {
    step();
    if (phase() == TopUpPhase.APPROVING) {
      confirmLast();
      step();
    }
    if (phase() != TopUpPhase.READY) {
      throw new AssertionError("no deposit offered; top-up is " + phase());
    }
    return topUp.ready().get(0).amount();
  }

  double steps(String source, String outcome) {
    var counter = meters.find("hubd_topup_total").tags("token", "TUSD", "source", source, "outcome", outcome)
        .counter();
    return counter == null ? 0 : counter.count();
  }

  double gauge(String name) {
    return meters.get(name).tag("token", "TUSD").gauge().value();
  }

  double functionCounter(String name) {
    return meters.get(name).tag("token", "TUSD").functionCounter().count();
  }
}
