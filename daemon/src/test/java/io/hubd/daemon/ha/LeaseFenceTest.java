package io.hubd.daemon.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubd.contracts.Batch;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.Signature;
import io.hubd.daemon.jobs.Proposal;
import io.hubd.daemon.jobs.ProposalStore;
import io.hubd.daemon.store.Database;
import io.hubd.daemon.store.Fencing;
import io.hubd.daemon.store.Store;
import io.hubd.daemon.store.StoreFencedException;
import io.hubd.daemon.testkit.TestDatabases;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * The lease and its fence on a real PostgreSQL (embedded): the database itself refuses a write from a stale epoch,
 * in the writer's own transaction; a takeover waits for a fenced transaction in progress; a standby's writes are
 * refused; the lease is taken only once it has run out.
 */
class LeaseFenceTest {
  private static final Duration LEASE = Duration.ofSeconds(3);
  private static final Duration RENEW = Duration.ofMillis(500);
  private static final AtomicLong databases = new AtomicLong();

  private static final EntityId USER = EntityId.ofAddress("0x2000000000000000000000000000000000000002");
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final Batch.SettlementDiff REPAY =
      new Batch.SettlementDiff(1, BigInteger.TEN, BigInteger.TEN.negate(), BigInteger.ZERO, BigInteger.TEN.negate());
  private static final Signature SIGNATURE = Signature.ofHex("0x" + "11".repeat(64) + "1b");

  private final Database.Postgres database =
      TestDatabases.postgres("fence_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet());
  private final AtomicLong clock = new AtomicLong(1_000_000_000L);
  private final List<String> lost = new CopyOnWriteArrayList<>();

  private LeaseTable table(String id) {
    return new LeaseTable(database, new Identity(id, "http://" + id + ":8080"), LEASE, RENEW);
  }

  private LeaseKeeper keeper(LeaseTable table, long epoch) {
    return new LeaseKeeper(table, epoch, clock.get(), LEASE, RENEW, clock::get, lost::add);
  }

  /** What runs on the active's fenced store; {@code takeOver} hands the lease to another instance (its epoch). */
  private interface ActiveWork {
    void run(Store active, LeaseKeeper keeper, LongSupplier takeOver);
  }

  /** Migrates, takes the lease as {@code a} and runs {@code work} on a's store; b takes over when told to. */
  private void asTheActiveUntilATakeover(ActiveWork work) {
    io.hubd.daemon.store.Migrations.migrate(database);
    try (LeaseTable a = table("a"); LeaseTable b = table("b")) {
      long epoch = a.tryAcquire().orElseThrow();
      LeaseKeeper keeper = keeper(a, epoch);
      try (Store active = Store.open(database, keeper)) {
        work.run(active, keeper, () -> {
          a.release(epoch);
          assertThat(b.tryAcquire()).isEqualTo(OptionalLong.of(epoch + 1));
          return epoch + 1;
        });
      } finally {
        keeper.close();
      }
    }
  }

  private static List<String> names(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (var s = c.createStatement(); var rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static void write(Store store, String key) {
    store.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement("INSERT INTO meta(key, value) VALUES (?, 'x')")) {
        s.setString(1, key);
        return s.executeUpdate();
      }
    });
  }

  @Test
  void theFirstInstanceTakesTheLeaseAndAnotherWaitsUntilItRunsOut() {
    io.hubd.daemon.store.Migrations.migrate(database);
    try (LeaseTable a = table("a"); LeaseTable b = table("b")) {
      assertThat(a.tryAcquire()).isEqualTo(OptionalLong.of(1));
      assertThat(b.tryAcquire()).isEmpty();
      assertThat(a.renew(1)).isTrue();
      assertThat(b.renew(1)).isFalse(); // not the holder
      a.release(1);
      assertThat(b.tryAcquire()).isEqualTo(OptionalLong.of(2));
      assertThat(a.renew(1)).isFalse();
      assertThat(b.read()).map(Lease::holder).contains("b");
    }
  }

  @Test
  void theDatabaseRefusesAWriteFromAStaleEpochAndTheKeeperHearsOfIt() {
    asTheActiveUntilATakeover((active, keeper, takeOver) -> {
      write(active, "while-holding");
      long next = takeOver.getAsLong();

      assertThatThrownBy(() -> write(active, "after-the-takeover"))
          .isInstanceOf(StoreFencedException.class)
          .hasMessageContaining("epoch " + next);
      assertThat(lost).hasSize(1);
      assertThatThrownBy(keeper::checkBroadcast).isInstanceOf(LeaseLostException.class);
    });
    try (Store reader = Store.openReadOnly(database)) {
      assertThat(reader.meta("while-holding")).isPresent();
      assertThat(reader.meta("after-the-takeover")).isEmpty();
    }
  }

  @Test
  void aStandbysWritesAreRefused() {
    io.hubd.daemon.store.Migrations.migrate(database);
    try (LeaseTable a = table("a"); Store standby = Store.open(database, Fencing.NONE)) {
      a.tryAcquire().orElseThrow();
      assertThatThrownBy(() -> write(standby, "standby")).isInstanceOf(StoreFencedException.class)
          .hasMessageContaining("epoch none");
    }
  }

  @Test
  void everyTableButTheLeasesOwnIsFencedTheProposalsAndSettlementsToo() {
    io.hubd.daemon.store.Migrations.migrate(database);
    try (Store reader = Store.openReadOnly(database)) {
      List<String> tables = reader.inTransaction(c -> names(c, "SELECT c.relname FROM pg_class c"
          + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'"
          + " AND c.relname NOT IN ('ha_lease', 'ha_takeover', 'flyway_schema_history') ORDER BY 1"));
      List<String> fenced = reader.inTransaction(c -> names(c, "SELECT c.relname FROM pg_trigger t"
          + " JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = 'ha_fence' ORDER BY 1"));
      assertThat(tables).contains(
          "proposals", "jobs", "submit_intent", "submit_nonce", "budget_spend", "topup_progress");
      assertThat(fenced).containsExactlyElementsOf(tables);
    }
  }

  @Test
  void aWriterOfAStaleEpochCannotProposeHandInOrExpireSettlements() {
    asTheActiveUntilATakeover((active, keeper, takeOver) -> {
      ProposalStore proposals = new ProposalStore(active);
      Proposal repay = proposals.proposeSettlement(Proposal.Kind.REPAY, USER, REPAY, BigInteger.TEN, BigInteger.ONE,
          NOW.plusSeconds(60), NOW);
      takeOver.getAsLong();

      assertThatThrownBy(() -> proposals.handIn(USER, List.of(REPAY), BigInteger.TWO, SIGNATURE, NOW))
          .isInstanceOf(StoreFencedException.class);
      assertThatThrownBy(() -> proposals.approve(repay.id(), SIGNATURE, NOW))
          .isInstanceOf(StoreFencedException.class);
      assertThatThrownBy(() -> proposals.expire(NOW.plusSeconds(120))).isInstanceOf(StoreFencedException.class);
    });
    try (Store reader = Store.openReadOnly(database)) {
      assertThat(new ProposalStore(reader).inState(Proposal.ProposalState.PROPOSED)).singleElement()
          .extracting(Proposal::kind).isEqualTo(Proposal.Kind.REPAY);
    }
  }

  @Test
  void aTakeoverWaitsForAFencedTransactionInProgressWhichCommitsFirst() throws Exception {
    io.hubd.daemon.store.Migrations.migrate(database);
    try (LeaseTable a = table("a"); LeaseTable b = table("b")) {
      long epoch = a.tryAcquire().orElseThrow();
      LeaseKeeper keeper = keeper(a, epoch);
      try (Store active = Store.open(database, keeper)) {
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<Void> inFlight = CompletableFuture.runAsync(() -> active.inTransaction(c -> {
          write(active, "in-flight");
          written.countDown();
          while (finish.getCount() > 0) { // busy, not idle: a statement at a time
            try (var s = c.createStatement()) {
              s.execute("SELECT pg_sleep(0.1)");
            }
          }
          return null;
        }));
        assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();
        // the lease runs out while the write is in progress (the holder cannot renew: the row is locked)
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
            .until(() -> b.read().map(Lease::expired).orElse(false));
        // the takeover needs the row the fenced transaction holds FOR SHARE: it waits, then gives up for now
        assertThat(b.tryAcquire()).isEmpty();
        keeper.lose("the test stops its renewals"); // a renewal queued behind the lock may still go through
        finish.countDown();
        inFlight.get(10, TimeUnit.SECONDS);
        assertThat(org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
            .until(b::tryAcquire, OptionalLong::isPresent)).isEqualTo(OptionalLong.of(epoch + 1));
      } finally {
        keeper.close();
      }
      try (Store reader = Store.openReadOnly(database)) {
        assertThat(reader.meta("in-flight")).isPresent(); // committed under its epoch, before the takeover
      }
    }
  }

  @Test
  void aKeeperPastItsDeadlineWithoutARenewalBroadcastsNothing() {
    io.hubd.daemon.store.Migrations.migrate(database);
    try (LeaseTable a = table("a")) {
      long epoch = a.tryAcquire().orElseThrow();
      LeaseKeeper keeper = keeper(a, epoch);
      try {
        keeper.checkBroadcast();
        clock.addAndGet(LEASE.toNanos()); // a pause as long as the lease: the monotonic clock runs on
        assertThatThrownBy(keeper::checkBroadcast).isInstanceOf(LeaseLostException.class);
        assertThat(lost).singleElement().asString().contains("not renewed in time");
      } finally {
        keeper.close();
      }
    }
  }
}
