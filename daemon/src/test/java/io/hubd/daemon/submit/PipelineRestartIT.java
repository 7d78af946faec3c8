package io.hubd.daemon.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hubd.chainsim.ChainControl;
import io.hubd.contracts.Batch;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.Erc20Calls;
import io.hubd.daemon.config.SubmitConfig;
import io.hubd.daemon.store.Store;
import io.hubd.daemon.testkit.SubmitSettings;
import io.hubd.daemon.testkit.TestChain;
import io.hubd.daemon.testkit.TestDatabases;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash and restart: a pipeline dies at a stage (a {@link StageListener} throws), a new one opens the same journal,
 * {@link TransactionPipeline#recover()}s and ticks until done, and the chain shows the batch exactly once: the hub's
 * batch nonce one higher, one {@code BatchProcessed} event for the batch's hash, reserve and collateral moved once.
 */
class PipelineRestartIT {
  private static final Logger log = LoggerFactory.getLogger(PipelineRestartIT.class);
  private static final List<String> scenarios = new CopyOnWriteArrayList<>();

  @RegisterExtension static final PipelineHarness harness = new PipelineHarness();

  @TempDir Path dir;

  private static TestChain chain() {
    return harness.chain();
  }

  private EntityId alice;
  private BigInteger amount;
  private Batch batch;
  private PipelineHarness.Snapshot before;

  @AfterAll
  static void report() {
    log.info("crash/restart scenarios run: {}: {}", scenarios.size(), scenarios);
  }

  @BeforeEach
  void freshBatch() {
    alice = harness.freshCounterparty();
    amount = harness.usd().units(13);
    batch = harness.r2c(alice, amount);
    before = harness.snapshot(alice);
  }

  @AfterEach
  void mineAutomatically() {
    control().setAutomine(true);
  }

  private static ChainControl control() {
    return chain().local().control();
  }

  /** Ticks (mining a block after each tick) until the pipeline crashes. */
  private static void runUntilCrash(TransactionPipeline pipeline) {
    await().atMost(PipelineHarness.PATIENCE).until(() -> {
      try {
        pipeline.tick();
      } catch (SimulatedCrash crash) {
        return true;
      }
      control().mine();
      return false;
    });
  }

  /** Starts over on the journal in {@code dir}: recover, then tick until confirmed; checks the batch landed once. */
  private IntentStatus restartAndFinish(long id, PipelineHarness.Settings settings) {
    try (Store store = TestDatabases.open(dir)) {
      TransactionPipeline pipeline = harness.pipeline(store, settings);
      pipeline.recover();
      IntentStatus status = harness.tickUntil(pipeline, id, IntentState.CONFIRMED, true);
      harness.assertLandedOnce(before, status, batch, alice, amount);
      assertThat(settings.outcomes.confirmed).hasSize(1);
      return status;
    }
  }

  private List<Attempt> attempts(long id) {
    try (Store store = TestDatabases.open(dir)) {
      return new Journal(store, Clock.systemUTC()).attempts(id);
    }
  }

  @ParameterizedTest
  @EnumSource(Stage.class)
  void crashAtAStageThenRestartLandsTheBatchOnce(Stage stage) {
    CrashOnce crash = CrashOnce.at(stage);
    try (Store store = TestDatabases.open(dir)) {
      TransactionPipeline pipeline = harness.pipeline(store, new PipelineHarness.Settings().confirmations(2)
          .stages(crash));
      if (stage == Stage.JOURNALED) {
        assertThatThrownBy(() -> pipeline.submit(Intent.batch(batch, "r2c"))).isInstanceOf(SimulatedCrash.class);
      } else {
        pipeline.submit(Intent.batch(batch, "r2c"));
        runUntilCrash(pipeline);
      }
    }
    long id = crash.crashedIntent();
    List<Attempt> signedBeforeCrash = attempts(id);

    IntentStatus status = restartAndFinish(id, new PipelineHarness.Settings().confirmations(2));

    assertThat(status.attempts()).isEqualTo(1);
    if (stage != Stage.JOURNALED) {
      assertThat(status.transactionHash()).contains(signedBeforeCrash.get(0).txHash()); // never re-signed
    }
    scenarios.add("crash at " + stage);
  }

  @Test
  void downWhileTheMinedBatchIsReorganisedAwayThenRestartSendsItAgainAndItLandsOnce() {
    String snapshot = control().snapshot();
    long id;
    String minedHash;
    try (Store store = TestDatabases.open(dir)) {
      TransactionPipeline pipeline = harness.pipeline(store, new PipelineHarness.Settings().confirmations(3));
      id = pipeline.submit(Intent.batch(batch, "r2c"));
      minedHash = harness.tickUntil(pipeline, id, IntentState.MINED, false).transactionHash().orElseThrow();
      control().mine();
      pipeline.tick();
      assertThat(pipeline.status(id).orElseThrow().state()).isEqualTo(IntentState.MINED);
    } // the process stops here, between mined and confirmed
    assertThat(control().revert(snapshot)).isTrue();
    assertThat(chain().chain().receipt(minedHash)).isEmpty();

    IntentStatus status = restartAndFinish(id, new PipelineHarness.Settings().confirmations(3));

    assertThat(status.transactionHash()).contains(minedHash);
    scenarios.add("down between mined and confirmed, block reorganised away");
  }

  @Test
  void broadcastThatWasNeverRecordedIsAlreadyKnownAfterRestartAndLandsOnce() {
    control().setAutomine(false);
    long id;
    try (Store store = TestDatabases.open(dir)) {
      Journal journal = new Journal(store, Clock.systemUTC());
      CrashOnce crash = new CrashOnce(Stage.SIGNED, 1,
          intent -> chain().chain().sendRawTransaction(journal.attempts(intent).get(0).rawTx()));
      TransactionPipeline pipeline = harness.pipeline(store, new PipelineHarness.Settings().stages(crash));
      id = pipeline.submit(Intent.batch(batch, "r2c"));
      assertThatThrownBy(pipeline::tick).isInstanceOf(SimulatedCrash.class);
    }
    assertThat(control().pendingTransactionCount()).isEqualTo(1);

    PipelineHarness.Settings settings = new PipelineHarness.Settings();
    try (Store store = TestDatabases.open(dir)) {
      TransactionPipeline pipeline = harness.pipeline(store, settings);
      pipeline.recover();
      assertThat(pipeline.status(id).orElseThrow().state()).isEqualTo(IntentState.SENT);
      assertThat(settings.counter("hubd_submit_send_rejections_total", "error", "already_known")).isEqualTo(1);
    }
    control().setAutomine(true);
    IntentStatus status = restartAndFinish(id, new PipelineHarness.Settings());

    assertThat(status.attempts()).isEqualTo(1);
    scenarios.add("crash between broadcast and recording it: already known");
  }

  @Test
  void nonceTakenWhileDownByATransactionOutsideTheJournalStopsSubmissionAndTheBatchNeverLands() {
    CrashOnce crash = CrashOnce.at(Stage.SIGNED);
    long id;
    try (Store store = TestDatabases.open(dir)) {
      TransactionPipeline pipeline = harness.pipeline(store, new PipelineHarness.Settings().stages(crash));
      id = pipeline.submit(Intent.batch(batch, "r2c"));
      assertThatThrownBy(pipeline::tick).isInstanceOf(SimulatedCrash.class);
    }
    long journaledNonce = attempts(id).get(0).nonce();
    assertThat(harness.hubNonce()).isEqualTo(journaledNonce);
    chain().local().client().send(chain().hubKey(), harness.usd().address(),
        Erc20Calls.approve(chain().suite().depository(), BigInteger.ONE)); // someone else used the hub key

    PipelineHarness.Settings settings = new PipelineHarness.Settings();
    try (Store store = TestDatabases.open(dir)) {
      TransactionPipeline pipeline = harness.pipeline(store, settings);
      pipeline.recover();
      IntentStatus status = harness.tickUntil(pipeline, id, IntentState.FAILED, true);

      assertThat(status.reason()).hasValueSatisfying(r -> assertThat(r.name()).isEqualTo("NonceTaken"));
      assertThat(pipeline.halts().active()).singleElement()
          .satisfies(h -> assertThat(h.reason()).isEqualTo(SubmitHalts.Reason.FOREIGN_TRANSACTION));
      assertThat(settings.outcomes.failed).containsKey(id);
    }
    assertThat(attempts(id)).extracting(Attempt::nonce).containsExactly(journaledNonce);
    assertThat(harness.batchNonce()).isEqualTo(before.batchNonce());
    assertThat(harness.collateral(alice)).isEqualTo(before.collateral(alice));
    scenarios.add("nonce taken while down by a transaction outside the journal: stopped, nothing landed");
  }

  @Test
  void batchCarriedByATransactionOutsideTheJournalIsFoundByItsEventOnRestart() {
    CrashOnce crash = CrashOnce.at(Stage.SIGNED);
    long id;
    String callData;
    try (Store store = TestDatabases.open(dir)) {
      TransactionPipeline pipeline = harness.pipeline(store, new PipelineHarness.Settings().stages(crash));
      id = pipeline.submit(Intent.batch(batch, "r2c"));
      assertThatThrownBy(pipeline::tick).isInstanceOf(SimulatedCrash.class);
      callData = new Journal(store, Clock.systemUTC()).find(id).orElseThrow().requireCallData();
    }
    String foreign = chain().local().client().send(chain().hubKey(), chain().suite().depository(), callData)
        .getTransactionHash(); // the same batch, signed elsewhere with other fees

    IntentStatus status = restartAndFinish(id, new PipelineHarness.Settings());

    assertThat(status.transactionHash()).contains(foreign);
    assertThat(attempts(id)).hasSize(1);
    assertThat(chain().chain().receipt(attempts(id).get(0).txHash())).isEmpty();
    scenarios.add("batch landed by a transaction outside the journal: matched by its event");
  }

  @Test
  void crashAfterSigningAFeeBumpRestartsWithTheReplacementAndLandsOnce() {
    SubmitConfig config = SubmitSettings.of(1, 20, BigInteger.valueOf(500_000_000_000L), BigInteger.ONE);
    CrashOnce crash = new CrashOnce(Stage.SIGNED, 2, intent -> {});
    control().setAutomine(false);
    long id;
    try (Store store = TestDatabases.open(dir)) {
      TransactionPipeline pipeline = harness.pipeline(store, new PipelineHarness.Settings().config(config)
          .stages(crash));
      id = pipeline.submit(Intent.batch(batch, "r2c"));
      pipeline.tick();
      Attempt first = new Journal(store, Clock.systemUTC()).attempts(id).get(0);
      control().setNextBlockBaseFee(first.fees().maxFeePerGas().add(BigInteger.ONE));
      control().mine();
      assertThatThrownBy(pipeline::tick).isInstanceOf(SimulatedCrash.class);
    }
    List<Attempt> journaled = attempts(id);
    assertThat(journaled).hasSize(2);
    assertThat(journaled.get(1).sentBlock()).isEmpty();

    PipelineHarness.Settings settings = new PipelineHarness.Settings().config(config);
    try (Store store = TestDatabases.open(dir)) {
      harness.pipeline(store, settings).recover();
    }
    assertThat(control().pendingTransactionCount()).isEqualTo(1);
    control().setAutomine(true);
    IntentStatus status = restartAndFinish(id, settings);

    assertThat(status.transactionHash()).contains(journaled.get(1).txHash());
    scenarios.add("crash after signing a fee bump, before broadcasting it");
  }
}
