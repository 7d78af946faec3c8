package io.hubd.daemon.mirror;

import static io.hubd.daemon.mirror.FakeIds.HUB;
import static io.hubd.daemon.mirror.FakeIds.LEFT;
import static io.hubd.daemon.mirror.FakeIds.RIGHT;
import static io.hubd.daemon.mirror.FakeIds.STRANGER;
import static io.hubd.daemon.mirror.MirrorFixture.pollUntilIdle;
import static io.hubd.daemon.mirror.MirrorFixture.settings;
import static io.hubd.daemon.testkit.DepositoryLogs.accountUpdated;
import static io.hubd.daemon.testkit.DepositoryLogs.disputeCountered;
import static io.hubd.daemon.testkit.DepositoryLogs.disputeFinalised;
import static io.hubd.daemon.testkit.DepositoryLogs.disputeStarted;
import static io.hubd.daemon.testkit.DepositoryLogs.reserveUpdated;
import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.contracts.Batch;
import io.hubd.daemon.mirror.PollResult.Outcome;
import io.hubd.daemon.testkit.FakeNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mirror follows the disputes of the hub's accounts: claims and finalisations, across restarts, rollbacks and
 * re-syncs, compared with {@code disputeOf} by the reconciler and repaired from the logs where the claim was made.
 */
class MirrorDisputeTest {
  private static final List<Batch.TokenDelta> STALE = List.of(new Batch.TokenDelta(1, BigInteger.valueOf(-40)),
      new Batch.TokenDelta(2, BigInteger.valueOf(3)));
  private static final List<Batch.TokenDelta> NEWER = List.of(new Batch.TokenDelta(1, BigInteger.valueOf(25)),
      new Batch.TokenDelta(2, BigInteger.ZERO));

  @TempDir Path dir;
  private MirrorFixture f;
  private final MirrorSettings settings = settings(0, 2000, 8);

  @BeforeEach
  void history() {
    f = new MirrorFixture(dir, FakeNode.withHeight(0));
    f.mineHistory(); // blocks 1 to 6: LEFT's account nonce is 4
  }

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void aStartedDisputeIsOpenWithItsClaimAndSurvivesARestart() {
    long started = f.chain.mine(disputeStarted(HUB, LEFT, LEFT, 7, 27, STALE));
    f.chain.mineEmpty(2);
    pollUntilIdle(f.mirror(settings));

    f.restart();
    Mirror mirror = f.mirror(settings);

    assertThat(mirror.view().openDisputes()).containsExactly(new MirroredDispute(LEFT, false, LEFT,
        BigInteger.valueOf(7), STALE, 27, started, started, OptionalLong.empty()));
    assertThat(mirror.view().openDispute(LEFT).orElseThrow().claimedBy(HUB)).isFalse();
    assertThat(mirror.view().openDispute(RIGHT)).isEmpty();
    f.assertEqualsChain(settings);
  }

  @Test
  void aCounterReplacesTheClaimAndAFinalisationClosesTheDisputeAndSetsTheNonce() {
    Mirror mirror = f.mirror(settings);
    long started = f.chain.mine(disputeStarted(HUB, RIGHT, RIGHT, 7, 27, STALE));
    long countered = f.chain.mine(disputeCountered(HUB, RIGHT, HUB, 9, 28, NEWER));
    pollUntilIdle(mirror);

    MirroredDispute open = mirror.view().openDispute(RIGHT).orElseThrow();
    assertThat(open).isEqualTo(new MirroredDispute(RIGHT, true, HUB, BigInteger.valueOf(9), NEWER, 28, countered,
        started, OptionalLong.of(started)));
    assertThat(open.period()).isEqualTo(28 - countered);
    f.assertEqualsChain(settings);

    f.chain.mineEmpty(20);
    f.chain.mine(disputeFinalised(HUB, RIGHT, 9)); // no token listed: no AccountUpdated carries the nonce
    pollUntilIdle(mirror);

    assertThat(mirror.view().openDisputes()).isEmpty();
    assertThat(mirror.view().accountNonce(RIGHT)).isEqualTo(9);
    f.assertEqualsChain(settings);
  }

  @Test
  void disputesOfOtherAccountsAreNotMirrored() {
    Mirror mirror = f.mirror(settings);
    f.chain.mine(disputeStarted(STRANGER, RIGHT, RIGHT, 3, 30, STALE));
    pollUntilIdle(mirror);

    assertThat(mirror.view().openDisputes()).isEmpty();
  }

  @Test
  void aReorganisationTakesAClaimOffTheMirrorWithItsBlock() {
    Mirror mirror = f.mirror(settings);
    long started = f.chain.mine(disputeStarted(HUB, LEFT, LEFT, 7, 27, STALE));
    f.chain.mineEmpty(1);
    pollUntilIdle(mirror);
    f.chain.mine(disputeCountered(HUB, LEFT, HUB, 9, 29, NEWER)); // block 9, to be dropped
    f.chain.mineEmpty(1);
    pollUntilIdle(mirror);
    assertThat(mirror.view().openDispute(LEFT).orElseThrow().claimant()).isEqualTo(HUB);

    f.chain.reorgTo(started + 1);
    f.chain.mineEmpty(3);
    pollUntilIdle(mirror);

    assertThat(mirror.view().openDisputes()).containsExactly(new MirroredDispute(LEFT, false, LEFT,
        BigInteger.valueOf(7), STALE, 27, started, started, OptionalLong.empty()));
    f.assertEqualsChain(settings);
  }

  @Test
  void aReorganisationDeeperThanTheWindowKeepsTheDisputesOfTheNewBranch() {
    MirrorSettings narrow = settings(0, 2000, 4);
    Mirror mirror = f.mirror(narrow);
    f.chain.mineEmpty(6);
    f.chain.mine(disputeStarted(HUB, LEFT, LEFT, 7, 33, STALE)); // block 13, old branch
    f.chain.mineEmpty(10);
    pollUntilIdle(mirror);

    f.chain.reorgTo(12);
    f.chain.mineEmpty(1);
    long started = f.chain.mine(disputeStarted(HUB, RIGHT, RIGHT, 5, 34, NEWER)); // block 14, new branch
    f.chain.mineEmpty(12);
    PollResult result = mirror.pollOnce();

    assertThat(result.outcome()).isEqualTo(Outcome.RESYNCED);
    assertThat(mirror.view().openDisputes()).containsExactly(new MirroredDispute(RIGHT, true, RIGHT,
        BigInteger.valueOf(5), NEWER, 34, started, started, OptionalLong.empty()));
    f.assertEqualsChain(narrow);
  }

  @Test
  void aDisputeTheMirrorMissedIsReportedAsDriftAndRepairedWithItsDeltas() {
    Mirror mirror = f.mirror(settings);
    f.chain.mine(accountUpdated(HUB, LEFT, 1, 200, 0, 4), reserveUpdated(HUB, 1, 700));
    long next = f.chain.head() + 1;
    long started = f.chain.mine(disputeStarted(HUB, LEFT, LEFT, 7, next + 20, STALE)); // the fake's period: 20
    pollUntilIdle(mirror);
    f.store.inTransaction(c -> {
      try (Statement s = c.createStatement()) {
        return s.executeUpdate("DELETE FROM mirror_dispute_event"); // as if its log had never been served
      }
    });
    assertThat(mirror.view().openDisputes()).isEmpty();

    DriftGuard guard = new DriftGuard(new Reconciler(f.chain, f.store, settings, new SimpleMeterRegistry()), mirror,
        Set::of, new SimpleMeterRegistry());
    DriftReport report = guard.check().orElseThrow();

    assertThat(report.isClean()).isTrue(); // the second comparison, after the repair
    assertThat(guard.drifted()).isFalse();
    assertThat(mirror.view().openDispute(LEFT).orElseThrow().deltas()).isEqualTo(STALE);
    assertThat(mirror.view().openDispute(LEFT).orElseThrow().claimBlock()).isEqualTo(started);
  }
}
