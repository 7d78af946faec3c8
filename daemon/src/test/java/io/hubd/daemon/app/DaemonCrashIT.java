package io.hubd.daemon.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hubd.chainsim.DeployedSuite;
import io.hubd.chainsim.DepositoryDriver;
import io.hubd.contracts.DepositoryEvents;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.jobs.Job;
import io.hubd.daemon.jobs.JobState;
import io.hubd.daemon.jobs.JobStore;
import io.hubd.daemon.jobs.Position;
import io.hubd.daemon.jobs.PositionStore;
import io.hubd.daemon.mirror.Checkpoint;
import io.hubd.daemon.mirror.Mirror;
import io.hubd.daemon.store.Store;
import io.hubd.daemon.store.StoreException;
import io.hubd.daemon.submit.CrashAtStage;
import io.hubd.daemon.submit.IntentStatus;
import io.hubd.daemon.submit.JournalView;
import io.hubd.daemon.submit.Stage;
import io.hubd.daemon.testkit.DaemonFixture;
import io.hubd.daemon.testkit.DaemonProcess;
import io.hubd.daemon.testkit.SharedChain;
import io.hubd.daemon.testkit.TestChain;
import io.hubd.daemon.testkit.TestDatabases;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real daemon as a child JVM ({@code hubd run}) killed outright — exit 137, no shutdown hooks, as
 * {@code kill -9} would — at each stage of the transaction pipeline while it pays a job, then started again: the
 * payout lands exactly once (the hub's batch nonce one higher, one {@code BatchProcessed}, the recipient paid once).
 * And stopped with SIGTERM: it closes cleanly, and a restart resumes from the mirror's checkpoint.
 */
class DaemonCrashIT {
  private static final Logger log = LoggerFactory.getLogger(DaemonCrashIT.class);
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final int SIGKILL_STATUS = 137;
  private static final int SIGTERM_STATUS = 143;
  private static final List<String> outcomes = new CopyOnWriteArrayList<>();


  @RegisterExtension static final SharedChain shared = new SharedChain(c -> c.fundHubReserve("TUSD", 10_000));

  private static TestChain chain() {
    return shared.chain();
  }

  private static DeployedSuite.DeployedToken usd() {
    return shared.usd();
  }

  @TempDir Path dir;

  @AfterAll
  static void report() {
    log.info("daemon crash scenarios: {}: {}", outcomes.size(), outcomes);
  }

  private Path data() {
    return dir.resolve("data");
  }

  private Path config() {
    return DaemonFixture.writeConfig(dir.resolve("hubd.yml"), DaemonFixture.settings(chain(), data(), Map.of()));
  }

  private DaemonProcess launch(String name, Map<String, String> extraEnvironment) {
    Map<String, String> env = new java.util.HashMap<>(extraEnvironment);
    env.put("HUBD_HUB_PRIVATE_KEY", DaemonFixture.hubPrivateKey(chain()));
    return DaemonProcess.launch(config(), env, dir.resolve(name + ".log"));
  }

  private <T> T readStore(Function<Store, T> read) {
    try (Store store = TestDatabases.openReadOnly(data())) {
      return read.apply(store);
    }
  }

  private long hubBatchesSince(long fromBlock) {
    return chain().chain().logs(chain().suite().depository(), fromBlock, chain().local().client().blockNumber(),
            List.of(DepositoryEvents.BATCH_PROCESSED)).stream()
        .filter(l -> l.topics().get(1).equalsIgnoreCase(chain().hub().hex()))
        .count();
  }

  @ParameterizedTest
  @EnumSource(Stage.class)
  void killedAtAPipelineStageThenRestartedPaysTheJobExactlyOnce(Stage stage) {
    String recipient = String.format("0x%040x", 0xfeed00 + stage.ordinal());
    BigInteger amount = usd().units(7);
    long jobId;
    try (Store store = TestDatabases.open(data())) { // work waiting for the daemon, as an accepted faucet request leaves it
      jobId = new JobStore(store).acceptFaucet(EntityId.ofAddress(recipient), Optional.of(recipient),
          usd().tokenId(), amount, Instant.now()).id();
    }
    DepositoryDriver driver = chain().driver();
    BigInteger nonceBefore = driver.batchNonce(chain().hub());
    long fromBlock = chain().local().client().blockNumber() + 1;

    try (DaemonProcess doomed = launch("killed", Map.of(CrashAtStage.ENV, stage.name()))) {
      assertThat(doomed.awaitExit(PATIENCE)).as(doomed::output).isEqualTo(SIGKILL_STATUS);
      assertThat(doomed.output()).contains("halting at stage " + stage);
    }
    try (DaemonProcess restarted = launch("restarted", Map.of())) {
      await().atMost(PATIENCE).until(() -> {
        assertThat(restarted.isAlive()).as(restarted::output).isTrue();
        return readStore(s -> new JobStore(s).job(jobId)).map(Job::state).orElseThrow() == JobState.CONFIRMED;
      });
      assertThat(restarted.terminate(PATIENCE)).isEqualTo(SIGTERM_STATUS);
    }

    assertThat(driver.batchNonce(chain().hub())).isEqualTo(nonceBefore.add(BigInteger.ONE));
    assertThat(hubBatchesSince(fromBlock)).isEqualTo(1);
    assertThat(driver.walletBalance(usd(), recipient)).isEqualTo(amount);
    List<IntentStatus> open = readStore(s -> new JournalView(s).open());
    assertThat(open).isEmpty();
    outcomes.add("killed at " + stage + ": paid once");
  }

  @Test
  void killedWithAPolicyBatchBroadcastButNotMinedFundsTheAccountOnceAfterTheRestart() {
    EntityId user = EntityId.ofAddress(String.format("0x%040x", 0xc0de01));
    BigInteger owed = usd().units(150);
    try (Store store = TestDatabases.open(data())) { // the hub runtime reported the debt before the daemon started
      new PositionStore(store).apply(1, List.of(new Position(user, usd().tokenId(),
          chain().hub().isLeftOf(user) ? owed.negate() : owed, Optional.empty())), Instant.now());
    }
    chain().local().control().setAutomine(false); // the batch waits in the mempool
    try {
      try (DaemonProcess doomed = launch("killed", Map.of())) {
        await().atMost(PATIENCE).ignoreException(StoreException.class).until(() -> {
          assertThat(doomed.isAlive()).as(doomed::output).isTrue();
          return readStore(s -> new JournalView(s).open()).stream()
              .anyMatch(i -> i.state() == io.hubd.daemon.submit.IntentState.SENT);
        });
        assertThat(doomed.kill(PATIENCE)).isEqualTo(SIGKILL_STATUS);
      }
      assertThat(chain().local().control().pendingTransactionCount()).isEqualTo(1);
      try (DaemonProcess restarted = launch("restarted", Map.of())) {
        await().atMost(PATIENCE).until(() -> restarted.output().contains("journal settled against the chain"));
        // for two seconds (twenty rebalance ticks) the restarted daemon could plan the account again: it must not
        await().during(Duration.ofSeconds(2)).atMost(PATIENCE).until(
            () -> restarted.isAlive() && chain().local().control().pendingTransactionCount() == 1);
        chain().local().control().setAutomine(true);
        chain().local().control().mine();
        await().atMost(PATIENCE).until(() -> readStore(s -> new JournalView(s).open()).isEmpty()
            && collateral(user).compareTo(owed) >= 0);
        assertThat(restarted.terminate(PATIENCE)).isEqualTo(SIGTERM_STATUS);
      }
    } finally {
      chain().local().control().setAutomine(true);
    }
    assertThat(collateral(user)).isEqualTo(owed);
    outcomes.add("killed with a policy batch in the mempool: funded once");
  }

  private BigInteger collateral(EntityId user) {
    return chain().driver().account(chain().hub(), user, usd().tokenId()).collateral();
  }

  @Test
  void sigtermStopsTheDaemonCleanlyAndARestartResumesFromTheMirrorCheckpoint() {
    Checkpoint stoppedAt;
    try (DaemonProcess daemon = launch("first", Map.of())) {
      awaitRunning(daemon);
      assertThat(daemon.terminate(PATIENCE)).isEqualTo(SIGTERM_STATUS);
      assertThat(daemon.output()).contains("hubd stopped").doesNotContain("ERROR");
      stoppedAt = readStore(s -> Mirror.viewOf(s, chain().hub()).checkpoint()).orElseThrow();
    }
    chain().fundHubReserve("TUSD", 5); // the hub's reserve moves while the daemon is down

    try (DaemonProcess daemon = launch("second", Map.of())) {
      awaitRunning(daemon);
      assertThat(daemon.output())
          .contains("mirror resumes after block " + stoppedAt.number() + " (" + stoppedAt.hash() + ")")
          .doesNotContain("starts after block");
      assertThat(daemon.terminate(PATIENCE)).isEqualTo(SIGTERM_STATUS);
      assertThat(daemon.output()).contains("hubd stopped");
    }
    outcomes.add("SIGTERM: clean stop, restart resumed after block " + stoppedAt.number());
  }

  /** Waits until the daemon has started and its mirror shows the hub's reserve as the chain does. */
  private void awaitRunning(DaemonProcess daemon) {
    BigInteger onChain = chain().driver().reserve(chain().hub(), usd().tokenId());
    await().atMost(PATIENCE).ignoreException(StoreException.class).until(() -> { // until the schema exists
      assertThat(daemon.isAlive()).as(daemon::output).isTrue();
      return daemon.output().contains("hubd running")
          && readStore(s -> Mirror.viewOf(s, chain().hub()).reserve(usd().tokenId())).equals(onChain);
    });
  }
}
