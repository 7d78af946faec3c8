package io.hubd.daemon.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hubd.chainsim.DeployedSuite;
import io.hubd.chainsim.sim.HubdClient;
import io.hubd.daemon.app.Main;
import io.hubd.daemon.testkit.DaemonFixture;
import io.hubd.daemon.testkit.DaemonProcess;
import io.hubd.daemon.testkit.HaPair;
import io.hubd.daemon.testkit.OpsClient;
import io.hubd.daemon.testkit.SharedChain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an HA pair tells its operators and clients: the standby answers reads from the shared database and refuses
 * writes with 503 and the active's address, {@code /ready} and the metrics show each instance's role, the lease
 * holder and epoch, {@code hubd status} prints the lease; a clean stop of the active gives the lease up, so the
 * standby takes over without waiting for it to run out.
 */
class HaStatusIT {
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final ObjectMapper json = new ObjectMapper();
  private static final String TOKEN = "operator-token-for-tests";
  private static final String FRESH_WALLET = "0x00000000000000000000000000000000000f4e57";

  @RegisterExtension static final SharedChain shared = new SharedChain(c -> c.fundHubReserve("TUSD", 1_000));

  @TempDir Path dir;

  @Test
  void theStandbyAnswersReadsRefusesWritesNamingTheActiveAndEveryInstanceShowsItsRole() throws Exception {
    try (HaPair pair = new HaPair(shared.chain(), dir, "ha_status", Map.of())) {
      DaemonProcess a = pair.start("a", Map.of());
      pair.awaitServing("a", PATIENCE);
      pair.start("b", Map.of());
      pair.awaitStandby("b", PATIENCE);
      OpsClient active = new OpsClient(pair.port("a").orElseThrow());
      OpsClient standby = new OpsClient(pair.port("b").orElseThrow());
      String activeAddress = "http://127.0.0.1:" + pair.port("a").orElseThrow();

      await().atMost(PATIENCE).until(() -> active.get("/ready").statusCode() == 200);
      DeployedSuite.DeployedToken usd = shared.chain().suite().token("TUSD");
      HubdClient toActive = new HubdClient(activeAddress, TOKEN);
      HubdClient toStandby = new HubdClient("http://127.0.0.1:" + pair.port("b").orElseThrow(), TOKEN);
      HubdClient.Answer accepted = toActive.faucet(FRESH_WALLET, usd.tokenId(), usd.units(1));
      assertThat(accepted.status()).as(accepted::toString).isEqualTo(202);
      String jobId = accepted.body().path("jobId").asText();

      // reads: from the shared database, what the active accepted
      assertThat(toStandby.get("/v1/hub").body().path("hub").asText())
          .isEqualTo(toActive.get("/v1/hub").body().path("hub").asText());
      HubdClient.Answer job = toStandby.job(jobId);
      assertThat(job.status()).as(job::toString).isEqualTo(200);
      assertThat(job.body().path("id").asText()).isEqualTo(jobId);
      // writes: refused, naming the active
      HubdClient.Answer refused = toStandby.faucet(FRESH_WALLET, usd.tokenId(), usd.units(1));
      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.retryAfterSeconds()).isPositive();
      assertThat(refused.code()).isEqualTo("NOT_READY");
      assertThat(refused.body().path("details").path("role").asText()).isEqualTo("standby");
      assertThat(refused.body().path("details").path("active").asText()).isEqualTo(activeAddress);
      // the operator page is the active's: it shows the role and epoch; a standby refuses it, naming the active
      HubdClient.Answer cockpit = toActive.operatorGet("/v1/admin/cockpit");
      assertThat(cockpit.status()).as(cockpit::toString).isEqualTo(200);
      assertThat(cockpit.body().path("ha").path("role").asText()).isEqualTo("active");
      assertThat(cockpit.body().path("ha").path("epoch").asLong()).isEqualTo(1);
      HubdClient.Answer standbyCockpit = toStandby.operatorGet("/v1/admin/cockpit");
      assertThat(standbyCockpit.status()).as(standbyCockpit::toString).isEqualTo(503);
      assertThat(standbyCockpit.body().path("details").path("active").asText()).isEqualTo(activeAddress);
      toActive.close();

      JsonNode standbyReady = json.readTree(standby.get("/ready").body());
      assertThat(standbyReady.path("ready").asBoolean()).isFalse();
      assertThat(standbyReady.path("details").path("ha").path("role").asText()).isEqualTo("standby");
      assertThat(standbyReady.path("details").path("ha").path("holder").asText()).isEqualTo("a");
      assertThat(standbyReady.path("details").path("ha").path("epoch").asLong()).isEqualTo(1);
      JsonNode activeReady = json.readTree(active.get("/ready").body()).path("details").path("ha");
      assertThat(activeReady.path("role").asText()).isEqualTo("active");
      assertThat(activeReady.path("leaseAgeMs").asLong()).isLessThan(HaPair.LEASE.toMillis());
      assertThat(OpsClient.sample(active.scrape(), "hubd_ha_role")).hasValue(1.0);
      assertThat(OpsClient.sample(standby.scrape(), "hubd_ha_role")).hasValue(0.0);

      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), "status",
          "--config", pair.config("b").toString(), "--offline",
          "--set", "hub.privateKey=" + DaemonFixture.hubPrivateKey(shared.chain()));
      assertThat(code).as(err::toString).isZero();
      assertThat(out.toString()).contains("held by a (API at " + activeAddress + "), epoch 1")
          .contains("b is a standby").contains("takeovers");

      assertThat(a.terminate(PATIENCE)).isEqualTo(143); // SIGTERM: a clean stop gives the lease up
      long stoppedAt = System.currentTimeMillis();
      long epoch = pair.awaitServing("b", PATIENCE);
      assertThat(epoch).isEqualTo(2);
      assertThat(pair.servingAt(epoch).orElseThrow() - stoppedAt).isLessThan(HaPair.LEASE.toMillis());
      assertThat(OpsClient.sample(standby.scrape(), "hubd_ha_takeovers_total")).hasValue(1.0);
      assertThat(OpsClient.sample(standby.scrape(), "hubd_ha_role")).hasValue(1.0);
      await().atMost(PATIENCE).until(() -> toStandby.operatorGet("/v1/admin/cockpit").status() == 200);
      JsonNode tookOver = toStandby.operatorGet("/v1/admin/cockpit").body().path("ha");
      assertThat(tookOver.path("role").asText()).isEqualTo("active");
      assertThat(tookOver.path("epoch").asLong()).isEqualTo(2);
      toStandby.close();
    }
  }
}
