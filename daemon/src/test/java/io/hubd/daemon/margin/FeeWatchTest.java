package io.hubd.daemon.margin;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.jobs.JobStore;
import io.hubd.daemon.store.Store;
import io.hubd.daemon.testkit.MutableClock;
import io.hubd.daemon.testkit.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The R2C fees of the jobs table, on a real store (SQLite, and PostgreSQL in the build's second run): quoted when a
 * request is accepted after the watch started, collected once when its job is confirmed having funded something.
 */
class FeeWatchTest {
  private static final EntityId USER = EntityId.ofAddress("0x2000000000000000000000000000000000000002");

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock();
  private Store store;
  private JobStore jobs;

  @BeforeEach
  void open() {
    store = TestDatabases.open(dir);
    jobs = new JobStore(store, new Random(5));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aFeeIsQuotedWhenItsRequestIsAcceptedAndCollectedOnceWhenItsJobIsConfirmedFunded() {
    accept(1, BigInteger.valueOf(30)); // before the watch started: not counted
    MoneyMeters money = new MoneyMeters(new SimpleMeterRegistry(), USER, Map.of(1, "TUSD"), Map.of(1, BigInteger.ONE));
    FeeWatch watch = new FeeWatch(store, money, clock);
    long job = accept(2, BigInteger.valueOf(7));
    watch.step();
    assertThat(money.quoted(1)).isEqualTo(BigInteger.valueOf(7));
    assertThat(money.collected(1)).isZero();

    clock.advance(Duration.ofSeconds(5));
    jobs.plan(Map.of(job, BigInteger.valueOf(100)), 1, clock.instant());
    jobs.land(job, true, clock.instant());
    watch.step();
    watch.step();
    assertThat(money.collected(1)).isEqualTo(BigInteger.valueOf(7));
    assertThat(money.quoted(1)).as("each fee quoted once").isEqualTo(BigInteger.valueOf(7));
  }

  private long accept(long nonce, BigInteger fee) {
    return jobs.acceptR2C(EntityId.ofAddress(String.format("0x%040x", 0x100 + nonce)), 1, BigInteger.valueOf(100),
        fee, fee, BigInteger.valueOf(nonce), clock.instant().plusSeconds(600).getEpochSecond(), clock.instant())
        .job().id();
  }
}
