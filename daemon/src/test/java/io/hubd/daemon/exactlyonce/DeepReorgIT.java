package io.hubd.daemon.exactlyonce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hubd.chainsim.ChainControl;
import io.hubd.daemon.app.HubdRuntime;
import io.hubd.daemon.submit.IntentState;
import io.hubd.daemon.submit.IntentStatus;
import io.hubd.daemon.testkit.DaemonFixture;
import io.hubd.daemon.testkit.ExactlyOnceAudit;
import io.hubd.daemon.testkit.HubWork;
import io.hubd.daemon.testkit.OpsClient;
import io.hubd.daemon.testkit.SharedChain;
import io.hubd.daemon.testkit.TestChain;
import io.hubd.daemon.testkit.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A reorganisation deeper than the daemon's confirmations takes a confirmed batch off the chain (Hardhat's
 * {@code evm_revert}, then a longer branch of empty blocks): the mirror rolls back, the pipeline sends the batch
 * again as it was signed, it lands once, and batches keep landing afterwards. Checked by direct reads.
 */
class DeepReorgIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final int CONFIRMATIONS = 2;

  @RegisterExtension static final SharedChain shared = new SharedChain(c -> c.fundHubReserve("TUSD", 50_000));

  @TempDir Path dir;
  private HubdRuntime daemon;

  private static TestChain chain() {
    return shared.chain();
  }

  private static ChainControl control() {
    return chain().local().control();
  }

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  @ParameterizedTest(name = "{0} blocks deeper than the confirmations")
  @ValueSource(ints = {1, 3, 30})
  void confirmedBatchTakenOffTheChainLandsOnceAndThePipelineKeepsLanding(int deeperBy) {
    daemon = DaemonFixture.start(chain(), dir.resolve("data"),
        Map.of("chain.confirmations", Integer.toString(CONFIRMATIONS)));
    HubWork work = new HubWork(chain(), shared.usd(), 0xdee90000L + deeperBy);
    control().mineEach(CONFIRMATIONS + 1);
    await().atMost(PATIENCE).until(() -> daemon.mirror().view().isCaughtUp());
    String beforeBatch = control().snapshot();

    work.owed(daemon.services(), 2, 150);
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> {
      control().mine();
      return confirmedBatches() == 1 && daemon.coordinator().inFlight().isEmpty();
    });
    control().mineEach(deeperBy); // buried deeper than the confirmations
    IntentStatus confirmed = batches().get(0);

    assertThat(control().revert(beforeBatch)).isTrue();
    control().mineEach(CONFIRMATIONS + deeperBy + 2); // a longer branch without the batch

    await().atMost(PATIENCE).until(() -> batches().get(0).state() != IntentState.CONFIRMED
        || work.done() && confirmedBatches() == 1);
    work.owed(daemon.services(), 1, 120); // the pipeline keeps landing after the reorganisation
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> {
      control().mine();
      return work.done() && daemon.pipeline().inFlight() == 0 && daemon.coordinator().inFlight().isEmpty()
          && daemon.mirror().view().isCaughtUp();
    });

    assertThat(batches().get(0).transactionHash()).isEqualTo(confirmed.transactionHash()); // sent again as signed
    assertThat(metric("hubd_submit_deep_reorgs_total")).isEqualTo(1);
    assertThat(metric("hubd_mirror_reorgs_total")).isPositive();
    ExactlyOnceAudit.Result result =
        new ExactlyOnceAudit(chain()).audit(dir.resolve("data"), work.payouts(), work.owed());
    assertThat(result.problems()).isEmpty();
    assertThat(daemon.pipeline().halts().halted()).isFalse();
  }

  private List<IntentStatus> batches() {
    try (var store = io.hubd.daemon.testkit.TestDatabases.openReadOnly(dir.resolve("data"))) {
      return new io.hubd.daemon.submit.JournalView(store).batches();
    }
  }

  private long confirmedBatches() {
    return batches().stream().filter(b -> b.state() == IntentState.CONFIRMED).count();
  }

  private double metric(String name) {
    return OpsClient.sample(new OpsClient(daemon.httpPort()).scrape(), name).orElse(Double.NaN);
  }
}
