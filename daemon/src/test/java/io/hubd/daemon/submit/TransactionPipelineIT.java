package io.hubd.daemon.submit;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.chainsim.ChainClient;
import io.hubd.chainsim.ChainControl;
import io.hubd.chainsim.DepositoryDriver;
import io.hubd.contracts.Batch;
import io.hubd.contracts.BatchCall;
import io.hubd.contracts.CollateralToReserveAuthorization;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.Erc20Calls;
import io.hubd.contracts.RevertReason;
import io.hubd.contracts.SettlementAuthorization;
import io.hubd.contracts.Signature;
import io.hubd.daemon.config.SubmitConfig;
import io.hubd.daemon.store.Store;
import io.hubd.daemon.testkit.SubmitSettings;
import io.hubd.daemon.testkit.TestChain;
import io.hubd.daemon.testkit.TestDatabases;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/** The pipeline against a real Hardhat node: landing, failing before and after mining, fee bumps, reorganisations. */
class TransactionPipelineIT {
  @RegisterExtension static final PipelineHarness harness = new PipelineHarness();

  @TempDir Path dir;

  private static TestChain chain() {
    return harness.chain();
  }


  @AfterEach
  void mineAutomatically() {
    chain().local().control().setAutomine(true);
  }

  private ChainControl control() {
    return chain().local().control();
  }

  @Test
  void approvalThenBatchLandOnceInOneNonceSequenceAndAreConfirmedWithGasUsed() {
    PipelineHarness.Settings settings = new PipelineHarness.Settings().confirmations(2);
    BigInteger amount = harness.usd().units(250);
    DepositoryDriver driver = chain().driver();
    driver.mint(chain().local().account(0), harness.usd(), chain().hubKey().getAddress(), amount);
    Batch deposit = Batch.builder().externalToReserve(new Batch.ExternalToReserve(harness.usd().tokenId(), amount))
        .build();
    BigInteger reserveBefore = harness.reserve();
    BigInteger batchNonceBefore = harness.batchNonce();
    long nonceBefore = harness.hubNonce();
    try (Store store = TestDatabases.open(dir)) {
      TransactionPipeline pipeline = harness.pipeline(store, settings);
      long approve = pipeline.submit(Intent.call(harness.usd().address(),
          Erc20Calls.approve(chain().suite().depository(), amount), "approve TUSD"));
      long batch = pipeline.submit(Intent.batch(deposit, "top up reserve"));
      IntentStatus done = harness.tickUntil(pipeline, batch, IntentState.CONFIRMED, true);

      assertThat(pipeline.status(approve).orElseThrow().state()).isEqualTo(IntentState.CONFIRMED);
      assertThat(done.gasUsed()).hasValueSatisfying(gas -> assertThat(gas).isPositive());
      assertThat(done.batchNonce()).contains(batchNonceBefore.add(BigInteger.ONE));
      assertThat(harness.batchNonce()).isEqualTo(batchNonceBefore.add(BigInteger.ONE));
      assertThat(harness.batchProcessed(BatchCall.of(deposit, done.batchNonce().get()).batchHash())).hasSize(1);
      assertThat(harness.reserve()).isEqualTo(reserveBefore.add(amount));
      assertThat(harness.hubNonce()).isEqualTo(nonceBefore + 2);
      assertThat(settings.outcomes.confirmed).hasSize(2);
      assertThat(settings.outcomes.confirmed.get(1).gasUsed()).isEqualTo(done.gasUsed().get());
      assertThat(settings.counter("hubd_submit_batches_total", "outcome", "confirmed", "kind", "batch")).isEqualTo(1);
      assertThat(settings.counter("hubd_submit_gas_used_total")).isPositive();
      assertThat(pipeline.inFlight()).isZero();
    }
  }

  @Test
  void batchWhoseEstimateRevertsIsFailedWithTheCustomErrorAndNeverSent() {
    PipelineHarness.Settings settings = new PipelineHarness.Settings();
    EntityId alice = harness.freshCounterparty();
    BigInteger tooMuch = harness.reserve().add(BigInteger.ONE);
    long nonceBefore = harness.hubNonce();
    long headBefore = chain().chain().blockNumber();
    try (Store store = TestDatabases.open(dir)) {
      TransactionPipeline pipeline = harness.pipeline(store, settings);
      long id = pipeline.submit(Intent.batch(harness.r2c(alice, tooMuch), "r2c"));
      pipeline.tick();

      IntentStatus status = pipeline.status(id).orElseThrow();
      assertThat(status.state()).isEqualTo(IntentState.FAILED);
      RevertReason reason = status.reason().orElseThrow();
      assertThat(reason.name()).isEqualTo("InsufficientReserve");
      assertThat(reason.argument("need")).isEqualTo(tooMuch);
      assertThat(reason.argument("have")).isEqualTo(tooMuch.subtract(BigInteger.ONE));
      assertThat(status.attempts()).isZero();
      assertThat(settings.outcomes.failed).containsEntry(id, reason);
      assertThat(harness.hubNonce()).isEqualTo(nonceBefore);
      assertThat(chain().chain().blockNumber()).isEqualTo(headBefore);
      assertThat(settings.counter("hubd_submit_batches_total", "outcome", "rejected", "kind", "batch")).isEqualTo(1);
    }
  }

  /**
   * The hub withdraws collateral with the user's signature (C2R at account nonce n) while the user settles the same
   * account at nonce n with a higher tip: both are pending when the block is mined, the user's goes first, and the
   * hub's batch reverts on chain with {@code StaleNonce}.
   */
  @Test
  void batchThatRevertsWhenMinedIsFailedWithTheErrorFoundByReplayingIt() {
    PipelineHarness.Settings settings = new PipelineHarness.Settings()
        .config(SubmitSettings.of(50, 12, BigInteger.valueOf(500_000_000_000L), BigInteger.ONE));
    Credentials userKey = chain().local().account(2);
    EntityId user = EntityId.ofAddress(userKey.getAddress());
    DepositoryDriver driver = chain().driver();
    driver.submit(chain().hubKey(), harness.r2c(user, harness.usd().units(100)));
    BigInteger accountNonce = driver.account(chain().hub(), user, harness.usd().tokenId()).nonce().add(BigInteger.ONE);
    CollateralToReserveAuthorization withdrawal = new CollateralToReserveAuthorization(
        chain().hub(), user, harness.usd().tokenId(), harness.usd().units(10), accountNonce);
    Batch hubBatch = Batch.builder()
        .collateralToReserve(withdrawal.toOperation(withdrawal.sign(chain().suite().domain(), userKey.getEcKeyPair())))
        .build();
    SettlementAuthorization settlement = SettlementAuthorization.between(user, chain().hub(), List.of(), accountNonce);
    Signature hubSignature = settlement.sign(chain().suite().domain(), chain().hubKey().getEcKeyPair());
    Batch userBatch = Batch.builder().settlement(settlement.toOperation(user, hubSignature)).build();
    BigInteger batchNonceBefore = harness.batchNonce();

    try (Store store = TestDatabases.open(dir)) {
      TransactionPipeline pipeline = harness.pipeline(store, settings);
      control().setAutomine(false);
      long id = pipeline.submit(Intent.batch(hubBatch, "reclaim collateral"));
      pipeline.tick();
      assertThat(pipeline.status(id).orElseThrow().state()).isEqualTo(IntentState.SENT);
      ChainClient client = chain().local().client();
      BigInteger base = client.defaultFees().maxFeePerGas();
      BigInteger tip = BigInteger.valueOf(5_000_000_000L);
      client.submit(userKey, chain().suite().depository(), driver.call(userKey, userBatch).callData(), BigInteger.ZERO,
          BigInteger.valueOf(500_000), new ChainClient.Fees(base.add(tip), tip));
      control().mine();
      control().setAutomine(true);
      IntentStatus status = harness.tickUntil(pipeline, id, IntentState.FAILED, false);

      RevertReason reason = status.reason().orElseThrow();
      assertThat(reason.name()).isEqualTo("StaleNonce");
      assertThat(reason.argument("given")).isEqualTo(accountNonce);
      assertThat(status.transactionHash()).isPresent();
      assertThat(chain().chain().receipt(status.transactionHash().get()).orElseThrow().success()).isFalse();
      assertThat(status.gasUsed()).hasValueSatisfying(gas -> assertThat(gas).isPositive());
      assertThat(settings.outcomes.failed).containsEntry(id, reason);
      assertThat(harness.batchNonce()).isEqualTo(batchNonceBefore);
      assertThat(settings.counter("hubd_submit_batches_total", "outcome", "reverted", "kind", "batch")).isEqualTo(1);
    }
  }

  @Test
  void stuckBatchIsReplacedWithHigherFeesAndLandsOnceWhenMiningResumes() {
    SubmitConfig config = SubmitSettings.of(1, 20, BigInteger.valueOf(500_000_000_000L), BigInteger.ONE);
    PipelineHarness.Settings settings = new PipelineHarness.Settings().config(config);
    EntityId alice = harness.freshCounterparty();
    BigInteger amount = harness.usd().units(7);
    Batch batch = harness.r2c(alice, amount);
    PipelineHarness.Snapshot before = harness.snapshot(alice);
    try (Store store = TestDatabases.open(dir)) {
      TransactionPipeline pipeline = harness.pipeline(store, settings);
      Journal journal = new Journal(store, Clock.systemUTC());
      control().setAutomine(false);
      long id = pipeline.submit(Intent.batch(batch, "r2c"));
      pipeline.tick();
      for (int bump = 1; bump <= 3; bump++) {
        List<Attempt> attempts = journal.attempts(id);
        Attempt latest = attempts.get(attempts.size() - 1);
        control().setNextBlockBaseFee(latest.fees().maxFeePerGas().add(BigInteger.ONE)); // just out of reach
        control().mine();
        pipeline.tick();
        assertThat(journal.attempts(id)).hasSize(bump + 1);
        assertThat(control().pendingTransactionCount()).isEqualTo(1);
      }
      List<Attempt> attempts = journal.attempts(id);
      for (int i = 1; i < attempts.size(); i++) {
        Fees previous = attempts.get(i - 1).fees();
        Fees next = attempts.get(i).fees();
        assertThat(attempts.get(i).nonce()).isEqualTo(attempts.get(0).nonce());
        assertThat(next.maxFeePerGas()).isGreaterThanOrEqualTo(FeePolicy.raise(previous.maxFeePerGas(), 20));
        assertThat(next.maxPriorityFeePerGas())
            .isGreaterThanOrEqualTo(FeePolicy.raise(previous.maxPriorityFeePerGas(), 20));
      }
      assertThat(settings.counter("hubd_submit_bumps_total")).isEqualTo(3);

      control().setAutomine(true);
      IntentStatus status = harness.tickUntil(pipeline, id, IntentState.CONFIRMED, true);
      harness.assertLandedOnce(before, status, batch, alice, amount);
      assertThat(status.transactionHash()).contains(attempts.get(attempts.size() - 1).txHash());
      assertThat(settings.counter("hubd_submit_attempts_total")).isEqualTo(4);
    }
  }

  @Test
  void batchRemovedByAReorganisationIsSentAgainAndLandsOnce() {
    PipelineHarness.Settings settings = new PipelineHarness.Settings().confirmations(3);
    EntityId alice = harness.freshCounterparty();
    BigInteger amount = harness.usd().units(11);
    Batch batch = harness.r2c(alice, amount);
    PipelineHarness.Snapshot before = harness.snapshot(alice);
    String snapshot = control().snapshot();
    try (Store store = TestDatabases.open(dir)) {
      TransactionPipeline pipeline = harness.pipeline(store, settings);
      long id = pipeline.submit(Intent.batch(batch, "r2c"));
      IntentStatus mined = harness.tickUntil(pipeline, id, IntentState.MINED, false);

      assertThat(control().revert(snapshot)).isTrue();
      assertThat(chain().chain().receipt(mined.transactionHash().orElseThrow())).isEmpty();
      IntentStatus status = harness.tickUntil(pipeline, id, IntentState.CONFIRMED, true);

      harness.assertLandedOnce(before, status, batch, alice, amount);
      assertThat(status.transactionHash()).isEqualTo(mined.transactionHash());
      assertThat(status.attempts()).isEqualTo(1);
      assertThat(settings.outcomes.confirmed).hasSize(1);
    }
  }
}
