package io.hubd.daemon.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubd.contracts.Batch;
import io.hubd.contracts.DepositoryCalls;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.RevertReason;
import io.hubd.daemon.chain.TxReceipt;
import io.hubd.daemon.config.SubmitConfig;
import io.hubd.daemon.store.Store;
import io.hubd.daemon.testkit.FakeNode;
import io.hubd.daemon.testkit.SubmitSettings;
import io.hubd.daemon.testkit.TestDatabases;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/** The pipeline's state machine against a {@link FakeNode}; the real-node behaviour is in the *IT classes. */
class TransactionPipelineTest {
  private static final Credentials HUB =
      Credentials.create("0x59c6995e998f97a5a0044966f94536f12e7e0e3ce9d3e8a1b8e1b8e8f0c4a4b1");
  private static final String DEPOSITORY = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
  private static final String TOKEN = "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512";
  private static final EntityId HUB_ENTITY = EntityId.ofAddress(HUB.getAddress());
  private static final SubmitConfig CONFIG =
      SubmitSettings.of(2, 10, BigInteger.valueOf(1_000_000), BigInteger.valueOf(100));

  @TempDir Path dir;

  private final FakeNode chain = node();
  private final MeterRegistry meters = new SimpleMeterRegistry();
  private final RecordingListener outcomes = new RecordingListener();
  private final List<Store> stores = new ArrayList<>();

  /** Blocks 0 to 100 at a base fee of 1,000 wei; the hub key's transactions; replays revert as {@code Replayed}. */
  private static FakeNode node() {
    FakeNode node = FakeNode.builder().height(100).baseFee(BigInteger.valueOf(1_000)).depository(DEPOSITORY)
        .sender(HUB.getAddress()).build();
    node.sender().simulationsRevertWith(new RevertReason("Replayed", Map.of()));
    return node;
  }

  @AfterEach
  void closeStores() {
    stores.forEach(Store::close);
  }

  private TransactionPipeline pipeline(int confirmations, StageListener stages) {
    return pipeline(CONFIG, confirmations, stages, outcomes);
  }

  private TransactionPipeline pipeline(
      SubmitConfig config, int confirmations, StageListener stages, SubmitListener listener) {
    Store store = TestDatabases.open(dir);
    stores.add(store);
    return TransactionPipeline.builder(chain, store, HUB)
        .chainId(FakeNode.CHAIN_ID)
        .depository(DEPOSITORY)
        .config(config)
        .confirmations(confirmations)
        .meters(meters)
        .listener(listener)
        .stages(stages)
        .build();
  }

  private static Intent approve(String purpose) {
    return Intent.call(TOKEN, "0x095ea7b3" + "00".repeat(64), purpose);
  }

  private static Intent r2c() {
    EntityId alice = EntityId.ofAddress("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
    return Intent.batch(Batch.builder().reserveToCollateral(new Batch.ReserveToCollateral(1,
        List.of(new Batch.R2CPair(alice, BigInteger.TEN)))).build(), "r2c");
  }

  private IntentState state(TransactionPipeline pipeline, long id) {
    return pipeline.status(id).orElseThrow().state();
  }

  @Test
  void signsSendsAndConfirmsAfterTheConfiguredDepth() {
    TransactionPipeline pipeline = pipeline(2, StageListener.NONE);
    long id = pipeline.submit(approve("approve"));
    assertThat(state(pipeline, id)).isEqualTo(IntentState.QUEUED);
    pipeline.tick();
    assertThat(state(pipeline, id)).isEqualTo(IntentState.SENT);
    chain.mine();
    pipeline.tick();
    assertThat(state(pipeline, id)).isEqualTo(IntentState.MINED);
    chain.mineEmpty(1);
    pipeline.tick();
    assertThat(state(pipeline, id)).isEqualTo(IntentState.MINED);
    chain.mineEmpty(1);
    pipeline.tick();
    IntentStatus status = pipeline.status(id).orElseThrow();
    assertThat(status.state()).isEqualTo(IntentState.CONFIRMED);
    assertThat(status.gasUsed()).contains(BigInteger.valueOf(50_000));
    assertThat(status.attempts()).isEqualTo(1);
    assertThat(outcomes.confirmedIds).containsExactly(id);
    assertThat(meters.counter("hubd_submit_batches_total", "outcome", "confirmed", "kind", "call").count())
        .isEqualTo(1);
    assertThat(meters.get("hubd_submit_in_flight").gauge().value()).isZero();
  }

  @Test
  void estimateThatRevertsFailsTheIntentWithoutSendingAnything() {
    TransactionPipeline pipeline = pipeline(0, StageListener.NONE);
    RevertReason reason = new RevertReason("InsufficientReserve", Map.of("have", BigInteger.ONE));
    chain.sender().failEstimateWith(reason);
    long id = pipeline.submit(r2c());
    pipeline.tick();
    assertThat(pipeline.status(id).orElseThrow().reason()).contains(reason);
    assertThat(state(pipeline, id)).isEqualTo(IntentState.FAILED);
    assertThat(chain.sender().broadcasts()).isEmpty();
    assertThat(outcomes.failed).containsExactly(Map.entry(id, reason));
  }

  @Test
  void stuckTransactionIsReplacedAtTheSameNonceWithHigherFees() {
    TransactionPipeline pipeline = pipeline(0, StageListener.NONE);
    long id = pipeline.submit(approve("approve"));
    pipeline.tick();
    BigInteger firstFee = chain.sender().pendingMaxFee(0);
    chain.mineEmpty(1);
    pipeline.tick();
    assertThat(pipeline.status(id).orElseThrow().attempts()).isEqualTo(1); // bumpAfterBlocks is 2
    chain.mineEmpty(1);
    pipeline.tick();
    assertThat(pipeline.status(id).orElseThrow().attempts()).isEqualTo(2);
    assertThat(chain.sender().pendingCount()).isEqualTo(1);
    assertThat(chain.sender().pendingMaxFee(0)).isGreaterThanOrEqualTo(FeePolicy.raise(firstFee, 10));
    chain.mine();
    pipeline.tick();
    assertThat(state(pipeline, id)).isEqualTo(IntentState.CONFIRMED);
    assertThat(meters.counter("hubd_submit_bumps_total").count()).isEqualTo(1);
  }

  @Test
  void stuckAtTheFeeCapKeepsWaitingAndCountsIt() {
    SubmitConfig lowCap = SubmitSettings.of(2, 10, BigInteger.valueOf(2_500), BigInteger.valueOf(100));
    TransactionPipeline pipeline = pipeline(lowCap, 0, StageListener.NONE, outcomes);
    long id = pipeline.submit(approve("approve"));
    pipeline.tick(); // 2 * 1000 + 100 = 2100
    chain.mineEmpty(2);
    pipeline.tick(); // 2310
    assertThat(chain.sender().pendingMaxFee(0)).isEqualTo(BigInteger.valueOf(2_310));
    chain.mineEmpty(2);
    pipeline.tick(); // 2541 would exceed the cap
    chain.mineEmpty(2);
    pipeline.tick();
    assertThat(pipeline.status(id).orElseThrow().attempts()).isEqualTo(2);
    assertThat(chain.sender().pendingMaxFee(0)).isEqualTo(BigInteger.valueOf(2_310));
    assertThat(meters.counter("hubd_submit_fee_cap_reached_total").count()).isEqualTo(2);
    assertThat(state(pipeline, id)).isEqualTo(IntentState.SENT);
    chain.mine();
    pipeline.tick();
    assertThat(state(pipeline, id)).isEqualTo(IntentState.CONFIRMED);
  }

  @Test
  void nonceTooLowOnAReplacementFindsTheEarlierAttemptMined() {
    TransactionPipeline pipeline = pipeline(0, StageListener.NONE);
    long id = pipeline.submit(approve("approve"));
    pipeline.tick();
    chain.mineEmpty(2);
    List<Stage> seen = new ArrayList<>();
    TransactionPipeline restarted = pipeline(0, (stage, intent) -> {
      seen.add(stage);
      if (stage == Stage.SIGNED) {
        chain.mine(); // the first attempt lands while the replacement is being signed
      }
    });
    restarted.tick();
    IntentStatus status = restarted.status(id).orElseThrow();
    assertThat(status.state()).isEqualTo(IntentState.CONFIRMED);
    assertThat(status.attempts()).isEqualTo(2);
    assertThat(seen).containsSubsequence(Stage.SIGNED, Stage.MINED, Stage.SETTLED);
    assertThat(meters.counter("hubd_submit_send_rejections_total", "error", "nonce_too_low").count())
        .isEqualTo(1);
  }

  @Test
  void alreadyKnownOnRebroadcastAfterRestartCountsAsSent() {
    TransactionPipeline pipeline = pipeline(0, StageListener.NONE);
    long id = pipeline.submit(approve("approve"));
    pipeline.tick();
    TransactionPipeline restarted = pipeline(0, StageListener.NONE);
    restarted.recover();
    assertThat(state(restarted, id)).isEqualTo(IntentState.SENT);
    assertThat(meters.counter("hubd_submit_send_rejections_total", "error", "already_known").count())
        .isEqualTo(1);
    chain.mine();
    restarted.tick();
    assertThat(state(restarted, id)).isEqualTo(IntentState.CONFIRMED);
  }

  @Test
  void batchThatLandedWhileReceiptsLagIsWaitedForAndNeverSignedAgain() {
    chain.depository().followMinedBatches();
    chain.faults().lagReceipts(3);
    TransactionPipeline pipeline = pipeline(0, StageListener.NONE);
    pipeline.recover();
    long id = pipeline.submit(r2c());
    pipeline.tick();
    chain.mine(); // lands with batch nonce 1; no node serves its receipt for 3 blocks
    for (int i = 0; i < 3; i++) {
      pipeline.tick();
      assertThat(state(pipeline, id)).isEqualTo(IntentState.SENT);
      chain.mineEmpty(1);
    }
    pipeline.tick();
    assertThat(state(pipeline, id)).isEqualTo(IntentState.CONFIRMED);
    assertThat(chain.sender().broadcasts()).hasSize(1);
    assertThat(pipeline.status(id).orElseThrow().batchNonce()).contains(BigInteger.ONE);
    assertThat(chain.call(DEPOSITORY, DepositoryCalls.batchNonceOf(HUB_ENTITY).data(), OptionalLong.empty()))
        .endsWith("01");
    assertThat(pipeline.halts().halted()).isFalse();
  }

  @Test
  void nonceTakenByATransactionNotInTheJournalStopsSubmissionAfterThePatience() {
    TransactionPipeline pipeline = pipeline(0, StageListener.NONE);
    pipeline.recover();
    long id = pipeline.submit(approve("approve"));
    pipeline.tick();
    chain.takeNonceElsewhere();
    pipeline.tick();
    assertThat(state(pipeline, id)).isEqualTo(IntentState.SENT); // a receipt may still come
    chain.mineEmpty(8); // submit.receiptPatienceBlocks in these tests
    pipeline.tick();
    assertThat(pipeline.status(id).orElseThrow().reason()).hasValueSatisfying(r -> assertThat(r.name())
        .isEqualTo("NonceTaken"));
    assertThat(pipeline.halts().active()).singleElement()
        .satisfies(h -> assertThat(h.reason()).isEqualTo(SubmitHalts.Reason.FOREIGN_TRANSACTION));
    long next = pipeline.submit(approve("next"));
    pipeline.tick();
    assertThat(state(pipeline, next)).isEqualTo(IntentState.QUEUED);
    assertThat(chain.sender().broadcasts()).hasSize(1);
    assertThat(meters.get("hubd_submit_halted").gauge().value()).isEqualTo(1);
  }

  @Test
  void batchOfAnotherProcessWithTheHubKeyStopsSubmissionBeforeAnythingIsSigned() {
    TransactionPipeline pipeline = pipeline(0, StageListener.NONE);
    pipeline.recover();
    chain.depository().batchNonce(HUB_ENTITY, BigInteger.TWO); // two batches nobody here signed
    long id = pipeline.submit(r2c());
    pipeline.tick();
    assertThat(state(pipeline, id)).isEqualTo(IntentState.QUEUED);
    assertThat(chain.sender().broadcasts()).isEmpty();
    assertThat(pipeline.halts().active()).singleElement()
        .satisfies(h -> assertThat(h.reason()).isEqualTo(SubmitHalts.Reason.FOREIGN_BATCH));
    assertThat(pipeline(0, StageListener.NONE).halts().halted()).isTrue(); // across a restart
  }

  @Test
  void batchesOnChainBeforeTheJournalBeganAreNotForeign() {
    chain.depository().batchNonce(HUB_ENTITY, BigInteger.valueOf(4));
    TransactionPipeline pipeline = pipeline(0, StageListener.NONE);
    pipeline.recover();
    pipeline.batchObserved(BigInteger.valueOf(3), "0x" + "ab".repeat(32), "0x" + "cd".repeat(32));
    long id = pipeline.submit(r2c());
    pipeline.tick();
    assertThat(pipeline.halts().halted()).isFalse();
    assertThat(pipeline.status(id).orElseThrow().batchNonce()).contains(BigInteger.valueOf(5));
    pipeline.batchObserved(BigInteger.valueOf(6), "0x" + "ab".repeat(32), "0x" + "cd".repeat(32));
    assertThat(pipeline.halts().halted()).isTrue();
  }

  @Test
  void confirmedTransactionThatADeepReorganisationRemovedIsSentAgainAsSigned() {
    TransactionPipeline pipeline = pipeline(1, StageListener.NONE);
    pipeline.recover();
    long id = pipeline.submit(approve("approve"));
    pipeline.tick();
    long before = chain.blockNumber();
    chain.mine();
    chain.mineEmpty(1);
    pipeline.tick();
    pipeline.tick();
    assertThat(state(pipeline, id)).isEqualTo(IntentState.CONFIRMED);
    String signed = chain.sender().broadcasts().get(0);

    chain.reorgTo(before); // deeper than the one confirmation
    chain.mineEmpty(3);
    pipeline.chainReorganised(before);
    pipeline.tick();

    assertThat(state(pipeline, id)).isEqualTo(IntentState.SENT);
    assertThat(chain.sender().broadcasts()).last().isEqualTo(signed);
    assertThat(meters.counter("hubd_submit_deep_reorgs_total").count()).isEqualTo(1);
    chain.mine();
    chain.mineEmpty(1);
    pipeline.tick();
    assertThat(state(pipeline, id)).isEqualTo(IntentState.CONFIRMED);
    assertThat(outcomes.confirmedIds).containsExactly(id, id); // delivered again: listeners are idempotent per id
  }

  @Test
  void nothingIsSignedAboveANonceGapAndTheTransactionThatLeftTheChainIsFoundAndSentAgain() {
    TransactionPipeline pipeline = pipeline(1, StageListener.NONE);
    pipeline.recover();
    long first = pipeline.submit(approve("first"));
    pipeline.tick();
    long before = chain.blockNumber();
    chain.mine();
    chain.mineEmpty(1);
    pipeline.tick();
    pipeline.tick();
    assertThat(state(pipeline, first)).isEqualTo(IntentState.CONFIRMED);
    chain.reorgTo(before); // nobody tells the pipeline
    chain.mineEmpty(3);

    long second = pipeline.submit(approve("second"));
    pipeline.tick();

    assertThat(state(pipeline, second)).isEqualTo(IntentState.QUEUED);
    assertThat(state(pipeline, first)).isEqualTo(IntentState.SENT);
    assertThat(meters.counter("hubd_submit_nonce_gaps_total").count()).isEqualTo(1);
    pipeline.tick(); // sends the first one again
    chain.mine();
    chain.mineEmpty(1);
    pipeline.tick(); // confirms it, signs and sends the second
    assertThat(state(pipeline, second)).isEqualTo(IntentState.SENT);
    chain.mine();
    chain.mineEmpty(1);
    pipeline.tick();
    assertThat(state(pipeline, first)).isEqualTo(IntentState.CONFIRMED);
    assertThat(state(pipeline, second)).isEqualTo(IntentState.CONFIRMED);
    assertThat(chain.transactionCount(HUB.getAddress(), false)).isEqualTo(BigInteger.TWO);
  }

  @Test
  void cancelTakesTheNonceAndFailsTheIntentOnceMined() {
    TransactionPipeline pipeline = pipeline(0, StageListener.NONE);
    pipeline.recover();
    long id = pipeline.submit(r2c());
    pipeline.tick();
    assertThat(pipeline.cancel(id)).isTrue();
    pipeline.tick();
    assertThat(pipeline.status(id).orElseThrow().attempts()).isEqualTo(2);
    chain.mine();
    pipeline.tick();
    IntentStatus status = pipeline.status(id).orElseThrow();
    assertThat(status.state()).isEqualTo(IntentState.FAILED);
    assertThat(status.reason()).hasValueSatisfying(r -> assertThat(r.name()).isEqualTo("Cancelled"));
    assertThat(outcomes.failed).containsKey(id);
    assertThat(pipeline.cancel(id)).isFalse();
  }

  @Test
  void revertedTransactionWhoseBlockLeftTheChainIsReplacedByACancelNotSentAgain() {
    TransactionPipeline pipeline = pipeline(0, StageListener.NONE);
    pipeline.recover();
    long id = pipeline.submit(r2c());
    pipeline.tick();
    long before = chain.blockNumber();
    chain.sender().revertNextMined(new RevertReason("InsufficientReserve", Map.of()));
    chain.mine();
    pipeline.tick();
    assertThat(state(pipeline, id)).isEqualTo(IntentState.FAILED);
    String reverted = chain.sender().broadcasts().get(0);

    chain.reorgTo(before);
    chain.mineEmpty(2);
    pipeline.chainReorganised(before);
    pipeline.tick();

    assertThat(state(pipeline, id)).isEqualTo(IntentState.SENT);
    assertThat(chain.sender().broadcasts()).hasSize(2).last().isNotEqualTo(reverted);
    chain.mine();
    pipeline.tick();
    assertThat(pipeline.status(id).orElseThrow().reason())
        .hasValueSatisfying(r -> assertThat(r.name()).isEqualTo("Cancelled"));
  }

  @Test
  void laterIntentWaitsUntilTheEarlierOneIsMined() {
    TransactionPipeline pipeline = pipeline(3, StageListener.NONE);
    long first = pipeline.submit(approve("first"));
    long second = pipeline.submit(r2c());
    pipeline.tick();
    assertThat(state(pipeline, first)).isEqualTo(IntentState.SENT);
    assertThat(state(pipeline, second)).isEqualTo(IntentState.QUEUED);
    chain.mine();
    pipeline.tick();
    assertThat(state(pipeline, first)).isEqualTo(IntentState.MINED);
    assertThat(state(pipeline, second)).isEqualTo(IntentState.SENT);
    assertThat(pipeline.status(second).orElseThrow().batchNonce()).contains(BigInteger.ONE);
    assertThat(pipeline.inFlight()).isEqualTo(2);
  }

  @Test
  void noBatchNonceIsSignedAboveOneOfTheHubsOwnBatchesTheChainDoesNotShowYet() {
    TransactionPipeline pipeline = pipeline(5, StageListener.NONE);
    chain.depository().batchNonce(HUB_ENTITY, BigInteger.valueOf(6));
    long first = pipeline.submit(r2c());
    pipeline.tick();
    chain.mine(); // the fake does not advance batchNonceOf: as if read from a node a block behind
    long second = pipeline.submit(r2c());
    pipeline.tick();
    assertThat(pipeline.status(first).orElseThrow().batchNonce()).contains(BigInteger.valueOf(7));
    assertThat(state(pipeline, second)).isEqualTo(IntentState.QUEUED);
    chain.depository().batchNonce(HUB_ENTITY, BigInteger.valueOf(7)); // the node catches up
    pipeline.tick();
    assertThat(pipeline.status(second).orElseThrow().batchNonce()).contains(BigInteger.valueOf(8));
  }

  @Test
  void aConfirmedBatchTheChainNoLongerShowsIsFoundGoneBeforeAnotherBatchIsSigned() {
    chain.depository().followMinedBatches();
    TransactionPipeline pipeline = pipeline(1, StageListener.NONE);
    long first = pipeline.submit(r2c());
    pipeline.tick();
    long before = chain.blockNumber();
    chain.mine();
    chain.mineEmpty(1);
    pipeline.tick();
    assertThat(state(pipeline, first)).isEqualTo(IntentState.CONFIRMED);
    chain.reorgTo(before); // nobody tells the pipeline; the batch nonce falls back with the chain
    chain.depository().batchNonce(HUB_ENTITY, BigInteger.ZERO);
    chain.mineEmpty(3);

    long second = pipeline.submit(r2c());
    pipeline.tick();

    assertThat(state(pipeline, first)).isEqualTo(IntentState.SENT);
    assertThat(state(pipeline, second)).isEqualTo(IntentState.QUEUED);
    assertThat(outcomes.failed).isEmpty();
  }

  @Test
  void minedButRevertedIsFailedWithTheReplayedReasonAfterConfirmation() {
    TransactionPipeline pipeline = pipeline(1, StageListener.NONE);
    long id = pipeline.submit(r2c());
    long next = pipeline.submit(r2c());
    pipeline.tick();
    chain.sender().revertNextMined(new RevertReason("StaleNonce", Map.of()));
    chain.mine();
    pipeline.tick();
    assertThat(state(pipeline, id)).isEqualTo(IntentState.MINED);
    assertThat(state(pipeline, next)).isEqualTo(IntentState.QUEUED); // a reverted batch leaves its nonce unused
    chain.mineEmpty(1);
    pipeline.tick();
    IntentStatus status = pipeline.status(id).orElseThrow();
    assertThat(status.state()).isEqualTo(IntentState.FAILED);
    assertThat(status.reason()).contains(new RevertReason("Replayed", Map.of()));
    assertThat(outcomes.failed).containsKey(id);
    assertThat(pipeline.status(next).orElseThrow().batchNonce()).contains(BigInteger.ONE);
  }

  @Test
  void reorganisationBeforeConfirmationSendsTheSignedTransactionAgain() {
    TransactionPipeline pipeline = pipeline(2, StageListener.NONE);
    long id = pipeline.submit(approve("approve"));
    pipeline.tick();
    long before = chain.blockNumber();
    chain.mine();
    pipeline.tick();
    String minedHash = pipeline.status(id).orElseThrow().transactionHash().orElseThrow();
    chain.reorgTo(before);
    chain.mineEmpty(1);
    pipeline.tick();
    assertThat(state(pipeline, id)).isEqualTo(IntentState.SENT);
    assertThat(chain.sender().pendingCount()).isEqualTo(1);
    chain.mine();
    chain.mineEmpty(2);
    pipeline.tick();
    IntentStatus status = pipeline.status(id).orElseThrow();
    assertThat(status.state()).isEqualTo(IntentState.CONFIRMED);
    assertThat(status.transactionHash()).contains(minedHash);
    assertThat(status.attempts()).isEqualTo(1);
  }

  @Test
  void outcomeNotYetDeliveredWhenTheProcessDiedIsDeliveredOnRecovery() {
    TransactionPipeline pipeline = pipeline(0, (stage, intent) -> {
      if (stage == Stage.SETTLED) {
        throw new SimulatedCrash(stage);
      }
    });
    long id = pipeline.submit(approve("approve"));
    pipeline.tick();
    chain.mine();
    assertThatThrownBy(pipeline::tick).isInstanceOf(SimulatedCrash.class);
    assertThat(outcomes.confirmedIds).isEmpty();
    pipeline(0, StageListener.NONE).recover();
    assertThat(outcomes.confirmedIds).containsExactly(id);
  }

  @Test
  void listenerThatThrowsDoesNotStopThePipeline() {
    TransactionPipeline pipeline = pipeline(CONFIG, 0, StageListener.NONE, new SubmitListener() {
      @Override
      public void confirmed(long id, Intent intent, TxReceipt receipt) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void failed(long id, Intent intent, RevertReason reason) {}
    });
    long first = pipeline.submit(approve("first"));
    long second = pipeline.submit(approve("second"));
    for (int i = 0; i < 3; i++) {
      pipeline.tick();
      chain.mine();
    }
    assertThat(state(pipeline, first)).isEqualTo(IntentState.CONFIRMED);
    assertThat(state(pipeline, second)).isEqualTo(IntentState.CONFIRMED);
  }

  @Test
  void whatIsRecordedAlongsideAnIntentCommitsWithItOrNotAtAll() {
    List<Long> stages = new ArrayList<>();
    TransactionPipeline pipeline = pipeline(0, (stage, id) -> stages.add(id));

    assertThatThrownBy(() -> pipeline.submit(r2c(), id -> {
      throw new IllegalStateException("the jobs it carries cannot be planned");
    })).hasMessageContaining("cannot be planned");

    assertThat(pipeline.inFlight()).isZero();
    assertThat(stages).isEmpty();
    long[] seen = new long[1];
    long id = pipeline.submit(r2c(), alongside -> seen[0] = alongside);
    assertThat(seen[0]).isEqualTo(id);
    assertThat(state(pipeline, id)).isEqualTo(IntentState.QUEUED);
    assertThat(stages).containsExactly(id);
  }

  @Test
  void unknownIdHasNoStatus() {
    assertThat(pipeline(0, StageListener.NONE).status(42)).isEmpty();
  }
}
