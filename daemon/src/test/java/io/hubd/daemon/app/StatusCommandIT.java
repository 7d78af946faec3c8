package io.hubd.daemon.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hubd.chainsim.DeployedSuite;
import io.hubd.chainsim.DepositoryDriver;
import io.hubd.contracts.Batch;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.jobs.Job;
import io.hubd.daemon.jobs.JobState;
import io.hubd.daemon.mirror.Checkpoint;
import io.hubd.daemon.submit.IntentState;
import io.hubd.daemon.submit.IntentStatus;
import io.hubd.daemon.testkit.DaemonFixture;
import io.hubd.daemon.testkit.SharedChain;
import io.hubd.daemon.testkit.TestChain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hubd status} run in-process beside the real daemon: its figures are the chain's (checkpoint, head, reserve,
 * accounts) and the daemon's (open jobs, the transaction in flight), read from the database opened read-only.
 */
class StatusCommandIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @RegisterExtension static final SharedChain shared = new SharedChain(StatusCommandIT::hubWithThreeAccounts);

  @TempDir Path dir;

  /** A thousand TUSD in the hub's reserve, of which 10, 20 and 30 locked with three users. */
  private static void hubWithThreeAccounts(TestChain chain) {
    DeployedSuite.DeployedToken usd = chain.suite().token("TUSD");
    chain.fundHubReserve("TUSD", 1_000);
    List<Batch.R2CPair> pairs = List.of(
        new Batch.R2CPair(EntityId.ofAddress(chain.local().account(4).getAddress()), usd.units(10)),
        new Batch.R2CPair(EntityId.ofAddress(chain.local().account(5).getAddress()), usd.units(20)),
        new Batch.R2CPair(EntityId.ofAddress(chain.local().account(6).getAddress()), usd.units(30)));
    chain.driver().submit(chain.hubKey(), Batch.builder()
        .reserveToCollateral(new Batch.ReserveToCollateral(usd.tokenId(), pairs)).build());
  }

  private static TestChain chain() {
    return shared.chain();
  }

  private static DeployedSuite.DeployedToken usd() {
    return shared.usd();
  }

  private record Run(int exitCode, List<String> out, List<String> err) {
    /** The values of the lines labelled {@code label}. */
    List<String> values(String label) {
      return out.stream().filter(l -> l.startsWith(label + " ") && l.length() > 12).map(l -> l.substring(12))
          .toList();
    }

    String value(String label) {
      assertThat(values(label)).as("lines labelled %s in %s", label, out).hasSize(1);
      return values(label).get(0);
    }
  }

  private Run status(String... extra) {
    Map<String, String> settings = new HashMap<>(DaemonFixture.settings(chain(), dir.resolve("data"), Map.of()));
    settings.put("hub.privateKey", DaemonFixture.hubPrivateKey(chain()));
    Path config = DaemonFixture.writeConfig(dir.resolve("hubd.yml"), settings);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> args = new java.util.ArrayList<>(List.of("status", "--config", config.toString()));
    args.addAll(List.of(extra));
    int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
    return new Run(code, out.toString().lines().toList(), err.toString().lines().filter(l -> !l.isBlank()).toList());
  }

  @Test
  void printsTheChainsFiguresAndTheTransactionInFlight() {
    DepositoryDriver driver = chain().driver();
    String recipient = chain().local().account(7).getAddress();
    try (HubdRuntime daemon = DaemonFixture.start(chain(), dir.resolve("data"), Map.of())) {
      await().atMost(PATIENCE).until(() -> daemon.mirror().view().isCaughtUp());
      chain().local().control().setAutomine(false); // the payout's transaction waits in the mempool
      Job payout = daemon.services().faucet().request(recipient, usd().tokenId(), usd().units(3), true);
      await().atMost(PATIENCE).until(() ->
          daemon.services().jobs().job(payout.id()).orElseThrow().state() == JobState.SUBMITTED);
      IntentStatus inFlight =
          daemon.pipeline().status(daemon.services().jobs().job(payout.id()).orElseThrow().intentId().orElseThrow())
              .orElseThrow();
      assertThat(inFlight.state()).isEqualTo(IntentState.SENT);

      Run pending = status();

      assertThat(pending.exitCode()).isZero();
      assertThat(pending.value("open jobs")).isEqualTo("ACCEPTED 0, PLANNED 0, SUBMITTED 1");
      assertThat(pending.value("pending")).isEqualTo("intent " + inFlight.id() + " purpose=rebalance state=SENT"
          + " tx=" + inFlight.latestAttemptHash().orElseThrow() + " attempts=1"
          + " batchNonce=" + inFlight.batchNonce().orElseThrow());

      chain().local().control().setAutomine(true);
      chain().local().control().mine();
      await().atMost(PATIENCE).until(() ->
          daemon.services().jobs().job(payout.id()).orElseThrow().state() == JobState.CONFIRMED);
      Checkpoint checkpoint = daemon.mirror().view().checkpoint().orElseThrow();
      long head = chain().local().client().blockNumber();
      assertThat(checkpoint.number()).isEqualTo(head);

      Run done = status();

      BigInteger reserve = driver.reserve(chain().hub(), usd().tokenId());
      assertThat(reserve).isEqualTo(usd().units(1_000 - 60 - 3));
      assertThat(done.exitCode()).isZero();
      assertThat(done.value("hub")).isEqualTo(chain().hubKey().getAddress().toLowerCase());
      assertThat(done.value("checkpoint")).isEqualTo("block " + head + " " + checkpoint.hash());
      assertThat(done.value("chain head")).isEqualTo(Long.toString(head));
      assertThat(done.value("lag")).startsWith("0 blocks");
      assertThat(done.values("reserve")).containsExactly(
          "token 1 TUSD " + reserve + " base units (" + Amounts.whole(reserve, usd().decimals()) + " TUSD)",
          "token 2 TETH 0 base units (0 TETH)");
      assertThat(done.values("accounts")).containsExactly("3 (3 counterparties)", "token 1 TUSD 3");
      assertThat(done.value("open jobs")).isEqualTo("ACCEPTED 0, PLANNED 0, SUBMITTED 0");
      assertThat(done.value("pending")).isEqualTo("none");
    }
  }

  @Test
  void offlineReadsOnlyTheDatabase() {
    try (HubdRuntime daemon = DaemonFixture.start(chain(), dir.resolve("data"), Map.of())) {
      await().atMost(PATIENCE).until(() -> daemon.mirror().view().isCaughtUp());
      BigInteger reserve = chain().driver().reserve(chain().hub(), usd().tokenId());

      Run run = status("--offline");

      assertThat(run.exitCode()).isZero();
      assertThat(run.value("chain head")).isEqualTo("not asked (offline)");
      assertThat(run.values("lag")).isEmpty();
      assertThat(run.values("reserve")).contains("token 1 TUSD " + reserve + " base units");
    }
  }

  @Test
  void failsWithOneLineWhenTheDataDirectoryHasNoDatabase() {
    Run run = status();

    assertThat(run.exitCode()).isEqualTo(Main.EXIT_STORE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).singleElement().asString()
        .startsWith("store error: no hubd database in " + dir.resolve("data"));
  }
}
