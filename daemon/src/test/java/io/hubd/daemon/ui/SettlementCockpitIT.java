package io.hubd.daemon.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hubd.chainsim.DeployedSuite;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.RebalanceRequestAuthorization;
import io.hubd.daemon.api.Services;
import io.hubd.daemon.app.HubdRuntime;
import io.hubd.daemon.jobs.JobState;
import io.hubd.daemon.rebalance.ProposalDesk;
import io.hubd.daemon.testkit.DaemonFixture;
import io.hubd.daemon.testkit.Debts;
import io.hubd.daemon.testkit.OpsClient;
import io.hubd.daemon.testkit.TestChain;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/**
 * Settlements as the operator sees them, on a real chain: Alice owes the hub 100 TUSD beyond her collateral and holds
 * 100 in her reserve, Bob asks for 100 of collateral, the hub's reserve is 0. While hubd's repayment proposal waits,
 * the operator page lists it and shows Alice's credit, Alice's explanation says it waits for her signature and Bob's
 * that the reserve is short; once she signs, the batch that carries her repayment funds Bob, her explanation shows the
 * proposal used and the page the reserve saved by netting.
 */
class SettlementCockpitIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void aPendingRepaymentIsOnThePageAndInTheExplanationsUntilItsSignedBatchFundsBob() {
    try (TestChain chain = TestChain.start()) {
      DeployedSuite.DeployedToken usd = chain.suite().token("TUSD");
      Credentials aliceKey = Debts.userOnSide(chain, true, 2);
      Credentials bobKey = Debts.userOnSide(chain, false, 2);
      EntityId alice = EntityId.ofAddress(aliceKey.getAddress());
      EntityId bob = EntityId.ofAddress(bobKey.getAddress());
      BigInteger hundred = usd.units(100);
      chain.fundReserve(aliceKey, "TUSD", 100);

      try (HubdRuntime daemon = DaemonFixture.start(chain, dir, Map.of(
          "tokens.1.softLimit", usd.units(1000).toString(),
          "tokens.1.settlement.creditSoftLimit", usd.units(50).toString()))) {
        OpsClient ops = new OpsClient(daemon.httpPort());
        Services services = daemon.services();
        services.positions().apply(1, List.of(Debts.owes(chain.hub(), alice, usd.tokenId(), hundred),
            Debts.owed(chain.hub(), bob, usd.tokenId(), hundred)));
        RebalanceRequestAuthorization request = new RebalanceRequestAuthorization(chain.hub(), bob, usd.tokenId(),
            hundred, usd.units(1), BigInteger.ONE, Instant.now().plus(Duration.ofMinutes(10)).getEpochSecond());
        long bobsJob = services.requests().submit(request, request.sign(services.domain(), bobKey.getEcKeyPair()))
            .job().id();
        await().atMost(PATIENCE).until(() -> !services.proposals().proposedTo(alice).isEmpty());
        ProposalDesk.Shown repay = services.proposals().proposedTo(alice).get(0);

        JsonNode waiting = explain(ops, alice);
        assertThat(waiting.path("account").path("hubCredit").asText()).isEqualTo(hundred.toString());
        assertThat(waiting.path("proposals")).singleElement().satisfies(p -> {
          assertThat(p.path("kind").asText()).isEqualTo("REPAY");
          assertThat(p.path("diffs").get(0).path("hubReserve").asText()).isEqualTo(hundred.toString());
        });
        assertThat(waiting.path("reasons")).anySatisfy(r -> {
          assertThat(r.path("code").asText()).isEqualTo("WAITING_FOR_SIGNATURE");
          assertThat(r.path("text").asText()).contains("REPAY proposal " + repay.proposal().id());
        });
        await().atMost(PATIENCE).untilAsserted(() ->
            assertThat(codes(explain(ops, bob))).as("Bob waits: nothing in the reserve").contains("RESERVE_SHORT"));
        await().atMost(PATIENCE).untilAsserted(() -> {
          JsonNode page = ops.operatorGet("/v1/admin/cockpit");
          assertThat(page.path("proposals").path("open").findValuesAsText("kind")).containsExactly("REPAY");
          JsonNode exposure = page.path("tokens").get(0).path("exposure");
          assertThat(exposure.path("credit").asText()).isEqualTo(hundred.toString());
          assertThat(exposure.path("topCredit").get(0).path("counterparty").asText()).isEqualTo(alice.hex());
        });

        services.proposals().approve(repay.proposal().id(),
            repay.authorization().sign(services.domain(), aliceKey.getEcKeyPair()));
        await().atMost(PATIENCE).until(() ->
            services.jobs().job(bobsJob).orElseThrow().state() == JobState.CONFIRMED);
        await().atMost(PATIENCE).untilAsserted(() -> {
          JsonNode used = explain(ops, alice);
          assertThat(used.path("proposals")).isEmpty();
          assertThat(used.path("endedProposals").get(0).path("state").asText()).isEqualTo("USED");
          assertThat(codes(used)).doesNotContain("WAITING_FOR_SIGNATURE");
        });
        await().atMost(PATIENCE).untilAsserted(() -> {
          JsonNode token = ops.operatorGet("/v1/admin/cockpit").path("tokens").get(0);
          assertThat(token.path("money").path("savedByNetting").asText()).isEqualTo(hundred.toString());
          assertThat(token.path("exposure").path("credit").asText()).isEqualTo("0");
        });
      }
    }
  }

  private static JsonNode explain(OpsClient ops, EntityId user) {
    return ops.operatorGet("/v1/explain?counterparty=" + user.hex() + "&token=1");
  }

  private static List<String> codes(JsonNode explanation) {
    return explanation.path("reasons").findValuesAsText("code");
  }
}
