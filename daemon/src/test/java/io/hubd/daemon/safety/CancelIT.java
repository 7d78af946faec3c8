package io.hubd.daemon.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hubd.daemon.app.HubdRuntime;
import io.hubd.daemon.app.Main;
import io.hubd.daemon.jobs.Job;
import io.hubd.daemon.jobs.JobKind;
import io.hubd.daemon.jobs.JobState;
import io.hubd.daemon.submit.IntentState;
import io.hubd.daemon.submit.IntentStatus;
import io.hubd.daemon.testkit.DaemonFixture;
import io.hubd.daemon.testkit.ExactlyOnceAudit;
import io.hubd.daemon.testkit.HubWork;
import io.hubd.daemon.testkit.SharedChain;
import io.hubd.daemon.testkit.TestChain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hubd tx cancel} on a batch stuck in the mempool: a zero-value transfer takes its nonce, the batch never
 * lands, its payout returns to the queue without counting a failure and goes out in the next batch, exactly once.
 */
class CancelIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @RegisterExtension static final SharedChain shared = new SharedChain(c -> c.fundHubReserve("TUSD", 1_000));

  @TempDir Path dir;

  private static TestChain chain() {
    return shared.chain();
  }

  @Test
  void aCancelledBatchNeverLandsAndItsWorkGoesOutOnceInTheNextBatch() {
    HubWork work = new HubWork(chain(), shared.usd(), 0xca4ce1);
    BigInteger batchNonceBefore = chain().driver().batchNonce(chain().hub());
    chain().local().control().setAutomine(false);
    try (HubdRuntime daemon = DaemonFixture.start(chain(), dir.resolve("data"), Map.of())) {
      await().atMost(PATIENCE).until(() -> daemon.mirror().view().isCaughtUp());
      work.payouts(daemon.services(), 1, 5);
      Job job = daemon.services().jobs().open(JobKind.FAUCET).get(0);
      await().atMost(PATIENCE).until(() -> daemon.pipeline().openIntents().stream()
          .anyMatch(i -> i.state() == IntentState.SENT));
      long stuck = daemon.pipeline().openIntents().get(0).id();

      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      assertThat(Main.execute(new PrintWriter(out), new PrintWriter(err), "tx", "cancel", "--config",
          config(daemon).toString())).as(err::toString).isZero();
      assertThat(out.toString()).contains("cancel of intent " + stuck + " requested");
      await().atMost(PATIENCE).until(() -> daemon.pipeline().status(stuck).orElseThrow().attempts() == 2);

      chain().local().control().setAutomine(true);
      chain().local().control().mine();
      await().atMost(PATIENCE).until(() -> work.done()
          && daemon.services().jobs().job(job.id()).orElseThrow().state() == JobState.CONFIRMED);

      IntentStatus cancelled = daemon.pipeline().status(stuck).orElseThrow();
      assertThat(cancelled.state()).isEqualTo(IntentState.FAILED);
      assertThat(cancelled.reason()).hasValueSatisfying(r -> assertThat(r.name()).isEqualTo("Cancelled"));
      assertThat(daemon.services().jobs().job(job.id()).orElseThrow().failures()).isZero();
    } finally {
      chain().local().control().setAutomine(true);
    }
    assertThat(chain().driver().batchNonce(chain().hub())).isEqualTo(batchNonceBefore.add(BigInteger.ONE));
    ExactlyOnceAudit.Result audit =
        new ExactlyOnceAudit(chain()).audit(dir.resolve("data"), work.payouts(), List.of());
    assertThat(audit.problems()).isEmpty();
  }

  private Path config(HubdRuntime daemon) {
    Map<String, String> settings = new TreeMap<>(DaemonFixture.settings(chain(), dir.resolve("data"), Map.of()));
    settings.put("http.port", Integer.toString(daemon.httpPort()));
    settings.put("hub.privateKey", DaemonFixture.hubPrivateKey(chain()));
    return DaemonFixture.writeConfig(dir.resolve("cli.yml"), settings);
  }
}
