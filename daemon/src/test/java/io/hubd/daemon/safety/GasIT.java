package io.hubd.daemon.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hubd.daemon.app.HubdRuntime;
import io.hubd.daemon.jobs.Job;
import io.hubd.daemon.jobs.JobKind;
import io.hubd.daemon.jobs.JobState;
import io.hubd.daemon.submit.IntentState;
import io.hubd.daemon.testkit.DaemonFixture;
import io.hubd.daemon.testkit.ExactlyOnceAudit;
import io.hubd.daemon.testkit.HubWork;
import io.hubd.daemon.testkit.OpsClient;
import io.hubd.daemon.testkit.SharedChain;
import io.hubd.daemon.testkit.TestChain;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gas on a real chain: a hub key that cannot pay for its batch is reported (gauges, {@code /ready} detail) and the
 * batch is not sent again until the balance rises, then lands once; a batch that waits at the fee cap past
 * {@code submit.stuckAfter} is reported stuck, and clears when it is mined.
 */
class GasIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final BigInteger ETHER = BigInteger.TEN.pow(18);

  @RegisterExtension static final SharedChain shared = new SharedChain(c -> c.fundHubReserve("TUSD", 1_000));

  @TempDir Path dir;

  private static TestChain chain() {
    return shared.chain();
  }

  @Test
  void aKeyShortOfGasIsReportedItsBatchWaitsForTheBalanceToRiseThenLandsOnce() {
    HubWork work = new HubWork(chain(), shared.usd(), 0x9a5);
    String hub = chain().hubKey().getAddress();
    BigInteger before = chain().local().client().etherBalance(hub);
    try (HubdRuntime daemon = DaemonFixture.start(chain(), dir.resolve("data"),
        Map.of("submit.minGasBalance", ETHER.toString()))) {
      OpsClient ops = new OpsClient(daemon.httpPort());
      await().atMost(PATIENCE).until(() -> daemon.mirror().view().isCaughtUp());
      chain().local().control().setBalance(hub, BigInteger.valueOf(1_000)); // not enough for any batch
      work.payouts(daemon.services(), 1, 5);
      Job job = daemon.services().jobs().open(JobKind.FAUCET).get(0);

      await().atMost(PATIENCE).until(() -> gauge(ops, "hubd_submit_short_of_gas") == 1.0);
      await().atMost(PATIENCE).until(() -> gauge(ops, "hubd_hub_gas_low") == 1.0);
      assertThat(ops.get("/ready").body()).contains("\"gas\"");
      long intent = daemon.pipeline().openIntents().get(0).id();
      int attempts = daemon.pipeline().status(intent).orElseThrow().attempts();
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
          daemon.pipeline().status(intent).orElseThrow().attempts() == attempts
              && daemon.pipeline().status(intent).orElseThrow().state() != IntentState.CONFIRMED);

      chain().local().control().setBalance(hub, before);
      await().atMost(PATIENCE).until(() ->
          daemon.services().jobs().job(job.id()).orElseThrow().state() == JobState.CONFIRMED);
      await().atMost(PATIENCE).until(() -> gauge(ops, "hubd_submit_short_of_gas") == 0.0
          && gauge(ops, "hubd_hub_gas_low") == 0.0);
    } finally {
      chain().local().control().setBalance(hub, before);
    }
    assertThat(new ExactlyOnceAudit(chain()).audit(dir.resolve("data"), work.payouts(), List.of()).problems())
        .isEmpty();
  }

  @Test
  void aBatchWaitingAtTheFeeCapPastStuckAfterIsReportedStuckUntilItIsMined() {
    HubWork work = new HubWork(chain(), shared.usd(), 0x57c);
    BigInteger cap = BigInteger.valueOf(3_000_000_000L);
    try (HubdRuntime daemon = DaemonFixture.start(chain(), dir.resolve("data"), Map.of(
        "submit.maxFeePerGasCap", cap.toString(), "submit.stuckAfter", "2s"))) {
      OpsClient ops = new OpsClient(daemon.httpPort());
      await().atMost(PATIENCE).until(() -> daemon.mirror().view().isCaughtUp());
      chain().local().control().setAutomine(false);
      work.payouts(daemon.services(), 1, 5);

      await().atMost(PATIENCE).until(() -> { // blocks go by, each too dear for a batch at the cap
        chain().local().control().setNextBlockBaseFee(cap.multiply(BigInteger.TEN));
        chain().local().control().mine();
        return gauge(ops, "hubd_submit_stuck") == 1.0;
      });
      assertThat(daemon.pipeline().openIntents()).isNotEmpty();

      chain().local().control().setNextBlockBaseFee(BigInteger.valueOf(1_000_000_000L));
      chain().local().control().setAutomine(true);
      chain().local().control().mine();
      await().atMost(PATIENCE).until(() -> work.done() && daemon.pipeline().openIntents().isEmpty());
      await().atMost(PATIENCE).until(() -> gauge(ops, "hubd_submit_stuck") == 0.0);
    } finally {
      chain().local().control().setAutomine(true);
    }
    assertThat(new ExactlyOnceAudit(chain()).audit(dir.resolve("data"), work.payouts(), List.of()).problems())
        .isEmpty();
  }

  private static double gauge(OpsClient ops, String name) {
    OptionalDouble value = OpsClient.sample(ops.scrape(), name);
    return value.orElse(Double.NaN);
  }
}
