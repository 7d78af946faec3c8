package io.hubd.daemon.watch;

import static io.hubd.daemon.watch.DisputeWorld.id;
import static io.hubd.daemon.watch.HubdUnderTest.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hubd.chainsim.sim.HubdClient;
import io.hubd.contracts.AccountStateAuthorization;
import io.hubd.contracts.DisputeState;
import io.hubd.daemon.testkit.OpsClient;
import io.hubd.daemon.testkit.SharedChain;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/**
 * A dispute as the operator sees it, against the real daemon on a Hardhat chain: while a user's stale claim, then
 * hubd's counter, is open, the operator page lists the dispute with its claimant and blocks; the user's explanation
 * says the account is frozen by it, until the block it can be finalised after. Once it is finalised, the page lists none and the account is no longer frozen.
 */
class DisputeCockpitIT {
  @RegisterExtension static final SharedChain shared = new SharedChain(c -> c.fundHubReserve("TUSD", 10_000));

  @TempDir Path dir;

  @Test
  void anOpenDisputeIsOnThePageAndFreezesTheAccountInItsExplanationUntilItIsFinalised() {
    DisputeWorld world = new DisputeWorld(shared.chain());
    Credentials dave = world.user(4);
    world.collateralise(List.of(dave), usd(500));
    try (HubdUnderTest hubd = new HubdUnderTest(shared.chain(), dir, Map.of())) {
      hubd.start();
      OpsClient ops = hubd.ops();
      AccountStateAuthorization stale = world.state(dave, 1, usd(400));
      report(hubd, world.signedByUser(dave, stale));
      report(hubd, world.signedByUser(dave, world.state(dave, 2, usd(100))));

      world.startDispute(dave, stale);
      await().atMost(PATIENCE).untilAsserted(() -> assertThat(ops.operatorGet("/v1/admin/cockpit").path("disputes")
          .findValuesAsText("counterparty")).containsExactly(id(dave).hex()));
      DisputeState countered = StaleClaimIT.awaitClaim(world, dave, 2);
      await().atMost(PATIENCE).untilAsserted(() -> {
        JsonNode dispute = ops.operatorGet("/v1/admin/cockpit").path("disputes").get(0);
        assertThat(dispute.path("claimant").asText()).isEqualTo("hub");
        assertThat(dispute.path("nonce").asText()).isEqualTo("2");
        assertThat(dispute.path("finaliseAfterBlock").asLong()).isEqualTo(countered.finaliseAfterBlock());
      });
      JsonNode frozen = explain(ops, dave);
      assertThat(frozen.path("dispute").path("claimant").asText()).isEqualTo("hub");
      assertThat(frozen.path("reasons")).anySatisfy(r -> {
        assertThat(r.path("code").asText()).isEqualTo("ACCOUNT_FROZEN");
        assertThat(r.path("text").asText()).contains("claimed by the hub at nonce 2")
            .contains("up to block " + countered.finaliseAfterBlock());
      });

      StaleClaimIT.awaitFinalised(world, dave);
      await().atMost(PATIENCE).untilAsserted(() -> {
        assertThat(ops.operatorGet("/v1/admin/cockpit").path("disputes")).isEmpty();
        JsonNode after = explain(ops, dave);
        assertThat(after.path("dispute").isNull()).isTrue();
        assertThat(after.path("reasons").findValuesAsText("code")).doesNotContain("ACCOUNT_FROZEN");
      });
    }
  }

  private static JsonNode explain(OpsClient ops, Credentials user) {
    return ops.operatorGet("/v1/explain?counterparty=" + id(user).hex() + "&token=1");
  }

  private static void report(HubdUnderTest hubd, HubdClient.SignedState state) {
    HubdClient.Answer a = hubd.client().accountStates(List.of(state));
    assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
  }

  private static BigInteger usd(long whole) {
    return shared.usd().units(whole);
  }
}
