package io.hubd.daemon.topup;

import io.hubd.contracts.Batch;
import io.hubd.daemon.limits.RollingBudget;
import io.hubd.daemon.store.Store;
import io.hubd.daemon.testkit.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.hubd.daemon.submit.Intent;
import io.hubd.daemon.submit.IntentState;
import io.hubd.daemon.testkit.DepositoryLogs;
import io.hubd.daemon.testkit.FakeNode;
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
 * One token's top-up over a fake node, mirror and journal, with a hand-moved clock; plays the coordinator's part
 * (taking deposits into batches, reporting them settled). Not thread-safe.
 */
final class TopUpHarness {
  static final Duration RETRY = Duration.ofSeconds(1);
  static final Duration WINDOW = Duration.ofHours(1);
  static final String HUB = "0x00000000000000000000000000000000000000a1";
  static final String DEPOSITORY = FakeNode.DEPOSITORY;
  static final String FAUCET = "0x00000000000000000000000000000000000000f0";
  static final String TOKEN_ADDRESS = "0x0000000000000000000000000000000000000070";
  static final int TOKEN = 1;

  final FakeNode chain = node();
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
    ReserveTopUp.Settings settings = new ReserveTopUp.Settings(HUB, DEPOSITORY,
        useFaucet ? Optional.of(FAUCET) : Optional.empty(),
        Map.of(TOKEN, new ReserveTopUp.Levels("TUSD", BigInteger.valueOf(minReserve),
            BigInteger.valueOf(targetReserve))), RETRY);
    this.topUp = new ReserveTopUp(settings, chain, store, mirror, () -> Map.copyOf(committed), intents,
        Map.of(TOKEN, budget), clock, meters);
    topUp.onReady(() -> readyCalls++);
    topUp.onKick(() -> kicks++);
  }

  /**
   * A node with the token registered at the Depository as {@link #TOKEN}, the hub wallet empty, and the faucet
   * holding 1,000,000 of it and paying at most 100,000 a drip, once a minute.
   */
  static FakeNode node() {
    FakeNode node = FakeNode.builder().token(TOKEN_ADDRESS).faucet(FAUCET).build();
    node.mine(DepositoryLogs.tokenRegistered(TOKEN, TOKEN_ADDRESS));
    node.token(TOKEN_ADDRESS).balance(FAUCET, BigInteger.valueOf(1_000_000));
    node.faucet().configure(TOKEN_ADDRESS, BigInteger.valueOf(100_000), 60, true);
    return node;
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
    chain.token(TOKEN_ADDRESS).balance(HUB, BigInteger.valueOf(units));
    return this;
  }

  /** The hub wallet has a standing allowance of {@code units} to the Depository. */
  void allowance(long units) {
    chain.token(TOKEN_ADDRESS).approve(HUB, DEPOSITORY, BigInteger.valueOf(units));
  }

  void faucetCap(long units) {
    chain.faucet().maxPerDrip(TOKEN_ADDRESS, BigInteger.valueOf(units));
  }

  void faucetHolds(long units) {
    chain.token(TOKEN_ADDRESS).balance(FAUCET, BigInteger.valueOf(units));
  }

  void faucetEnabled(boolean enabled) {
    chain.faucet().enabled(TOKEN_ADDRESS, enabled);
  }

  /** The faucet pays the hub again from {@code time} on. */
  void nextDripAt(long time) {
    chain.faucet().nextDripAt(TOKEN_ADDRESS, HUB, time);
  }

  /** The latest block's timestamp. */
  long blockTime() {
    return chain.latestBlockTime();
  }

  /** A block is mined at {@code time}: the latest block's timestamp moves on to it. */
  void mineBlockAt(long time) {
    chain.mineAt(time);
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
    if (call.to().equals(TOKEN_ADDRESS)) {
      chain.token(TOKEN_ADDRESS).approve(HUB, DEPOSITORY, amount);
    } else if (call.to().equals(FAUCET)) {
      chain.faucet().drip(TOKEN_ADDRESS, HUB, amount);
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
    chain.token(TOKEN_ADDRESS).transferFrom(DEPOSITORY, HUB, amount);
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
