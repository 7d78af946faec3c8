package io.hubd.daemon.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hubd.chainsim.DepositoryDriver;
import io.hubd.daemon.app.HubdRuntime;
import io.hubd.daemon.jobs.Job;
import io.hubd.daemon.jobs.JobState;
import io.hubd.daemon.testkit.DaemonFixture;
import io.hubd.daemon.testkit.OpsClient;
import io.hubd.daemon.testkit.SharedChain;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator console of a whole daemon on a real chain: a sweep of reserve above target lands exactly once, a
 * second is refused, and it is audited.
 */
class SweepIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final SharedChain shared = new SharedChain(c -> c.fundHubReserve("TUSD", 1_000));

  @TempDir Path dir;

  @Test
  void aSweepLandsExactlyOnceAndASecondFindsNothingAboveTarget() throws Exception {
    DepositoryDriver driver = new DepositoryDriver(shared.chain().local().client(), shared.chain().suite());
    String wallet = shared.chain().hubKey().getAddress();
    try (HubdRuntime daemon = DaemonFixture.start(shared.chain(), dir,
        Map.of("tokens.1.targetReserve", "400000000", "tokens.1.minReserve", "100000000"))) {
      OpsClient ops = new OpsClient(daemon.httpPort());
      await().atMost(PATIENCE).until(() -> ops.get("/ready").statusCode() == 200);
      BigInteger reserve = driver.reserve(daemon.hub(), 1);
      BigInteger walletBefore = driver.walletBalance(shared.usd(), wallet);
      assertThat(reserve).isGreaterThan(BigInteger.valueOf(400_000_000));

      HttpResponse<String> sweep = ops.operatorPost("/v1/admin/tokens/1/sweep", "{\"to\": \"wallet\"}");
      assertThat(sweep.statusCode()).as(sweep.body()).isEqualTo(202);
      long jobId = JSON.readTree(sweep.body()).path("jobId").asLong();
      assertThat(ops.operatorPost("/v1/admin/tokens/1/sweep", "{\"to\": \"wallet\"}").statusCode())
          .as("a second sweep while the first waits").isEqualTo(409);
      await().atMost(PATIENCE).until(() -> daemon.services().jobs().job(jobId).map(Job::state)
          .orElseThrow() == JobState.CONFIRMED);

      BigInteger swept = reserve.subtract(BigInteger.valueOf(400_000_000));
      assertThat(driver.reserve(daemon.hub(), 1)).isEqualTo(BigInteger.valueOf(400_000_000));
      assertThat(driver.walletBalance(shared.usd(), wallet)).isEqualTo(walletBefore.add(swept));
      HttpResponse<String> again = ops.operatorPost("/v1/admin/tokens/1/sweep", "{\"to\": \"wallet\"}");
      assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
      assertThat(ops.operatorPost("/v1/admin/tokens/1/sweep", "{\"to\": \"cold\"}").statusCode())
          .as("no cold address configured").isEqualTo(403);
      JsonNode audit = ops.operatorGet("/v1/admin/audit").path("entries");
      assertThat(audit.findValuesAsText("action")).containsExactly("SWEEP");
    }
  }
}
