package io.hubd.daemon.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.jobs.Job;
import io.hubd.daemon.jobs.JobState;
import io.hubd.daemon.jobs.JobStore;
import io.hubd.daemon.jobs.Rejection;
import io.hubd.daemon.mirror.Mirror;
import io.hubd.daemon.store.Store;
import io.hubd.daemon.testkit.MutableClock;
import io.hubd.daemon.testkit.TestDatabases;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's actions on a real store (SQLite, and PostgreSQL in the build's second run): each one changes the
 * store and writes its audit row together, a pause survives a new desk over the same store, and a refused action
 * leaves no trace.
 */
class AdminDeskTest {
  private static final EntityId HUB = EntityId.ofAddress("0x00000000000000000000000000000000000000aa");
  private static final String WALLET = "0x00000000000000000000000000000000000000b0";
  private static final EntityId USER = EntityId.ofAddress("0x2000000000000000000000000000000000000002");

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock();
  private Store store;
  private JobStore jobs;
  private AuditLog audit;
  private AdminDesk desk;

  @BeforeEach
  void open() {
    store = TestDatabases.open(dir);
    jobs = new JobStore(store, new Random(3));
    audit = new AuditLog(store);
    desk = desk();
  }

  @AfterEach
  void close() {
    store.close();
  }

  private AdminDesk desk() {
    ReserveSweep sweeps = new ReserveSweep(store, Mirror.viewOf(store, HUB), jobs, Map.of(1, BigInteger.valueOf(400)),
        WALLET, Optional.empty());
    return new AdminDesk(store, jobs, new TokenPauses(store), sweeps, audit, Map.of(), id -> id == 7, () -> {},
        clock);
  }

  @Test
  void aPauseIsAuditedKeptAcrossDesksAndRefusedTwice() {
    desk.pause("alice via bearer", 1);
    assertThat(desk().paused()).as("read again from the store").containsExactly(1);
    assertThatThrownBy(() -> desk.pause("bob via bearer", 1)).isInstanceOfSatisfying(Rejection.class,
        r -> assertThat(r.reason()).isEqualTo(Rejection.Reason.CONFLICT));
    desk.resume("bob via session", 1);
    assertThat(desk.paused()).isEmpty();
    assertThat(audit.recent(10)).extracting(e -> e.action() + " " + e.actor() + " " + e.target())
        .containsExactly("RESUME_TOKEN bob via session token:1", "PAUSE_TOKEN alice via bearer token:1");
  }

  @Test
  void aWaitingJobIsCancelledAFailedR2CJobRequeuedAndAnEndedOneRefused() {
    Job payout = jobs.acceptFaucet(USER, Optional.empty(), 1, BigInteger.TEN, clock.instant());
    assertThat(desk.cancelJob("alice via bearer", payout.id()).state()).isEqualTo(JobState.FAILED);
    assertThatThrownBy(() -> desk.cancelJob("alice via bearer", payout.id())).isInstanceOf(Rejection.class);

    jobs.acceptR2C(USER, 1, BigInteger.TEN, BigInteger.ONE, BigInteger.ONE, BigInteger.ONE,
        clock.instant().plusSeconds(600).getEpochSecond(), clock.instant());
    Job r2c = jobs.open(io.hubd.daemon.jobs.JobKind.R2C).get(0);
    jobs.fail(r2c.id(), "too many failed batches", clock.instant());
    assertThat(desk.requeueJob("alice via bearer", r2c.id()).state()).isEqualTo(JobState.ACCEPTED);
    assertThat(audit.recent(10)).extracting(e -> e.action().name())
        .containsExactly("REQUEUE_JOB", "CANCEL_JOB");
  }

  @Test
  void aSweepTakesTheReserveAboveTargetOnceAndATransactionCancelIsAuditedOnlyWhenTheresOne() {
    store.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO mirror_reserve (token_id, balance, block_number) VALUES (1, '1000', 5)")) {
        s.executeUpdate();
      }
      return null;
    });
    ReserveSweep.Sweep sweep = desk.sweep("alice via bearer", 1, ReserveSweep.Destination.WALLET);
    assertThat(sweep.amount()).isEqualTo(BigInteger.valueOf(600));
    assertThat(jobs.job(sweep.jobId()).orElseThrow().wallet()).contains(WALLET);
    assertThatThrownBy(() -> desk.sweep("alice via bearer", 1, ReserveSweep.Destination.WALLET))
        .as("one open sweep per token").isInstanceOf(Rejection.class);
    assertThatThrownBy(() -> desk.sweep("alice via bearer", 1, ReserveSweep.Destination.COLD))
        .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.reason()).isEqualTo(Rejection.Reason.DISABLED));

    assertThatThrownBy(() -> desk.cancelTransaction("alice via bearer", 8)).isInstanceOf(Rejection.class);
    desk.cancelTransaction("alice via bearer", 7);
    assertThat(audit.recent(10)).extracting(e -> e.action() + " " + e.target())
        .containsExactly("CANCEL_TRANSACTION intent:7", "SWEEP token:1");
  }
}
