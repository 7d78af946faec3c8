package io.hubd.daemon.watch;

import static io.hubd.daemon.testkit.DepositoryLogs.accountUpdated;
import static io.hubd.daemon.testkit.DepositoryLogs.disputeCountered;
import static io.hubd.daemon.testkit.DepositoryLogs.disputeStarted;
import static io.hubd.daemon.watch.WatchFixture.HUB;
import static io.hubd.daemon.watch.WatchFixture.HUB_KEY;
import static io.hubd.daemon.watch.WatchFixture.TUSD;
import static io.hubd.daemon.watch.WatchFixture.deltas;
import static io.hubd.daemon.watch.WatchFixture.entity;
import static io.hubd.daemon.watch.WatchFixture.signedBy;
import static io.hubd.daemon.watch.WatchFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.contracts.Batch;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.RevertReason;
import io.hubd.daemon.jobs.ProposalStore;
import io.hubd.daemon.submit.IntentState;
import io.hubd.daemon.submit.IntentStatus;
import io.hubd.daemon.submit.TransactionPipeline;
import io.hubd.daemon.testkit.FakeNode;
import io.hubd.daemon.testkit.SubmitSettings;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;

/**
 * The watchtower over a real mirror and pipeline on a {@link FakeNode}: a stale claim is countered once, with the
 * newest state, while the counter is in flight (also for a watchtower started afresh); a refused counter is tried
 * again only after a new block; the hub's counter is timed; the dispute is finalised when its period is over; the
 * account is frozen meanwhile; late claims are named.
 */
class WatchtowerTest {
  private static final ECKeyPair ALICE = user(1);
  private static final List<Batch.TokenDelta> STALE = deltas(Map.of(TUSD, -40L));

  @TempDir Path dir;
  private WatchFixture f;
  private TransactionPipeline pipeline;
  private AccountStates states;

  @BeforeEach
  void aliceHasAnAccountAndTheHubHerStateOfNonce9() {
    f = new WatchFixture(dir);
    f.chain.depository().followMinedBatches();
    pipeline = TransactionPipeline.builder(f.chain, f.store, HUB_KEY).chainId(FakeNode.CHAIN_ID)
        .depository(FakeNode.DEPOSITORY).config(SubmitSettings.of(3, 10, BigInteger.valueOf(10_000_000),
            BigInteger.valueOf(100))).meters(f.meters).build();
    states = new AccountStates(f.store, HUB);
    f.chain.mine(accountUpdated(HUB, entity(ALICE), TUSD, 100, 0, 3));
    new StateDesk(HUB, WatchFixture.DOMAIN, java.util.Set.of(TUSD), f.mirrorView(), states, f.clock, () -> {})
        .offer(List.of(signedBy(ALICE, 9, Map.of(TUSD, 25L))));
  }

  @AfterEach
  void close() {
    f.close();
  }

  private Watchtower watchtower() {
    return new Watchtower(HUB, Map.of(), f.chain, f.mirror.view(), pipeline, states, new ProposalStore(f.store),
        f.clock, f.meters);
  }

  /** Alice starts a dispute with her stale state of nonce 7; it can be countered up to 20 blocks on. */
  private long aliceClaimsAStaleState() {
    long next = f.chain.head() + 1;
    f.chain.mine(disputeStarted(HUB, entity(ALICE), entity(ALICE), 7, next + 20, STALE));
    f.mirrorCatchesUp();
    return next;
  }

  private List<IntentStatus> open() {
    return pipeline.openIntents();
  }

  @Test
  void aStaleClaimIsCounteredOnceWithTheNewestStateWhileTheCounterIsInFlightEvenAfterARestart() {
    aliceClaimsAStaleState();
    Watchtower watch = watchtower();

    watch.step();
    watch.step();
    watchtower().step(); // a watchtower started afresh reads what is in flight from the journal

    assertThat(open()).hasSize(1);
    Batch batch = pipeline.batch(open().get(0).id()).orElseThrow();
    assertThat(batch.disputeCounters()).singleElement().satisfies(c -> {
      assertThat(c.counterparty()).isEqualTo(entity(ALICE));
      assertThat(c.nonce()).isEqualTo(9);
    });
    assertThat(watch.frozen()).containsExactly(entity(ALICE));
    assertThat(f.meters.get("hubd_disputes_open").tag("claimant", "counterparty").gauge().value()).isEqualTo(1);
    assertThat(f.meters.get("hubd_dispute_blocks_left").gauge().value()).isEqualTo(20);
    assertThat(f.meters.get("hubd_dispute_operations_total").tag("operation", "counter").counter().count())
        .isEqualTo(1);
  }

  @Test
  void theCounterIsTimedWhenTheMirrorShowsItAndTheDisputeIsFinalisedWhenItsPeriodIsOver() {
    long claimed = aliceClaimsAStaleState();
    Watchtower watch = watchtower();
    watch.step();
    pipeline.tick();
    f.chain.mineEmpty(2);
    long countered = f.chain.head() + 1;
    f.chain.mine(disputeCountered(HUB, entity(ALICE), HUB, 9, countered + 20, deltas(Map.of(TUSD, 25L))));
    pipeline.tick();
    f.mirrorCatchesUp();

    watch.step();
    assertThat(f.meters.get("hubd_dispute_counter_blocks").summary().count()).isEqualTo(1);
    assertThat(f.meters.get("hubd_dispute_counter_blocks").summary().max()).isEqualTo(countered - claimed);
    assertThat(open()).isEmpty();

    f.chain.mineEmpty((int) (countered + 20 - f.chain.head()));
    f.mirrorCatchesUp();
    watch.step();

    assertThat(open()).singleElement().satisfies(s -> assertThat(pipeline.batch(s.id()).orElseThrow()
        .disputeFinalizations()).containsExactly(new Batch.DisputeFinalization(entity(ALICE),
            deltas(Map.of(TUSD, 25L)))));
    assertThat(pipeline.oldestOpenBatch()).isEmpty(); // a side batch: the rebalance loop does not wait for it
  }

  @Test
  void aRefusedCounterIsTriedAgainOnlyOnceTheMirrorHasANewerBlock() {
    aliceClaimsAStaleState();
    Watchtower watch = watchtower();
    watch.step();
    f.chain.sender().failEstimateWith(new RevertReason("StaleNonce", Map.of()));
    pipeline.tick();
    assertThat(pipeline.status(1).orElseThrow().state()).isEqualTo(IntentState.FAILED);

    watch.step();
    watch.step();
    assertThat(open()).isEmpty();

    f.chain.mineEmpty(1);
    f.mirrorCatchesUp();
    watch.step();
    assertThat(open()).hasSize(1);
  }

  @Test
  void aCounterpartysClaimWithLessThanHalfItsPeriodLeftIsLate() {
    ECKeyPair bob = user(2);
    EntityId bobId = entity(bob);
    long next = f.chain.head() + 1;
    f.chain.mine(disputeStarted(HUB, bobId, bobId, 2, next + 20, STALE));
    f.chain.mineEmpty(10);
    f.mirrorCatchesUp();
    Watchtower watch = watchtower();

    watch.step();
    assertThat(watch.lateDisputes()).isEmpty(); // 10 of 20 blocks left: not less than half

    f.chain.mineEmpty(1);
    f.mirrorCatchesUp();
    watch.step();

    assertThat(watch.lateDisputes()).singleElement().asString().contains(bobId.hex(), "9 of 20 blocks left",
        "hubd holds no state");
    assertThat(f.meters.get("hubd_disputes_late").gauge().value()).isEqualTo(1);
    assertThat(open()).isEmpty(); // nothing to counter it with
  }
}
