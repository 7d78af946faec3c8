package io.hubd.daemon.exactlyonce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hubd.contracts.Batch;
import io.hubd.daemon.app.HubdRuntime;
import io.hubd.daemon.app.Main;
import io.hubd.daemon.jobs.Job;
import io.hubd.daemon.jobs.JobState;
import io.hubd.daemon.testkit.DaemonFixture;
import io.hubd.daemon.testkit.DaemonProcess;
import io.hubd.daemon.testkit.ExactlyOnceAudit;
import io.hubd.daemon.testkit.HubWork;
import io.hubd.daemon.testkit.OpsClient;
import io.hubd.daemon.testkit.SharedChain;
import io.hubd.daemon.testkit.TestChain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One hub key, one writer: a second {@code hubd run} on the same data directory exits at once, and a batch that
 * another process signs with the hub key stops submission until the operator resumes it, with {@code /ready} and
 * the metrics saying why.
 */
class OneWriterIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @RegisterExtension static final SharedChain shared = new SharedChain(c -> c.fundHubReserve("TUSD", 10_000));

  @TempDir Path dir;

  private static TestChain chain() {
    return shared.chain();
  }

  private Map<String, String> settings() {
    return DaemonFixture.settings(chain(), dir.resolve("data"), Map.of());
  }

  @Test
  void aSecondDaemonOnTheSameDataDirectoryExitsAtOnceNamingTheFirst() {
    Path config = DaemonFixture.writeConfig(dir.resolve("hubd.yml"), settings());
    Map<String, String> env = Map.of("HUBD_HUB_PRIVATE_KEY", DaemonFixture.hubPrivateKey(chain()));
    try (DaemonProcess first = DaemonProcess.launch(config, env, dir.resolve("first.log"))) {
      await().atMost(PATIENCE).until(() -> first.output().contains("hubd running"));
      try (DaemonProcess second = DaemonProcess.launch(config, env, dir.resolve("second.log"))) {
        assertThat(second.awaitExit(PATIENCE)).isEqualTo(Main.EXIT_STORE);
        assertThat(second.output()).contains("another hubd (pid " + first.pid() + ") is running with data directory");
      }
      assertThat(first.isAlive()).isTrue();
    }
  }

  @Test
  void aBatchAnotherProcessSignsWithTheHubKeyStopsSubmissionUntilTheOperatorResumes() {
    HubWork work = new HubWork(chain(), shared.usd(), 0x0e0e);
    HubdRuntime daemon = DaemonFixture.start(chain(), dir.resolve("data"), Map.of());
    Job waiting;
    try {
      await().atMost(PATIENCE).until(() -> daemon.mirror().view().isCaughtUp());
      chain().driver().submit(chain().hubKey(), Batch.builder().reserveToReserve( // someone else, with the hub key
          new Batch.ReserveToReserve(donorId(), shared.usd().tokenId(), shared.usd().units(1))).build());
      OpsClient ops = new OpsClient(daemon.httpPort());
      await().atMost(PATIENCE).until(() -> ops.get("/ready").statusCode() == 503);
      assertThat(ops.get("/ready").body()).contains("submission").contains("hubd resume");
      String metrics = ops.scrape();
      assertThat(OpsClient.sample(metrics, "hubd_submit_halted")).hasValue(1);
      assertThat(OpsClient.sample(metrics, "hubd_submit_foreign_total", "kind=\"foreign_batch\"")).hasValue(1);

      work.payouts(daemon.services(), 1, 5);
      waiting = daemon.services().jobs().open(io.hubd.daemon.jobs.JobKind.FAUCET).get(0);
      await().during(Duration.ofSeconds(2)).atMost(PATIENCE).until(() -> daemon.pipeline().inFlight() <= 1
          && chain().driver().walletBalance(shared.usd(), work.payouts().get(0).wallet()).signum() == 0);
    } finally {
      daemon.close();
    }

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Map<String, String> withKey = new java.util.TreeMap<>(settings()); // the operator's file names the key
    withKey.put("hub.privateKey", DaemonFixture.hubPrivateKey(chain()));
    int status = Main.execute(new PrintWriter(out), new PrintWriter(err), "resume", "--config",
        DaemonFixture.writeConfig(dir.resolve("resume.yml"), withKey).toString());
    assertThat(status).as(err::toString).isZero();
    assertThat(out.toString()).contains("lifted: FOREIGN_BATCH");

    try (HubdRuntime resumed = DaemonFixture.start(chain(), dir.resolve("data"), Map.of())) {
      await().atMost(PATIENCE).until(() -> resumed.services().jobs().job(waiting.id()).orElseThrow().state()
          == JobState.CONFIRMED && work.done());
    }
    ExactlyOnceAudit.Result result =
        new ExactlyOnceAudit(chain()).audit(dir.resolve("data"), work.payouts(), work.owed());
    assertThat(result.foreignBatches()).isEqualTo(1);
    assertThat(result.doubleExecutions()).isZero();
    assertThat(result.lost()).isZero();
  }

  private static io.hubd.contracts.EntityId donorId() {
    return io.hubd.contracts.EntityId.ofAddress(shared.donor().getAddress());
  }
}
