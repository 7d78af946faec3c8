package io.hubd.daemon.api;

import static io.hubd.daemon.api.InProcessApi.TUSD;
import static io.hubd.daemon.api.InProcessApi.units;
import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.jobs.Job;
import io.hubd.daemon.jobs.JobKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API of an HA standby: the endpoints that only read are answered from the shared database; every endpoint that
 * writes is refused with 503 {@code NOT_READY}, {@code Retry-After} and the active's address, before any desk sees
 * it; once the instance takes over, the same endpoints are served in full.
 */
class StandbyApiTest {
  private static final String ACTIVE = "http://10.0.0.5:8080";

  @TempDir Path dir;
  private InProcessApi node;

  @BeforeEach
  void start() {
    InProcessApi.Options options = new InProcessApi.Options();
    options.standbyOf = Optional.of(ACTIVE);
    node = InProcessApi.start(dir, options);
  }

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void answersReadsFromTheSharedDatabase() {
    EntityId user = Requests.entity(Requests.user(7));
    Job paid = node.jobs.acceptFaucet(user, Optional.of(Requests.address(1)), TUSD, units(5), node.clock.instant());

    ApiClient.Response hub = node.api.get("/v1/hub");
    assertThat(hub.status()).isEqualTo(200);
    assertThat(hub.json().path("hub").asText()).isEqualTo(InProcessApi.HUB.hex());
    ApiClient.Response job = node.api.get("/v1/jobs/" + paid.publicId());
    assertThat(job.status()).isEqualTo(200);
    assertThat(job.json().path("amount").asText()).isEqualTo(units(5).toString());
    assertThat(node.api.get("/v1/jobs/" + "0".repeat(32)).status()).isEqualTo(404);
    assertThat(node.api.get("/v1/proposals?counterparty=" + user.hex()).status()).isEqualTo(200);
    assertThat(node.operator.get("/v1/positions/version").json().path("version").asLong()).isZero();
    assertThat(node.operator.get("/v1/admin/transactions").status()).isEqualTo(200);
  }

  @Test
  void refusesEveryWriteNamingTheActiveAndTakesNothing() {
    node.mirror.reserve(TUSD, units(1_000));
    List<ApiClient.Response> writes = List.of(
        node.api.post("/v1/faucet", Requests.faucet(Requests.address(2), TUSD, units(1), "wallet")),
        node.operator.post("/v1/positions", Requests.report(1, List.of())),
        node.api.post("/v1/proposals/1/approval", Map.of("signature", "0x00")),
        node.operator.post("/v1/settlements", Map.of()),
        node.operator.post("/v1/admin/transactions/1/cancel", Map.of()));

    assertThat(writes).allSatisfy(refused -> {
      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.code()).isEqualTo("NOT_READY");
      assertThat(refused.header("Retry-After")).isPresent();
      assertThat(refused.json().path("details").path("role").asText()).isEqualTo("standby");
      assertThat(refused.json().path("details").path("active").asText()).isEqualTo(ACTIVE);
    });
    assertThat(node.positions.version()).isZero();
    assertThat(node.jobs.open(JobKind.FAUCET)).isEmpty();
  }

  @Test
  void servesWritesOnceTheInstanceTakesOver() {
    node.mirror.reserve(TUSD, units(1_000));
    node.late.serve(node.routes);

    ApiClient.Response accepted =
        node.api.post("/v1/faucet", Requests.faucet(Requests.address(3), TUSD, units(1), "wallet"));

    assertThat(accepted.status()).as(accepted::toString).isEqualTo(202);
    assertThat(node.jobs.open(JobKind.FAUCET)).hasSize(1);
  }
}
