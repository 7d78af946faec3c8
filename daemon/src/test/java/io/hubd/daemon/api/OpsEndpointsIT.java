package io.hubd.daemon.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hubd.chainsim.DeployedSuite;
import io.hubd.contracts.Batch;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.RebalanceRequestAuthorization;
import io.hubd.daemon.app.HubdRuntime;
import io.hubd.daemon.jobs.Job;
import io.hubd.daemon.jobs.JobState;
import io.hubd.daemon.jobs.Position;
import io.hubd.daemon.rebalance.RequestDesk;
import io.hubd.daemon.testkit.DaemonFixture;
import io.hubd.daemon.testkit.OpsClient;
import io.hubd.daemon.testkit.SharedChain;
import io.hubd.daemon.testkit.TestChain;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/** {@code /health}, {@code /ready} and {@code /metrics} of the whole daemon running against a real chain. */
class OpsEndpointsIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final ObjectMapper json = new ObjectMapper();


  @RegisterExtension static final SharedChain shared = new SharedChain(c -> c.fundHubReserve("TUSD", 1_000));

  private static TestChain chain() {
    return shared.chain();
  }

  private static DeployedSuite.DeployedToken usd() {
    return shared.usd();
  }

  @TempDir Path dir;

  private static JsonNode body(HttpResponse<String> response) throws Exception {
    return json.readTree(response.body());
  }

  @Test
  void healthAnswersUp() throws Exception {
    try (HubdRuntime daemon = DaemonFixture.start(chain(), dir, Map.of())) {
      HttpResponse<String> health = new OpsClient(daemon.httpPort()).get("/health");

      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(body(health)).isEqualTo(json.readTree("{\"status\":\"UP\"}"));
    }
  }

  @Test
  void readyAnswers200WithTheCheckpointOnceTheMirrorHasCaughtUp() throws Exception {
    try (HubdRuntime daemon = DaemonFixture.start(chain(), dir, Map.of())) {
      OpsClient ops = new OpsClient(daemon.httpPort());

      await().atMost(PATIENCE).until(() -> ops.get("/ready").statusCode() == 200);

      JsonNode ready = body(ops.get("/ready"));
      assertThat(ready.path("ready").asBoolean()).isTrue();
      assertThat(ready.path("details").path("caughtUp").asBoolean()).isTrue();
      assertThat(ready.path("details").path("headLagBlocks").asLong()).isZero();
      assertThat(ready.path("details").path("checkpoint").asLong())
          .isEqualTo(chain().local().client().blockNumber());
    }
  }

  @Test
  void readyAnswers503WithTheLagWhileTheMirrorHasNotCaughtUp() throws Exception {
    // 500 confirmations on a chain of a few dozen blocks: nothing is confirmed yet, so the mirror cannot start
    try (HubdRuntime daemon = DaemonFixture.start(chain(), dir,
        Map.of("chain.confirmations", "500", "chain.reorgWindow", "1000"))) {
      OpsClient ops = new OpsClient(daemon.httpPort());
      long head = chain().local().client().blockNumber();
      await().atMost(PATIENCE).until(() -> daemon.mirror().view().headLagBlocks() > 0); // the mirror saw the head

      HttpResponse<String> response = ops.get("/ready");

      assertThat(response.statusCode()).isEqualTo(503);
      JsonNode ready = body(response);
      assertThat(ready.path("ready").asBoolean()).isFalse();
      assertThat(ready.path("details").path("caughtUp").asBoolean()).isFalse();
      assertThat(ready.path("details").path("headLagBlocks").asLong()).isEqualTo(head + 1);
      assertThat(ready.path("details").has("checkpoint")).isFalse();
    }
  }

  @Test
  void metricsExposeMirrorSubmitRpcJobAndLatencyMetersInPrometheusText() throws Exception {
    Credentials bobKey = chain().local().account(3);
    EntityId bob = EntityId.ofAddress(bobKey.getAddress());
    BigInteger five = usd().units(5);
    Batch.R2CPair lockOneUnit = new Batch.R2CPair(bob, BigInteger.ONE); // the hub and Bob have an account
    chain().driver().submit(chain().hubKey(), Batch.builder()
        .reserveToCollateral(new Batch.ReserveToCollateral(usd().tokenId(), List.of(lockOneUnit))).build());
    try (HubdRuntime daemon = DaemonFixture.start(chain(), dir, Map.of())) {
      OpsClient ops = new OpsClient(daemon.httpPort());
      Job served = requestCollateralForBob(daemon, bobKey, five);
      await().atMost(PATIENCE).until(() ->
          daemon.services().jobs().job(served.id()).orElseThrow().state() == JobState.CONFIRMED);
      String endpoint = "endpoint=\"http://127.0.0.1:" + URI.create(chain().local().rpcUrl()).getPort() + "\"";
      await().atMost(PATIENCE).until(() ->
          OpsClient.sample(ops.scrape(), "hubd_jobs", "state=\"CONFIRMED\"").orElse(0) == 1.0);

      HttpResponse<String> metrics = ops.get("/metrics");
      String scrape = metrics.body();

      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
          type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
      assertThat(OpsClient.sample(scrape, "hubd_mirror_head_lag_blocks")).hasValue(0.0);
      assertThat(OpsClient.sample(scrape, "hubd_mirror_events_applied_total").orElseThrow()).isPositive();
      assertThat(OpsClient.sample(scrape, "hubd_mirror_reorgs_total")).hasValue(0.0);
      assertThat(OpsClient.sample(scrape, "hubd_mirror_drift")).hasValue(0.0);
      assertThat(OpsClient.sample(scrape, "hubd_submit_attempts_total")).hasValue(1.0);
      assertThat(OpsClient.sample(scrape, "hubd_submit_bumps_total")).hasValue(0.0);
      assertThat(OpsClient.sample(scrape, "hubd_rpc_errors_total", endpoint)).hasValue(0.0);
      assertThat(OpsClient.sample(scrape, "hubd_jobs", "state=\"ACCEPTED\"")).hasValue(0.0);
      assertThat(OpsClient.sample(scrape, "hubd_rebalance_latency_seconds_count")).hasValue(1.0);
      assertThat(OpsClient.sample(scrape, "hubd_rebalance_latency_seconds_sum").orElseThrow()).isPositive();
    }
  }

  /** Bob is owed five by the hub with nothing locked behind it and asks for collateral. */
  private static Job requestCollateralForBob(HubdRuntime daemon, Credentials bobKey, BigInteger amount) {
    EntityId bob = EntityId.ofAddress(bobKey.getAddress());
    Services services = daemon.services();
    boolean hubLeftOfBob = chain().hub().isLeftOf(bob);
    services.positions().apply(1, List.of(
        new Position(bob, usd().tokenId(), hubLeftOfBob ? amount.negate() : amount, Optional.empty())));
    long expiry = Instant.now().plus(Duration.ofMinutes(10)).getEpochSecond();
    RebalanceRequestAuthorization request = new RebalanceRequestAuthorization(
        chain().hub(), bob, usd().tokenId(), amount, usd().units(1), BigInteger.ONE, expiry);
    RequestDesk.Accepted accepted =
        services.requests().submit(request, request.sign(services.domain(), bobKey.getEcKeyPair()));
    return accepted.job();
  }
}
