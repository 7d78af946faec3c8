package io.hubd.daemon.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.store.Store;
import io.hubd.daemon.testkit.TestDatabases;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobStoreTest {
  private static final EntityId USER = EntityId.ofAddress("0x2000000000000000000000000000000000000002");
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;
  private Store store;
  private JobStore jobs;

  @BeforeEach
  void open() {
    store = TestDatabases.open(dir);
    jobs = new JobStore(store, new Random(7));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private Job faucet() {
    return jobs.acceptFaucet(USER, Optional.empty(), 1, BigInteger.TEN, NOW);
  }

  @Test
  void aJobsPublicIdIs128BitsFromTheInjectedSource() {
    Job first = faucet();
    Job second = faucet();

    Random same = new Random(7);
    byte[] expected = new byte[16];
    same.nextBytes(expected);
    assertThat(first.publicId()).isEqualTo(HexFormat.of().formatHex(expected));
    same.nextBytes(expected);
    assertThat(second.publicId()).isEqualTo(HexFormat.of().formatHex(expected));
    assertThat(second.id()).isEqualTo(first.id() + 1); // the internal id stays sequential
  }

  @Test
  void findsAJobByItsPublicIdOnly() {
    Job job = faucet();
    assertThat(jobs.byPublicId(job.publicId())).contains(job);
    assertThat(jobs.byPublicId(Long.toString(job.id()))).isEmpty();
    assertThat(jobs.byPublicId("0".repeat(32))).isEmpty();
  }

  private void accept(long nonce, Instant expiry) {
    jobs.acceptR2C(USER, 1, BigInteger.TEN, BigInteger.ONE, BigInteger.ONE, BigInteger.valueOf(nonce),
        expiry.getEpochSecond(), NOW);
  }

  @Test
  void forgetsUsedNoncesOnlyOnceTheirRequestExpiredBeyondTheGrace() {
    accept(1, NOW.plusSeconds(60));
    accept(2, NOW.plusSeconds(3_600));
    assertThat(jobs.nonceCount()).isEqualTo(2);

    assertThat(jobs.pruneNonces(NOW.plusSeconds(61))).isZero();
    assertThat(jobs.pruneNonces(NOW.plusSeconds(60).plus(JobStore.NONCE_GRACE))).isZero();
    assertThat(jobs.pruneNonces(NOW.plusSeconds(61).plus(JobStore.NONCE_GRACE))).isOne();
    assertThat(jobs.nonceCount()).isOne();
    assertThatRejected(() -> accept(2, NOW.plusSeconds(3_600)), Rejection.Reason.NONCE_REUSED);
  }

  @Test
  void onlyAWaitingJobIsCancelledAndOnlyAFailedR2CJobWithoutAnotherOpenOneIsReopened() {
    Job waiting = faucet();
    assertThat(jobs.cancel(waiting.id(), "CANCELLED_BY_OPERATOR", NOW)).isTrue();
    assertThat(jobs.job(waiting.id()).orElseThrow().state()).isEqualTo(JobState.FAILED);
    assertThat(jobs.cancel(waiting.id(), "again", NOW)).as("already ended").isFalse();
    assertThat(jobs.reopen(waiting.id(), "REQUEUED", NOW)).as("a faucet job").isFalse();

    accept(1, NOW.plusSeconds(600));
    Job r2c = jobs.open(JobKind.R2C).get(0);
    jobs.fail(r2c.id(), "too many failed batches", NOW);
    accept(2, NOW.plusSeconds(600));
    assertThat(jobs.reopen(r2c.id(), "REQUEUED", NOW)).as("the account has another open job").isFalse();
    Job other = jobs.open(JobKind.R2C).get(0);
    jobs.fail(other.id(), "failed too", NOW);
    assertThat(jobs.reopen(r2c.id(), "REQUEUED", NOW.plusSeconds(1))).isTrue();
    Job reopened = jobs.job(r2c.id()).orElseThrow();
    assertThat(reopened.state()).isEqualTo(JobState.ACCEPTED);
    assertThat(reopened.failures()).isZero();
    assertThat(reopened.completedAt()).isEmpty();
  }

  @Test
  void theJobsThatEndedLastComeNewestFirstByWhenTheyEnded() {
    Job first = faucet();
    Job second = faucet();
    Job open = faucet();
    jobs.fail(second.id(), "ended first", NOW.plusSeconds(1));
    jobs.satisfy(first.id(), "ended second", NOW.plusSeconds(2));
    assertThat(jobs.recentlyClosed(10)).extracting(Job::id).containsExactly(first.id(), second.id())
        .doesNotContain(open.id());
    assertThat(jobs.recentlyClosed(1)).extracting(Job::id).containsExactly(first.id());
  }

  private static void assertThatRejected(Runnable call, Rejection.Reason reason) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(Rejection.class,
        r -> assertThat(r.reason()).isEqualTo(reason));
  }
}
