package io.hubd.daemon.submit;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.contracts.Batch;
import io.hubd.contracts.BatchCall;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.RevertReason;
import io.hubd.contracts.Signatures;
import io.hubd.daemon.config.EmergencyFees;
import io.hubd.daemon.config.SubmitConfig;
import io.hubd.daemon.store.Store;
import io.hubd.daemon.testkit.FakeNode;
import io.hubd.daemon.testkit.SubmitSettings;
import io.hubd.daemon.testkit.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

/**
 * Operations that cannot wait ({@link TransactionPipeline#submitUrgent}) against a {@link FakeNode}: they amend the
 * batch stuck ahead of them at its transaction nonce and batch nonce, or go as their own batch; either way under the
 * emergency fee policy, and whichever version of an amended batch lands is the one the journal keeps.
 */
class UrgentIntentsTest {
  private static final Credentials HUB =
      Credentials.create("0x59c6995e998f97a5a0044966f94536f12e7e0e3ce9d3e8a1b8e1b8e8f0c4a4b1");
  private static final String DEPOSITORY = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
  private static final String TOKEN = "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512";
  private static final EntityId ALICE = EntityId.ofAddress("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
  private static final int EMERGENCY_PERCENT = 30;
  private static final BigInteger EMERGENCY_TIP = BigInteger.valueOf(500);
  private static final SubmitConfig CONFIG = SubmitSettings.of(3, 10, BigInteger.valueOf(1_000_000),
      BigInteger.valueOf(100), new EmergencyFees(1, EMERGENCY_PERCENT, BigInteger.valueOf(5_000_000), EMERGENCY_TIP));

  @TempDir Path dir;

  private final FakeNode chain = FakeNode.builder().height(100).baseFee(BigInteger.valueOf(1_000))
      .depository(DEPOSITORY).sender(HUB.getAddress()).build();
  private final List<Store> stores = new ArrayList<>();

  @AfterEach
  void closeStores() {
    stores.forEach(Store::close);
  }

  private TransactionPipeline pipeline() {
    Store store = TestDatabases.open(dir);
    stores.add(store);
    chain.depository().followMinedBatches();
    return TransactionPipeline.builder(chain, store, HUB).chainId(FakeNode.CHAIN_ID).depository(DEPOSITORY)
        .config(CONFIG).meters(new SimpleMeterRegistry()).build();
  }

  private Journal journal() {
    return new Journal(stores.get(stores.size() - 1), Clock.systemUTC());
  }

  private static Batch r2c() {
    return Batch.builder().reserveToCollateral(new Batch.ReserveToCollateral(1,
        List.of(new Batch.R2CPair(ALICE, BigInteger.TEN)))).build();
  }

  /** A counter of Alice's dispute with a state she signed (the signature's content does not matter here). */
  private static Batch counter() {
    return Batch.builder().disputeCounter(new Batch.DisputeClaim(ALICE, BigInteger.valueOf(9),
        List.of(new Batch.TokenDelta(1, BigInteger.valueOf(-5))),
        Optional.of(Signatures.sign(new byte[32], ECKeyPair.create(BigInteger.valueOf(7)))))).build();
  }

  private static Batch merged() {
    return Batch.builder().disputeCounter(counter().disputeCounters().get(0))
        .reserveToCollateral(r2c().reserveToCollateral().get(0)).build();
  }

  @Test
  void urgentOperationsAmendTheStuckBatchAtItsNoncesWithEmergencyFeesAndThatVersionLandsOnce() {
    TransactionPipeline pipeline = pipeline();
    long stuck = pipeline.submit(Intent.batch(r2c(), "rebalance"));
    pipeline.tick();
    Attempt first = journal().attempts(stuck).get(0);
    chain.mineEmpty(1); // passed over: priced too low

    long carrier = pipeline.submitUrgent(counter(), "dispute counter");

    assertThat(carrier).isEqualTo(stuck);
    List<Attempt> attempts = journal().attempts(stuck);
    assertThat(attempts).hasSize(2);
    Attempt amended = attempts.get(1);
    assertThat(amended.nonce()).isEqualTo(first.nonce());
    assertThat(amended.version()).isEqualTo(2);
    assertThat(amended.fees().maxFeePerGas()).isGreaterThanOrEqualTo(
        FeePolicy.raise(first.fees().maxFeePerGas(), EMERGENCY_PERCENT));
    assertThat(amended.fees().maxPriorityFeePerGas()).isGreaterThanOrEqualTo(EMERGENCY_TIP);
    IntentStatus status = pipeline.status(stuck).orElseThrow();
    assertThat(status.batchNonce()).contains(BigInteger.ONE);
    assertThat(status.batchHash()).contains(BatchCall.of(merged(), BigInteger.ONE).batchHash());
    assertThat(pipeline.batch(stuck)).contains(merged());
    assertThat(pipeline.batchesNotLandedBy(-1)).containsExactly(merged());
    assertThat(pipeline.inFlight()).isEqualTo(1);

    pipeline.tick(); // sends the amended version, which replaces the first in the mempool
    assertThat(chain.sender().pendingCount()).isEqualTo(1);
    assertThat(chain.sender().pendingMaxFee(first.nonce())).isEqualTo(amended.fees().maxFeePerGas());
    chain.mine();
    pipeline.tick();

    IntentStatus landed = pipeline.status(stuck).orElseThrow();
    assertThat(landed.state()).isEqualTo(IntentState.CONFIRMED);
    assertThat(landed.transactionHash()).contains(amended.txHash());
    assertThat(landed.batchHash()).contains(BatchCall.of(merged(), BigInteger.ONE).batchHash());
    assertThat(chain.transactionCountAt(HUB.getAddress(), chain.head())).isEqualTo(BigInteger.ONE);
  }

  @Test
  void whenTheFirstVersionLandsTheIntentKeepsItsBatchAndTheUrgentOperationsAreNoLongerInFlight() {
    TransactionPipeline pipeline = pipeline();
    long stuck = pipeline.submit(Intent.batch(r2c(), "rebalance"));
    pipeline.tick();
    assertThat(pipeline.submitUrgent(counter(), "dispute counter")).isEqualTo(stuck);

    chain.mine(); // the first version, still in the mempool, lands before the amended one is sent
    pipeline.tick();

    IntentStatus landed = pipeline.status(stuck).orElseThrow();
    assertThat(landed.state()).isEqualTo(IntentState.CONFIRMED);
    assertThat(landed.transactionHash()).contains(journal().attempts(stuck).get(0).txHash());
    assertThat(landed.batchHash()).contains(BatchCall.of(r2c(), BigInteger.ONE).batchHash());
    assertThat(pipeline.batch(stuck)).contains(r2c());
    assertThat(pipeline.batchesNotLandedBy(chain.head())).isEmpty();
    assertThat(chain.transactionCountAt(HUB.getAddress(), chain.head())).isEqualTo(BigInteger.ONE);
  }

  @Test
  void anAmendedBatchSurvivesARestartAndIsSentAgainAsItsNewestVersion() {
    TransactionPipeline pipeline = pipeline();
    long stuck = pipeline.submit(Intent.batch(r2c(), "rebalance"));
    pipeline.tick();
    pipeline.submitUrgent(counter(), "dispute counter");
    Attempt amended = journal().attempts(stuck).get(1);
    stores.get(0).close();
    stores.clear();

    TransactionPipeline restarted = pipeline();
    restarted.recover();

    assertThat(restarted.batch(stuck)).contains(merged());
    assertThat(chain.sender().pendingMaxFee(amended.nonce())).isEqualTo(amended.fees().maxFeePerGas());
    chain.mine();
    restarted.tick();
    assertThat(restarted.status(stuck).orElseThrow().transactionHash()).contains(amended.txHash());
  }

  @Test
  void anAmendedVersionThatLandedWhileReceiptsLagIsWaitedForAndNeitherSignedAgainNorReEncoded() {
    chain.faults().lagReceipts(3);
    TransactionPipeline pipeline = pipeline();
    long stuck = pipeline.submit(Intent.batch(r2c(), "rebalance"));
    pipeline.tick();
    chain.mineEmpty(1); // passed over: priced too low
    pipeline.submitUrgent(counter(), "dispute counter");
    Attempt amended = journal().attempts(stuck).get(1);
    pipeline.tick(); // sends the amended version
    chain.mine(); // it lands with batch nonce 1; no node serves its receipt for 3 blocks
    for (int i = 0; i < 3; i++) {
      pipeline.tick();
      assertThat(pipeline.status(stuck).orElseThrow().state()).isEqualTo(IntentState.SENT);
      assertThat(journal().attempts(stuck)).hasSize(2); // no third signature, no new batch nonce
      chain.mineEmpty(1);
    }
    pipeline.tick();

    IntentStatus landed = pipeline.status(stuck).orElseThrow();
    assertThat(landed.state()).isEqualTo(IntentState.CONFIRMED);
    assertThat(landed.transactionHash()).contains(amended.txHash());
    assertThat(landed.batchNonce()).contains(BigInteger.ONE);
    assertThat(landed.batchHash()).contains(BatchCall.of(merged(), BigInteger.ONE).batchHash());
    assertThat(chain.transactionCountAt(HUB.getAddress(), chain.head())).isEqualTo(BigInteger.ONE);
  }

  @Test
  void aQueuedBatchTakesTheUrgentOperationsBeforeItIsSignedAndIsSignedWithEmergencyFees() {
    TransactionPipeline pipeline = pipeline();
    long queued = pipeline.submit(Intent.batch(r2c(), "rebalance"));

    assertThat(pipeline.submitUrgent(counter(), "dispute counter")).isEqualTo(queued);
    pipeline.tick();

    Attempt signed = journal().attempts(queued).get(0);
    assertThat(signed.version()).isEqualTo(1);
    assertThat(signed.fees().maxPriorityFeePerGas()).isEqualTo(EMERGENCY_TIP);
    assertThat(pipeline.status(queued).orElseThrow().batchHash())
        .contains(BatchCall.of(merged(), BigInteger.ONE).batchHash());
  }

  @Test
  void withNoBatchAheadUrgentOperationsGoAsTheirOwnSideBatchWhichTheRebalanceLoopDoesNotTrack() {
    TransactionPipeline pipeline = pipeline();

    long own = pipeline.submitUrgent(counter(), "dispute counter");
    pipeline.tick();

    assertThat(pipeline.batch(own)).contains(counter());
    assertThat(pipeline.oldestOpenBatch()).isEmpty();
    assertThat(pipeline.newestBatch()).isEmpty();
    assertThat(journal().attempts(own).get(0).fees().maxPriorityFeePerGas()).isEqualTo(EMERGENCY_TIP);
  }

  @Test
  void aBatchThatWouldRevertWithTheUrgentOperationsIsLeftAsItIsAndTheyGoBehindIt() {
    TransactionPipeline pipeline = pipeline();
    long stuck = pipeline.submit(Intent.batch(r2c(), "rebalance"));
    pipeline.tick();
    chain.sender().failEstimateWith(new RevertReason("AccountFrozen", Map.of()));

    long own = pipeline.submitUrgent(counter(), "dispute counter");

    assertThat(own).isNotEqualTo(stuck);
    assertThat(journal().attempts(stuck)).hasSize(1);
    assertThat(pipeline.batch(stuck)).contains(r2c());
    assertThat(pipeline.batch(own)).contains(counter());
  }

  @Test
  void aCallAheadOfAnUrgentBatchIsReplacedUnderTheEmergencyPolicy() {
    TransactionPipeline pipeline = pipeline();
    long call = pipeline.submit(Intent.call(TOKEN, "0x095ea7b3" + "00".repeat(64), "approve"));
    pipeline.tick();
    Attempt first = journal().attempts(call).get(0);
    long own = pipeline.submitUrgent(counter(), "dispute counter");
    assertThat(own).isNotEqualTo(call);

    chain.mineEmpty(1); // one block: the emergency bump, not the ordinary one (after 3)
    pipeline.tick();

    List<Attempt> attempts = journal().attempts(call);
    assertThat(attempts).hasSize(2);
    assertThat(attempts.get(1).fees().maxFeePerGas())
        .isGreaterThanOrEqualTo(FeePolicy.raise(first.fees().maxFeePerGas(), EMERGENCY_PERCENT));
  }
}
