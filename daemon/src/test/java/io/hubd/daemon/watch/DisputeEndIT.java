package io.hubd.daemon.watch;

import static io.hubd.daemon.watch.DisputeWorld.id;
import static io.hubd.daemon.watch.HubdUnderTest.PATIENCE;
import static io.hubd.daemon.watch.StaleClaimIT.awaitClaim;
import static io.hubd.daemon.watch.StaleClaimIT.awaitFinalised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Disputes hubd does not counter, against the real daemon on a Hardhat chain. A user who vanished leaves the hub's
 * collateral in the account: once the C2R hubd proposed waited {@code tokens.1.exit.after} unsigned, hubd disputes
 * the account with the user's newest co-signed state and finalises it, the hub's share back in its reserve, and the
 * C2R the dispute's end left unusable is withdrawn. A user
 * who claims the newest state is not countered: /ready names the claim once less than half its period is left, and
 * hubd finalises it as claimed. The hub put 500 TUSD in each account.
 */
class DisputeEndIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final SharedChain shared = new SharedChain(c -> c.fundHubReserve("TUSD", 10_000));

  @TempDir Path dir;

  private static BigInteger usd(long whole) {
    return shared.usd().units(whole);
  }

  @Test
  void theHubTakesItsCollateralBackFromAUserWhoLeftItsC2RUnsignedWithADisputeOfItsOwn() {
    DisputeWorld world = new DisputeWorld(shared.chain());
    Credentials dave = world.user(11);
    world.collateralise(List.of(dave), usd(500));
    try (HubdUnderTest hubd = new HubdUnderTest(shared.chain(), dir, Map.of("tokens.1.exit.after", "3s"))) {
      hubd.start();
      AccountStateAuthorization newest = world.state(dave, 1, usd(100));
      assertThat(hubd.client().accountStates(List.of(world.signedByUser(dave, newest))).ok()).isTrue();
      HubdClient.Answer positions = hubd.client().positions(1,
          Map.of(id(dave), Map.of(shared.usd().tokenId(), world.offdelta(dave, usd(100)))));
      assertThat(positions.ok()).as(positions.body().toString()).isTrue();
      StaleClaimIT.Balances before = StaleClaimIT.Balances.of(world, dave);

      await().atMost(PATIENCE).until(() -> hubd.client().proposals(id(dave)).stream() // a C2R of its collateral
          .anyMatch(p -> "C2R".equals(p.path("kind").asText()) && "PROPOSED".equals(p.path("state").asText())));
      DisputeState started = awaitClaim(world, dave, 1); // dave never signs it
      assertThat(started.claimant()).isEqualTo(world.hub());

      awaitFinalised(world, dave);
      before.assertPaid(world, usd(100), usd(400));
      await().atMost(PATIENCE).until(() -> hubd.client().proposals(id(dave)).isEmpty()); // its C2R went stale
      assertThat(OpsClient.sample(hubd.ops().scrape(), "hubd_dispute_operations_total", "operation=\"start\""))
          .hasValue(1);
    }
  }

  @Test
  void aClaimOfTheNewestStateIsNotCounteredIsNamedByReadyWhenLateAndIsFinalisedAsClaimed() throws Exception {
    DisputeWorld world = new DisputeWorld(shared.chain());
    Credentials erin = world.user(12);
    world.collateralise(List.of(erin), usd(500));
    try (HubdUnderTest hubd = new HubdUnderTest(shared.chain(), dir, Map.of())) {
      hubd.start();
      AccountStateAuthorization newest = world.state(erin, 1, usd(300));
      assertThat(hubd.client().accountStates(List.of(world.signedByUser(erin, newest))).ok()).isTrue();
      StaleClaimIT.Balances before = StaleClaimIT.Balances.of(world, erin);

      world.startDispute(erin, newest);
      world.mine(11); // 9 of the 20 blocks left: less than half
      await().atMost(PATIENCE).until(() -> JSON.readTree(hubd.ops().get("/ready").body()).path("details")
          .path("disputes").toString().contains(id(erin).hex()));
      JsonNode ready = JSON.readTree(hubd.ops().get("/ready").body());
      assertThat(hubd.ops().get("/ready").statusCode()).isEqualTo(200); // named, not unready
      assertThat(ready.path("details").path("disputes").get(0).asText()).contains("of 20 blocks left", "not stale");
      assertThat(OpsClient.sample(hubd.ops().scrape(), "hubd_disputes_late")).hasValue(1);
      assertThat(world.dispute(erin)).hasValueSatisfying(d -> assertThat(d.claimant()).isEqualTo(id(erin)));

      awaitFinalised(world, erin);
      before.assertPaid(world, usd(300), usd(200));
      assertThat(OpsClient.sample(hubd.ops().scrape(), "hubd_dispute_operations_total", "operation=\"counter\""))
          .isEmpty();
    }
  }
}
