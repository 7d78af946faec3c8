package io.hubd.daemon.mirror;

import static io.hubd.daemon.mirror.FakeIds.HUB;
import static io.hubd.daemon.mirror.FakeIds.LEFT;
import static io.hubd.daemon.mirror.FakeIds.RIGHT;
import static io.hubd.daemon.mirror.FakeIds.STRANGER;
import static io.hubd.daemon.mirror.FakeIds.TOKEN_A;
import static io.hubd.daemon.mirror.FakeIds.TOKEN_B;
import static io.hubd.daemon.testkit.DepositoryLogs.accountUpdated;
import static io.hubd.daemon.testkit.DepositoryLogs.batchProcessed;
import static io.hubd.daemon.testkit.DepositoryLogs.reserveUpdated;
import static io.hubd.daemon.testkit.DepositoryLogs.tokenRegistered;
import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.daemon.store.Store;
import io.hubd.daemon.testkit.FakeNode;
import io.hubd.daemon.testkit.TestDatabases;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/** A store in a directory, a fake chain and mirrors over them, with the helpers mirror tests share. */
final class MirrorFixture implements AutoCloseable {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

  final Path dir;
  final FakeNode chain;
  Store store;
  MeterRegistry meters = new SimpleMeterRegistry();

  MirrorFixture(Path dir, FakeNode chain) {
    this.dir = dir;
    this.chain = chain;
    this.store = TestDatabases.open(dir);
  }

  static MirrorSettings settings(int confirmations, int maxLogRange, int reorgWindow) {
    return new MirrorSettings(FakeNode.DEPOSITORY, HUB, 1, confirmations, maxLogRange, reorgWindow);
  }

  Mirror mirror(MirrorSettings settings) {
    return new Mirror(chain, store, settings, CLOCK, meters);
  }

  Mirror mirror(MirrorSettings settings, Executor logPrefetch) {
    return new Mirror(chain, store, settings, CLOCK, meters, logPrefetch);
  }

  /** Closes and reopens the store, with a fresh meter registry (as after a restart). */
  void restart() {
    store.close();
    store = TestDatabases.open(dir);
    meters = new SimpleMeterRegistry();
  }

  /** Polls until a poll finds nothing to do; returns every result. */
  static List<PollResult> pollUntilIdle(Mirror mirror) {
    List<PollResult> results = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      PollResult result = mirror.pollOnce();
      results.add(result);
      if (result.outcome() == PollResult.Outcome.IDLE) {
        return results;
      }
    }
    throw new AssertionError("mirror did not settle: " + results.subList(results.size() - 5, results.size()));
  }

  /** Compares the mirror with the fake chain's contract state at the checkpoint; the report must be clean. */
  DriftReport assertEqualsChain(MirrorSettings settings) {
    DriftReport report =
        new Reconciler(chain, store, settings, new SimpleMeterRegistry()).reconcile().orElseThrow();
    assertThat(report.mismatches()).isEmpty();
    return report;
  }

  double counter(String name) {
    return meters.get(name).counter().count();
  }

  double gauge(String name) {
    return meters.get(name).gauge().value();
  }

  /**
   * Blocks 1 to 6: two tokens registered; the hub's reserve; accounts with the hub on the right (LEFT) and on the
   * left (RIGHT) in two tokens, with a C2R nonce; the hub's batches 1 and 2; and a stranger's events, which the
   * mirror ignores.
   */
  void mineHistory() {
    chain.mine(tokenRegistered(1, TOKEN_A), tokenRegistered(2, TOKEN_B));
    chain.mine(reserveUpdated(HUB, 1, 1000), reserveUpdated(STRANGER, 1, 50), batchProcessed(HUB, 1));
    chain.mine(accountUpdated(HUB, RIGHT, 1, 100, 100, 0), reserveUpdated(HUB, 1, 900), batchProcessed(HUB, 2));
    chain.mine(accountUpdated(HUB, LEFT, 1, 200, 0, 0), reserveUpdated(HUB, 1, 700));
    chain.mine(accountUpdated(STRANGER, RIGHT, 1, 5, 5, 0), batchProcessed(STRANGER, 1), reserveUpdated(STRANGER, 2, 9));
    chain.mine(accountUpdated(HUB, LEFT, 2, 30, -30, 4), reserveUpdated(HUB, 2, 70));
  }

  /** Hub events in {@link #mineHistory()}. */
  static final int HISTORY_HUB_EVENTS = 2 + 2 + 3 + 2 + 2;

  @Override
  public void close() {
    store.close();
  }
}
