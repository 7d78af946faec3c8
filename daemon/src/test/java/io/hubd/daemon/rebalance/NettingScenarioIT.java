package io.hubd.daemon.rebalance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hubd.chainsim.DeployedSuite;
import io.hubd.chainsim.DepositoryDriver;
import io.hubd.contracts.Batch;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.RebalanceRequestAuthorization;
import io.hubd.daemon.app.HubdRuntime;
import io.hubd.daemon.jobs.JobState;
import io.hubd.daemon.jobs.Position;
import io.hubd.daemon.testkit.AccountTransactions;
import io.hubd.daemon.testkit.DaemonFixture;
import io.hubd.daemon.testkit.TestChain;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/**
 * Alice's collateral is the hub's own (she owes the hub), Bob needs 100 and asks for it, the hub's reserve is
 * empty: without any operator step, one batch withdraws Alice's collateral with her signature and funds Bob.
 */
class NettingScenarioIT {
  @TempDir Path dir;

  @Test
  void aliceFreedCollateralFundsBobInOneBatchAndTheHubReserveIsUnchanged() {
    try (TestChain chain = TestChain.start()) {
      DeployedSuite.DeployedToken usd = chain.suite().token("TUSD");
      DepositoryDriver driver = chain.driver();
      Credentials aliceKey = chain.local().account(2);
      Credentials bobKey = chain.local().account(3);
      EntityId alice = EntityId.ofAddress(aliceKey.getAddress());
      EntityId bob = EntityId.ofAddress(bobKey.getAddress());
      BigInteger hundred = usd.units(100);

      chain.fundHubReserve("TUSD", 100);
      driver.submit(chain.hubKey(), Batch.builder()
          .reserveToCollateral(new Batch.ReserveToCollateral(usd.tokenId(), List.of(new Batch.R2CPair(alice, hundred))))
          .build());
      assertThat(driver.reserve(chain.hub(), usd.tokenId())).isZero();

      long startBlock = chain.local().client().blockNumber() + 1;
      try (HubdRuntime daemon = DaemonFixture.start(chain, dir, Map.of(
          "tokens.1.reclaimThreshold", usd.units(50).toString(),
          "tokens.1.softLimit", usd.units(1000).toString()))) {
        var services = daemon.services();
        boolean hubLeftOfBob = chain.hub().isLeftOf(bob);
        services.positions().apply(1, List.of(
            new Position(bob, usd.tokenId(), hubLeftOfBob ? hundred.negate() : hundred, Optional.empty())));

        long expiry = Instant.now().plus(Duration.ofMinutes(10)).getEpochSecond();
        RebalanceRequestAuthorization request = new RebalanceRequestAuthorization(
            chain.hub(), bob, usd.tokenId(), hundred, usd.units(1), BigInteger.ONE, expiry);
        RequestDesk.Accepted accepted =
            services.requests().submit(request, request.sign(services.domain(), bobKey.getEcKeyPair()));

        await().atMost(Duration.ofSeconds(30)).until(() -> !services.proposals().proposedTo(alice).isEmpty());
        ProposalDesk.Shown proposal = services.proposals().proposedTo(alice).get(0);
        assertThat(proposal.proposal().amount()).isEqualTo(hundred);
        services.proposals().approve(proposal.proposal().id(),
            proposal.authorization().sign(services.domain(), aliceKey.getEcKeyPair()));

        await().atMost(Duration.ofSeconds(30)).until(() ->
            services.jobs().job(accepted.job().id()).orElseThrow().state() == JobState.CONFIRMED);
        assertThat(driver.account(chain.hub(), bob, usd.tokenId()).collateral()).isEqualTo(hundred);
        assertThat(driver.account(chain.hub(), alice, usd.tokenId()).collateral()).isZero();
        assertThat(driver.reserve(chain.hub(), usd.tokenId())).isZero();
        assertThat(daemon.mirror().view().account(bob, usd.tokenId()).orElseThrow().collateral()).isEqualTo(hundred);
        assertThat(AccountTransactions.touching(chain, alice, startBlock)).as("Alice's C2R and Bob's R2C share one batch")
            .isEqualTo(AccountTransactions.touching(chain, bob, startBlock)).hasSize(1);
      }
    }
  }
}
