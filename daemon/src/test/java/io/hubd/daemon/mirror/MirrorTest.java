package io.hubd.daemon.mirror;

import static io.hubd.daemon.mirror.FakeIds.HUB;
import static io.hubd.daemon.mirror.FakeIds.LEFT;
import static io.hubd.daemon.mirror.FakeIds.RIGHT;
import static io.hubd.daemon.mirror.FakeIds.STRANGER;
import static io.hubd.daemon.mirror.FakeIds.TOKEN_A;
import static io.hubd.daemon.mirror.FakeIds.TOKEN_B;
import static io.hubd.daemon.mirror.MirrorFixture.pollUntilIdle;
import static io.hubd.daemon.mirror.MirrorFixture.settings;
import static io.hubd.daemon.testkit.DepositoryLogs.accountUpdated;
import static io.hubd.daemon.testkit.DepositoryLogs.accountsFunded;
import static io.hubd.daemon.testkit.DepositoryLogs.funded;
import static io.hubd.daemon.testkit.DepositoryLogs.reserveUpdated;
import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.daemon.testkit.FakeNode;
import io.hubd.daemon.testkit.LogRequests.LogsRequest;
import io.hubd.daemon.mirror.PollResult.Outcome;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MirrorTest {
  @TempDir Path dir;
  private MirrorFixture fixture;

  private MirrorFixture fixture(FakeNode chain) {
    fixture = new MirrorFixture(dir, chain);
    return fixture;
  }

  @AfterEach
  void close() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void catchesUpFromTheDeploymentBlockAndMirrorsTheHubsState() {
    MirrorFixture f = fixture(FakeNode.withHeight(0));
    f.mineHistory();
    f.chain.mineEmpty(20);
    MirrorSettings settings = settings(0, 2000, 8);
    Mirror mirror = f.mirror(settings);

    pollUntilIdle(mirror);

    MirrorView view = mirror.view();
    assertThat(view.checkpoint()).contains(new Checkpoint(26, f.chain.minedBlock(26).header().hash()));
    assertThat(view.isCaughtUp()).isTrue();
    assertThat(view.headLagBlocks()).isZero();
    assertThat(view.tokens()).containsExactly(Map.entry(1, TOKEN_A), Map.entry(2, TOKEN_B));
    assertThat(view.reserves()).containsExactly(Map.entry(1, BigInteger.valueOf(700)), Map.entry(2, BigInteger.valueOf(70)));
    assertThat(view.reserve(3)).isZero();
    assertThat(view.account(RIGHT, 1)).contains(
        new MirroredAccount(RIGHT, 1, true, BigInteger.valueOf(100), BigInteger.valueOf(100), BigInteger.ZERO, 3));
    assertThat(view.account(LEFT, 1)).contains(
        new MirroredAccount(LEFT, 1, false, BigInteger.valueOf(200), BigInteger.ZERO, BigInteger.valueOf(4), 4));
    assertThat(view.account(LEFT, 2)).contains(
        new MirroredAccount(LEFT, 2, false, BigInteger.valueOf(30), BigInteger.valueOf(-30), BigInteger.valueOf(4), 6));
    assertThat(view.account(STRANGER, 1)).isEmpty();
    assertThat(view.accountNonce(LEFT)).isEqualTo(4);
    assertThat(view.accounts(1)).extracting(MirroredAccount::counterparty).containsExactly(LEFT, RIGHT);
    assertThat(view.accounts()).hasSize(3);
    assertThat(view.lastBatchNonce()).hasValue(2);
    assertThat(view.batch(2)).hasValueSatisfying(b -> {
      assertThat(b.blockNumber()).isEqualTo(3);
      assertThat(b.blockHash()).isEqualTo(f.chain.minedBlock(3).header().hash());
      assertThat(b.transactionHash()).isEqualTo(f.chain.minedBlock(3).logs().get(2).transactionHash());
    });
    assertThat(view.batch(3)).isEmpty();
    assertThat(f.counter("hubd_mirror_events_applied_total")).isEqualTo(MirrorFixture.HISTORY_HUB_EVENTS);
    assertThat(f.gauge("hubd_mirror_checkpoint_block")).isEqualTo(26);
    assertThat(f.gauge("hubd_mirror_head_lag_blocks")).isZero();
    f.assertEqualsChain(settings);
  }

  @Test
  void neverMovesPastABlockWhoseLogsALaggingNodeLeftOut() {
    MirrorFixture f = fixture(FakeNode.withHeight(0));
    f.mineHistory();
    f.chain.mineEmpty(2);
    Mirror mirror = f.mirror(settings(0, 2000, 64));
    pollUntilIdle(mirror);
    f.chain.faults().lagLogs(3); // the node's head moves on, its log index three blocks behind
    long paid = f.chain.mine(reserveUpdated(HUB, 1, 5));
    f.chain.mineEmpty(2);

    for (int i = 0; i < 5; i++) {
      PollResult result = mirror.pollOnce();
      assertThat(result.outcome()).isEqualTo(Outcome.INCONSISTENT);
      assertThat(mirror.view().checkpoint().orElseThrow().number()).isLessThan(paid);
    }
    assertThat(f.counter("hubd_mirror_unserved_logs_total")).isEqualTo(5);

    f.chain.faults().lagLogs(0);
    pollUntilIdle(mirror);
    assertThat(mirror.view().checkpoint().orElseThrow().number()).isEqualTo(f.chain.head());
    assertThat(mirror.view().reserve(1)).isEqualTo(5);
    f.assertEqualsChain(settings(0, 2000, 64));
  }

  @Test
  void acceptsABloomThatPromisedLogsTheBlockDoesNotHold() {
    MirrorFixture f = fixture(FakeNode.withHeight(0));
    f.mineHistory();
    f.chain.mine(reserveUpdated(STRANGER, 1, 9)); // a Depository log of someone else: in the bloom, not the hub's
    f.chain.mineEmpty(1);
    Mirror mirror = f.mirror(settings(0, 2000, 64));

    pollUntilIdle(mirror);
    assertThat(mirror.view().checkpoint().orElseThrow().number()).isEqualTo(f.chain.head());
    assertThat(f.counter("hubd_mirror_unserved_logs_total")).isZero();
  }

  @Test
  void staysTheConfiguredConfirmationsBehindTheHead() {
    MirrorFixture f = fixture(FakeNode.withHeight(0));
    f.mineHistory();
    f.chain.mineEmpty(4);
    f.chain.mine(reserveUpdated(HUB, 1, 5));
    f.chain.mineEmpty(2);
    Mirror mirror = f.mirror(settings(3, 2000, 8));

    pollUntilIdle(mirror);
    assertThat(mirror.view().checkpoint().orElseThrow().number()).isEqualTo(f.chain.head() - 3);
    assertThat(mirror.view().reserve(1)).isEqualTo(700);
    assertThat(mirror.view().isCaughtUp()).isTrue();
    assertThat(mirror.view().headLagBlocks()).isEqualTo(3);

    f.chain.mineEmpty(1);
    pollUntilIdle(mirror);
    assertThat(mirror.view().reserve(1)).isEqualTo(5);
  }

  @Test
  void halvesRangesTheNodeRefusesAndGrowsThemBackWhenItServes() {
    MirrorFixture f = fixture(FakeNode.withHeight(100));
    f.chain.faults().refuseRangesAbove(10);
    Mirror mirror = f.mirror(settings(0, 64, 8));

    assertThat(mirror.pollOnce()).extracting(PollResult::fromBlock, PollResult::toBlock).containsExactly(1L, 8L);
    assertThat(mirror.pollOnce()).extracting(PollResult::fromBlock, PollResult::toBlock).containsExactly(9L, 16L);
    assertThat(f.chain.logRequests().all()).containsExactly(
        new LogsRequest(1, 64, true), new LogsRequest(1, 32, true), new LogsRequest(1, 16, true),
        new LogsRequest(1, 8, false), new LogsRequest(9, 24, true), new LogsRequest(9, 16, false));
    assertThat(f.gauge("hubd_mirror_log_range")).isEqualTo(16);

    f.chain.faults().refuseRangesAbove(Integer.MAX_VALUE);
    f.chain.logRequests().clear();
    pollUntilIdle(mirror);
    assertThat(f.chain.logRequests().all()).containsExactly(
        new LogsRequest(17, 32, false), new LogsRequest(33, 64, false), new LogsRequest(65, 100, false));
    assertThat(f.gauge("hubd_mirror_log_range")).isEqualTo(64);
    assertThat(mirror.view().checkpoint().orElseThrow().number()).isEqualTo(100);
  }

  @Test
  void prefetchesTheNextRangeWhileCatchingUpAndFetchesEachRangeOnce() throws InterruptedException {
    MirrorFixture f = fixture(FakeNode.withHeight(0));
    f.mineHistory();
    f.chain.mineEmpty(40);
    MirrorSettings settings = settings(0, 4, 8);
    ExecutorService prefetch = Executors.newSingleThreadExecutor();
    AtomicInteger prefetched = new AtomicInteger();
    try {
      Mirror mirror = f.mirror(settings, task -> {
        prefetched.incrementAndGet();
        prefetch.execute(task);
      });

      pollUntilIdle(mirror);

      // the window of target 46 starts after block 38: the ranges after [1, 4] ... [33, 36] were prefetched
      assertThat(prefetched.get()).isEqualTo(9);
      List<LogsRequest> requests = f.chain.logRequests().all();
      assertThat(requests).extracting(LogsRequest::from).doesNotHaveDuplicates();
      assertThat(requests.get(0)).isEqualTo(new LogsRequest(1, 4, false));
      assertThat(requests.get(requests.size() - 1).to()).isEqualTo(46);
      assertThat(mirror.view().checkpoint().orElseThrow().number()).isEqualTo(46);
      assertThat(f.counter("hubd_mirror_events_applied_total")).isEqualTo(MirrorFixture.HISTORY_HUB_EVENTS);
      f.assertEqualsChain(settings);
    } finally {
      prefetch.shutdownNow();
    }
  }

  @Test
  void appliesEachLogOnceWhenTheNodeRepeatsIt() {
    MirrorFixture f = fixture(FakeNode.withHeight(0));
    f.mineHistory();
    f.chain.faults().duplicateLogs(true);
    MirrorSettings settings = settings(0, 2, 8);
    Mirror mirror = f.mirror(settings);

    pollUntilIdle(mirror);

    assertThat(f.counter("hubd_mirror_events_applied_total")).isEqualTo(MirrorFixture.HISTORY_HUB_EVENTS);
    assertThat(mirror.view().reserve(1)).isEqualTo(700);
    f.assertEqualsChain(settings);
  }

  @Test
  void mirrorsEveryHubAccountOfAnR2cGroupLogOnceAndOnlyTheHubsAccountOfAnotherEntitysGroup() {
    MirrorFixture f = fixture(FakeNode.withHeight(0));
    f.mineHistory();
    f.chain.faults().duplicateLogs(true);
    f.chain.mine(
        accountsFunded(HUB, 1, List.of(funded(LEFT, 250, 0), funded(RIGHT, 150, 150))),
        reserveUpdated(HUB, 1, 600),
        accountsFunded(STRANGER, 1, List.of(funded(LEFT, 9, 9), funded(HUB, 4, 0))),
        accountsFunded(STRANGER, 2, List.of(funded(RIGHT, 3, 3))));
    MirrorSettings settings = settings(0, 2000, 8);
    Mirror mirror = f.mirror(settings);

    pollUntilIdle(mirror);

    MirrorView view = mirror.view();
    assertThat(view.account(LEFT, 1)).contains(
        new MirroredAccount(LEFT, 1, false, BigInteger.valueOf(250), BigInteger.ZERO, BigInteger.valueOf(4), 7));
    assertThat(view.account(RIGHT, 1)).contains(
        new MirroredAccount(RIGHT, 1, true, BigInteger.valueOf(150), BigInteger.valueOf(150), BigInteger.ZERO, 7));
    assertThat(view.account(STRANGER, 1)).contains(
        new MirroredAccount(STRANGER, 1, true, BigInteger.valueOf(4), BigInteger.ZERO, BigInteger.ZERO, 7));
    assertThat(view.account(STRANGER, 2)).isEmpty();
    assertThat(view.accountNonce(LEFT)).isEqualTo(4);
    assertThat(f.counter("hubd_mirror_events_applied_total")).isEqualTo(MirrorFixture.HISTORY_HUB_EVENTS + 3);
    f.assertEqualsChain(settings);
  }

  @Test
  void resumesFromTheCheckpointAfterARestart() {
    MirrorFixture f = fixture(FakeNode.withHeight(0));
    f.mineHistory();
    f.chain.mineEmpty(10);
    MirrorSettings settings = settings(0, 2000, 8);
    pollUntilIdle(f.mirror(settings));
    long checkpoint = 16;

    f.restart();
    f.chain.mine(accountUpdated(HUB, RIGHT, 2, 9, 9, 0), reserveUpdated(HUB, 2, 61));
    f.chain.logRequests().clear();
    Mirror reopened = f.mirror(settings);

    assertThat(reopened.view().checkpoint().orElseThrow().number()).isEqualTo(checkpoint);
    pollUntilIdle(reopened);
    assertThat(f.chain.logRequests().all()).containsExactly(new LogsRequest(checkpoint + 1, checkpoint + 1, false));
    assertThat(reopened.view().reserve(2)).isEqualTo(61);
    assertThat(reopened.view().account(RIGHT, 2).orElseThrow().collateral()).isEqualTo(9);
    assertThat(f.counter("hubd_mirror_events_applied_total")).isEqualTo(2);
    f.assertEqualsChain(settings);
  }

  @Test
  void tellsListenersTheCommittedValuesOncePerKeyAndRange() {
    MirrorFixture f = fixture(FakeNode.withHeight(0));
    f.mineHistory();
    Mirror mirror = f.mirror(settings(0, 2000, 8));
    List<String> heard = new ArrayList<>();
    mirror.addListener(new MirrorListener() {
      @Override
      public void onReserveUpdated(int tokenId, BigInteger balance, long block) {
        heard.add("reserve " + tokenId + "=" + balance + " committed " + mirror.view().reserve(tokenId));
      }

      @Override
      public void onAccountUpdated(MirroredAccount account) {
        heard.add("account " + account.tokenId() + " " + account.collateral() + " nonce " + account.nonce());
      }

      @Override
      public void onBatchProcessed(MirroredBatch batch) {
        heard.add("batch " + batch.batchNonce());
      }

      @Override
      public void onCheckpoint(long block) {
        heard.add("checkpoint " + block);
      }
    });
    mirror.addListener(new MirrorListener() {
      @Override
      public void onReserveUpdated(int tokenId, BigInteger balance, long block) {
        throw new IllegalStateException("a broken listener does not stop the mirror");
      }
    });

    pollUntilIdle(mirror);

    assertThat(heard.subList(0, heard.size() - 1)).containsExactlyInAnyOrder(
        "reserve 1=700 committed 700", "reserve 2=70 committed 70", "account 1 100 nonce 0",
        "account 1 200 nonce 4", "account 2 30 nonce 4", "batch 1", "batch 2");
    assertThat(heard.get(heard.size() - 1)).as("told last how far it has heard")
        .isEqualTo("checkpoint " + mirror.view().checkpoint().orElseThrow().number());
  }

  @Test
  void followsBlocksMinedInBulkByADevNodeWhoseParentHashesAreZero() {
    MirrorFixture f = fixture(FakeNode.withHeight(0));
    f.mineHistory();
    f.chain.mineInBulk(20);
    f.chain.mine(reserveUpdated(HUB, 1, 5));
    Mirror mirror = f.mirror(settings(0, 2000, 64));

    List<PollResult> results = pollUntilIdle(mirror);

    assertThat(results).extracting(PollResult::outcome).doesNotContain(Outcome.INCONSISTENT, Outcome.ROLLED_BACK);
    assertThat(mirror.view().reserve(1)).isEqualTo(5);
  }

  @Test
  void idlesBeforeTheChainReachesTheDeploymentBlock() {
    MirrorFixture f = fixture(FakeNode.withHeight(0));
    Mirror mirror = f.mirror(new MirrorSettings(FakeNode.DEPOSITORY, HUB, 5, 0, 100, 8));

    PollResult result = mirror.pollOnce();

    assertThat(result.outcome()).isEqualTo(Outcome.IDLE);
    assertThat(mirror.view().checkpoint()).isEmpty();
    assertThat(mirror.view().isCaughtUp()).isFalse();
  }
}
