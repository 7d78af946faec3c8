package io.hubd.daemon.mirror;

import static io.hubd.daemon.mirror.FakeIds.HUB;
import static io.hubd.daemon.mirror.FakeIds.LEFT;
import static io.hubd.daemon.mirror.FakeIds.RIGHT;
import static io.hubd.daemon.mirror.MirrorFixture.pollUntilIdle;
import static io.hubd.daemon.mirror.MirrorFixture.settings;
import static io.hubd.daemon.testkit.DepositoryLogs.accountUpdated;
import static io.hubd.daemon.testkit.DepositoryLogs.batchProcessed;
import static io.hubd.daemon.testkit.DepositoryLogs.reserveUpdated;
import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.mirror.PollResult.Outcome;
import io.hubd.daemon.testkit.FakeNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MirrorReorgTest {
  private static final EntityId ONLY_OLD = EntityId.ofAddress("0xa000000000000000000000000000000000000001");
  private static final EntityId ONLY_NEW = EntityId.ofAddress("0xb000000000000000000000000000000000000002");

  @TempDir Path dir;
  private MirrorFixture f;

  @BeforeEach
  void history() {
    f = new MirrorFixture(dir, FakeNode.withHeight(0));
    f.mineHistory();
    f.chain.mineEmpty(6);
  }

  @AfterEach
  void close() {
    f.close();
  }

  /** Blocks 13 to 16 of the branch that will be dropped: the hub's third batch and an account only it has. */
  private void mineOldBranch() {
    f.chain.mine(accountUpdated(HUB, RIGHT, 1, 400, 400, 0), reserveUpdated(HUB, 1, 400), batchProcessed(HUB, 3));
    f.chain.mine(accountUpdated(HUB, ONLY_OLD, 2, 7, 7, 0), reserveUpdated(HUB, 2, 63));
    f.chain.mineEmpty(2);
  }

  /** The replacing branch from block 13: the third batch differs, a new account appears; longer than the old. */
  private void mineNewBranch() {
    f.chain.mine(accountUpdated(HUB, RIGHT, 1, 250, 250, 0), reserveUpdated(HUB, 1, 550), batchProcessed(HUB, 3));
    f.chain.mine(accountUpdated(HUB, ONLY_NEW, 1, 3, -3, 2), accountUpdated(HUB, LEFT, 2, 10, -10, 5),
        reserveUpdated(HUB, 2, 90));
    f.chain.mineEmpty(3);
  }

  @Test
  void rollsBackToTheCommonAncestorAndReplaysTheNewBranch() {
    MirrorSettings settings = settings(0, 2000, 8);
    Mirror mirror = f.mirror(settings);
    mineOldBranch();
    pollUntilIdle(mirror);
    assertThat(mirror.view().account(ONLY_OLD, 2)).isPresent();
    List<String> heard = new ArrayList<>();
    mirror.addListener(new MirrorListener() {
      @Override
      public void onRolledBack(long newCheckpoint, long previousCheckpoint) {
        heard.add("rolled back " + previousCheckpoint + " to " + newCheckpoint);
      }

      @Override
      public void onAccountUpdated(MirroredAccount account) {
        heard.add(account.counterparty().equals(ONLY_OLD) ? "old account now " + account.collateral() : "account");
      }
    });

    f.chain.reorgTo(12);
    mineNewBranch();
    PollResult rollback = mirror.pollOnce();

    assertThat(rollback.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(rollback.fromBlock()).isEqualTo(13);
    assertThat(rollback.toBlock()).isEqualTo(16);
    assertThat(mirror.view().checkpoint()).contains(new Checkpoint(12, f.chain.minedBlock(12).header().hash()));
    assertThat(mirror.view().account(ONLY_OLD, 2)).isEmpty();
    assertThat(mirror.view().account(RIGHT, 1).orElseThrow().collateral()).isEqualTo(100);
    assertThat(mirror.view().reserves()).containsEntry(1, BigInteger.valueOf(700)).containsEntry(2, BigInteger.valueOf(70));
    assertThat(mirror.view().batch(3)).isEmpty();
    assertThat(heard).contains("rolled back 16 to 12", "old account now 0");
    f.assertEqualsChain(settings);

    pollUntilIdle(mirror);
    assertThat(mirror.view().checkpoint().orElseThrow().number()).isEqualTo(17);
    assertThat(mirror.view().account(RIGHT, 1).orElseThrow().collateral()).isEqualTo(250);
    assertThat(mirror.view().account(ONLY_NEW, 1).orElseThrow().ondelta()).isEqualTo(-3);
    assertThat(mirror.view().accountNonce(LEFT)).isEqualTo(5);
    assertThat(mirror.view().batch(3).orElseThrow().blockHash()).isEqualTo(f.chain.minedBlock(13).header().hash());
    assertThat(f.counter("hubd_mirror_reorgs_total")).isEqualTo(1);
    assertThat(f.counter("hubd_mirror_deep_reorgs_total")).isZero();
    f.assertEqualsChain(settings);
  }

  @Test
  void rollsBackWhenTheNextBlockNoLongerDescendsFromTheCheckpoint() {
    MirrorSettings settings = settings(0, 2000, 8);
    Mirror mirror = f.mirror(settings);
    mineOldBranch();
    pollUntilIdle(mirror);
    f.chain.mineEmpty(1);
    // the checkpoint still checks out, then the chain reorganises before the next range is read
    f.chain.faults().beforeLogs(() -> {
      f.chain.reorgTo(12);
      mineNewBranch();
    });

    PollResult result = mirror.pollOnce();

    assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(mirror.view().checkpoint().orElseThrow().number()).isEqualTo(12);
    pollUntilIdle(mirror);
    assertThat(mirror.view().account(RIGHT, 1).orElseThrow().collateral()).isEqualTo(250);
    f.assertEqualsChain(settings);
  }

  @Test
  void commitsNothingWhenLogsAndHeadersComeFromDifferentBranches() {
    MirrorSettings settings = settings(0, 2000, 8);
    Mirror mirror = f.mirror(settings);
    pollUntilIdle(mirror);
    Checkpoint before = mirror.view().checkpoint().orElseThrow();
    mineOldBranch();
    f.chain.faults().afterLogs(() -> {
      f.chain.reorgTo(12);
      mineNewBranch();
    });

    PollResult result = mirror.pollOnce();

    assertThat(result.outcome()).isEqualTo(Outcome.INCONSISTENT);
    assertThat(mirror.view().checkpoint()).contains(before);
    assertThat(mirror.view().account(ONLY_OLD, 2)).isEmpty();
    pollUntilIdle(mirror);
    assertThat(mirror.view().account(RIGHT, 1).orElseThrow().collateral()).isEqualTo(250);
    f.assertEqualsChain(settings);
  }

  @Test
  void survivesReorganisationsOfEveryDepthWithinTheWindow() {
    MirrorSettings settings = settings(2, 2000, 8);
    Mirror mirror = f.mirror(settings);
    pollUntilIdle(mirror);
    for (int depth = 1; depth <= 7; depth++) {
      f.chain.reorgTo(f.chain.head() - depth);
      for (int i = 0; i <= depth; i++) {
        f.chain.mine(reserveUpdated(HUB, 1, 1000 + depth * 10 + i), accountUpdated(HUB, RIGHT, 2, depth, i, depth));
      }
      f.chain.mineEmpty(2);
      pollUntilIdle(mirror);
      assertThat(mirror.view().reserve(1)).isEqualTo(1000 + depth * 10 + depth);
      assertThat(mirror.view().account(RIGHT, 2).orElseThrow().nonce()).isEqualTo(depth);
      f.assertEqualsChain(settings);
    }
    // the checkpoint stays 2 blocks back: reorganisations of depth 1 and 2 never reach it
    assertThat(f.counter("hubd_mirror_reorgs_total")).isEqualTo(5);
    assertThat(f.counter("hubd_mirror_deep_reorgs_total")).isZero();
  }

  @Test
  void resyncsFromDirectReadsAfterAReorganisationDeeperThanTheWindow() {
    MirrorSettings settings = settings(0, 2000, 4);
    Mirror mirror = f.mirror(settings);
    mineOldBranch();
    f.chain.mineEmpty(10);
    pollUntilIdle(mirror);
    assertThat(mirror.view().checkpoint().orElseThrow().number()).isEqualTo(26);

    f.chain.reorgTo(12);
    mineNewBranch();
    f.chain.mineEmpty(12);
    PollResult result = mirror.pollOnce();

    assertThat(result.outcome()).isEqualTo(Outcome.RESYNCED);
    assertThat(result.fromBlock()).isLessThanOrEqualTo(13);
    assertThat(mirror.view().checkpoint()).contains(new Checkpoint(29, f.chain.minedBlock(29).header().hash()));
    assertThat(f.counter("hubd_mirror_deep_reorgs_total")).isEqualTo(1);
    assertThat(mirror.view().account(ONLY_OLD, 2)).isEmpty();
    assertThat(mirror.view().account(ONLY_NEW, 1).orElseThrow().nonce()).isEqualTo(2);
    assertThat(mirror.view().account(RIGHT, 1).orElseThrow().collateral()).isEqualTo(250);
    assertThat(mirror.view().batch(3).orElseThrow().blockHash()).isEqualTo(f.chain.minedBlock(13).header().hash());
    f.assertEqualsChain(settings);

    f.chain.mine(accountUpdated(HUB, ONLY_NEW, 1, 8, -8, 2), batchProcessed(HUB, 4));
    pollUntilIdle(mirror);
    assertThat(mirror.view().account(ONLY_NEW, 1).orElseThrow().collateral()).isEqualTo(8);
    assertThat(mirror.view().lastBatchNonce()).hasValue(4);
    f.assertEqualsChain(settings);
  }
}
