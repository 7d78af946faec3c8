package io.hubd.daemon.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hubd.daemon.app.Main;
import io.hubd.daemon.testkit.DaemonFixture;
import io.hubd.daemon.testkit.DaemonProcess;
import io.hubd.daemon.testkit.HaPair;
import io.hubd.daemon.testkit.OpsClient;
import io.hubd.daemon.testkit.SharedChain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an HA pair tells its operators and clients: the standby refuses API calls with 503 and the active's address,
 * {@code /ready} and the metrics show each instance's role, the lease holder and epoch, {@code hubd status} prints
 * the lease; a clean stop of the active gives the lease up, so the standby takes over without waiting for it to run
 * out.
 */
class HaStatusIT {
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final ObjectMapper json = new ObjectMapper();

  @RegisterExtension static final SharedChain shared = new SharedChain(c -> c.fundHubReserve("TUSD", 1_000));

  @TempDir Path dir;

  @Test
  void theStandbyNamesTheActiveAndEveryInstanceShowsItsRole() throws Exception {
    try (HaPair pair = new HaPair(shared.chain(), dir, "ha_status", Map.of())) {
      DaemonProcess a = pair.start("a", Map.of());
      pair.awaitServing("a", PATIENCE);
      pair.start("b", Map.of());
      pair.awaitStandby("b", PATIENCE);
      OpsClient active = new OpsClient(pair.port("a").orElseThrow());
      OpsClient standby = new OpsClient(pair.port("b").orElseThrow());
      String activeAddress = "http://127.0.0.1:" + pair.port("a").orElseThrow();

      HttpResponse<String> refused = standby.get("/v1/hub");
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
      JsonNode error = json.readTree(refused.body());
      assertThat(error.path("code").asText()).isEqualTo("NOT_READY");
      assertThat(error.path("details").path("role").asText()).isEqualTo("standby");
      assertThat(error.path("details").path("active").asText()).isEqualTo(activeAddress);

      JsonNode standbyReady = json.readTree(standby.get("/ready").body());
      assertThat(standbyReady.path("ready").asBoolean()).isFalse();
      assertThat(standbyReady.path("details").path("ha").path("role").asText()).isEqualTo("standby");
      assertThat(standbyReady.path("details").path("ha").path("holder").asText()).isEqualTo("a");
      assertThat(standbyReady.path("details").path("ha").path("epoch").asLong()).isEqualTo(1);
      await().atMost(PATIENCE).until(() -> active.get("/ready").statusCode() == 200);
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
    }
  }
}
