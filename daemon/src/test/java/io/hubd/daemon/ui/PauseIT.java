package io.hubd.daemon.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hubd.chainsim.DepositoryDriver;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.app.HubdRuntime;
import io.hubd.daemon.testkit.DaemonFixture;
import io.hubd.daemon.testkit.OpsClient;
import io.hubd.daemon.testkit.SharedChain;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator console of a whole daemon on a real chain: a paused token is not planned for, its explanation says
 * so, and resuming funds the account; both actions audited.
 */
class PauseIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @RegisterExtension static final SharedChain shared = new SharedChain(c -> c.fundHubReserve("TUSD", 1_000));

  @TempDir Path dir;

  @Test
  void aPausedTokenIsNotPlannedForItsExplanationSaysWhyAndResumingFundsIt() {
    DepositoryDriver driver = new DepositoryDriver(shared.chain().local().client(), shared.chain().suite());
    try (HubdRuntime daemon = DaemonFixture.start(shared.chain(), dir, Map.of())) {
      OpsClient ops = new OpsClient(daemon.httpPort());
      await().atMost(PATIENCE).until(() -> ops.get("/ready").statusCode() == 200);
      assertThat(ops.operatorPost("/v1/admin/tokens/1/pause", null).statusCode()).isEqualTo(200);
      assertThat(ops.operatorPost("/v1/admin/tokens/1/pause", null).statusCode()).as("paused twice").isEqualTo(409);

      EntityId user = EntityId.of("0x" + "00".repeat(12) + "00000000000000000000000000000000000c0ffe");
      String offdelta = (daemon.hub().isLeftOf(user) ? "-" : "") + "300000000"; // owed 300 TUSD, soft limit 100
      HttpResponse<String> report = ops.operatorPost("/v1/positions", "{\"version\": 1, \"positions\": [{"
          + "\"counterparty\": \"" + user.hex() + "\", \"tokenId\": 1, \"offdelta\": \"" + offdelta + "\"}]}");
      assertThat(report.statusCode()).as(report.body()).isEqualTo(200);

      JsonNode paused = explain(ops, user);
      assertThat(codes(paused)).contains("TOKEN_PAUSED");
      assertThat(paused.path("account").path("userExposure").asText()).isEqualTo("300000000");
      long ticks = paused.path("decisions").size();
      assertThat(driver.account(daemon.hub(), user, 1).collateral()).isZero();

      assertThat(ops.operatorPost("/v1/admin/tokens/1/resume", null).statusCode()).isEqualTo(200);
      await().atMost(PATIENCE).until(() -> driver.account(daemon.hub(), user, 1).collateral().signum() > 0);
      await().atMost(PATIENCE).untilAsserted(() -> assertThat(codes(explain(ops, user))).contains("NO_EXPOSURE"));
      assertThat(ticks).as("decisions recorded while paused").isZero();
      JsonNode audit = ops.operatorGet("/v1/admin/audit").path("entries");
      assertThat(audit.findValuesAsText("action")).containsExactly("RESUME_TOKEN", "PAUSE_TOKEN");
      assertThat(audit.get(0).path("actor").asText()).isEqualTo("ci-operator via bearer");
    }
  }

  private static JsonNode explain(OpsClient ops, EntityId user) {
    return ops.operatorGet("/v1/explain?counterparty=" + user.hex() + "&token=1");
  }

  private static List<String> codes(JsonNode explanation) {
    return explanation.path("reasons").findValuesAsText("code");
  }
}
