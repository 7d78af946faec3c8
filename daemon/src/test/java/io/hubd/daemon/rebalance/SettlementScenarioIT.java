package io.hubd.daemon.rebalance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hubd.chainsim.DeployedSuite;
import io.hubd.chainsim.DepositoryDriver;
import io.hubd.contracts.AccountState;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.RebalanceRequestAuthorization;
import io.hubd.daemon.app.HubdRuntime;
import io.hubd.daemon.jobs.JobState;
import io.hubd.daemon.jobs.Position;
import io.hubd.daemon.jobs.Proposal;
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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.crypto.Credentials;

/**
 * The settlement scenario on a real chain, with the hub on either side of the user's account: Alice owes the hub 100
 * beyond her collateral and holds 100 in her reserve; Bob asks for 100 of collateral; the hub's reserve is 0. hubd
 * proposes that Alice repay, she signs the typed data it serves, and one batch carries her repayment and Bob's R2C:
 * afterwards Alice owes nothing, Bob's exposure is 0 and the hub's reserve is exactly what it was. With the policy
 * set to secure, Alice's 100 moves into the account's collateral on the hub's side instead.
 */
class SettlementScenarioIT {
  @TempDir Path dir;

  @ParameterizedTest(name = "hub left of Alice: {0}")
  @ValueSource(booleans = {true, false})
  void aliceRepaysFromHerReserveAndFundsBobInOneBatchLeavingTheHubReserveAsItWas(boolean hubLeftOfAlice) {
    try (TestChain chain = TestChain.start()) {
      DeployedSuite.DeployedToken usd = chain.suite().token("TUSD");
      DepositoryDriver driver = chain.driver();
      Credentials aliceKey = userOnSide(chain, hubLeftOfAlice, 2);
      Credentials bobKey = userOnSide(chain, !hubLeftOfAlice, 2);
      EntityId alice = EntityId.ofAddress(aliceKey.getAddress());
      EntityId bob = EntityId.ofAddress(bobKey.getAddress());
      BigInteger hundred = usd.units(100);
      chain.fundReserve(aliceKey, "TUSD", 100);
      assertThat(driver.reserve(chain.hub(), usd.tokenId())).isZero();

      long startBlock = chain.local().client().blockNumber() + 1;
      try (HubdRuntime daemon = DaemonFixture.start(chain, dir, Map.of(
          "tokens.1.softLimit", usd.units(1000).toString(),
          "tokens.1.settlement.creditSoftLimit", usd.units(50).toString()))) {
        var services = daemon.services();
        services.positions().apply(1, List.of(owes(chain, alice, usd, hundred), owed(chain, bob, usd, hundred)));
        RebalanceRequestAuthorization request = new RebalanceRequestAuthorization(chain.hub(), bob, usd.tokenId(),
            hundred, usd.units(1), BigInteger.ONE, Instant.now().plus(Duration.ofMinutes(10)).getEpochSecond());
        var accepted = services.requests().submit(request, request.sign(services.domain(), bobKey.getEcKeyPair()));

        ProposalDesk.Shown proposal = signedProposal(services, alice, aliceKey);
        assertThat(proposal.proposal().kind()).isEqualTo(Proposal.Kind.REPAY);
        assertThat(proposal.proposal().amount()).isEqualTo(hundred);
        assertThat(proposal.typedData()).containsEntry("primaryType", "Settlement");

        await().atMost(Duration.ofSeconds(30)).until(() ->
            services.jobs().job(accepted.job().id()).orElseThrow().state() == JobState.CONFIRMED);
        AccountState aliceAccount = driver.account(chain.hub(), alice, usd.tokenId());
        assertThat(credit(chain, alice, aliceAccount, hundred)).as("Alice's debt").isZero();
        assertThat(aliceAccount.collateral()).isZero();
        assertThat(aliceAccount.ondelta()).isEqualTo(hubLeftOfAlice ? hundred.negate() : hundred);
        assertThat(driver.reserve(alice, usd.tokenId())).as("Alice's reserve").isZero();
        assertThat(driver.account(chain.hub(), bob, usd.tokenId()).collateral()).isEqualTo(hundred);
        assertThat(driver.reserve(chain.hub(), usd.tokenId())).as("the hub's reserve").isZero();
        assertThat(AccountTransactions.touching(chain, alice, startBlock))
            .as("Alice's repayment and Bob's R2C share one batch")
            .isEqualTo(AccountTransactions.touching(chain, bob, startBlock)).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() ->
            services.proposals().proposedTo(alice).isEmpty()); // used, no longer open
      }
    }
  }

  @ParameterizedTest(name = "hub left of Alice: {0}")
  @ValueSource(booleans = {true, false})
  void withThePolicySetToSecureAlicesReserveBecomesCollateralOnTheHubsSide(boolean hubLeftOfAlice) {
    try (TestChain chain = TestChain.start()) {
      DeployedSuite.DeployedToken usd = chain.suite().token("TUSD");
      DepositoryDriver driver = chain.driver();
      Credentials aliceKey = userOnSide(chain, hubLeftOfAlice, 2);
      EntityId alice = EntityId.ofAddress(aliceKey.getAddress());
      BigInteger hundred = usd.units(100);
      chain.fundReserve(aliceKey, "TUSD", 100);
      chain.fundHubReserve("TUSD", 7);

      try (HubdRuntime daemon = DaemonFixture.start(chain, dir, Map.of(
          "tokens.1.settlement.creditSoftLimit", usd.units(50).toString(),
          "tokens.1.settlement.mode", "secure"))) {
        var services = daemon.services();
        services.positions().apply(1, List.of(owes(chain, alice, usd, hundred)));

        ProposalDesk.Shown proposal = signedProposal(services, alice, aliceKey);
        assertThat(proposal.proposal().kind()).isEqualTo(Proposal.Kind.SECURE);

        await().atMost(Duration.ofSeconds(30)).until(() ->
            driver.account(chain.hub(), alice, usd.tokenId()).collateral().signum() > 0);
        AccountState aliceAccount = driver.account(chain.hub(), alice, usd.tokenId());
        assertThat(aliceAccount.collateral()).isEqualTo(hundred);
        assertThat(aliceAccount.ondelta()).isEqualTo(hubLeftOfAlice ? BigInteger.ZERO : hundred);
        assertThat(credit(chain, alice, aliceAccount, hundred)).as("unsecured debt left").isZero();
        Exposure after = exposure(chain, alice, aliceAccount, hundred);
        assertThat(after.hubFreeCollateral()).as("the hub's share of the collateral").isEqualTo(hundred);
        assertThat(driver.reserve(alice, usd.tokenId())).isZero();
        assertThat(driver.reserve(chain.hub(), usd.tokenId())).isEqualTo(usd.units(7));
      }
    }
  }

  /** The first open proposal to {@code user}, once there is one, approved with the user's signature. */
  private static ProposalDesk.Shown signedProposal(io.hubd.daemon.api.Services services, EntityId user,
      Credentials key) {
    await().atMost(Duration.ofSeconds(30)).until(() -> !services.proposals().proposedTo(user).isEmpty());
    ProposalDesk.Shown proposal = services.proposals().proposedTo(user).get(0);
    return services.proposals().approve(proposal.proposal().id(),
        proposal.authorization().sign(services.domain(), key.getEcKeyPair()));
  }

  /** One of the chain's funded accounts on the given side of the hub, from {@code from} on. */
  private static Credentials userOnSide(TestChain chain, boolean hubLeft, int from) {
    for (int i = from; i < 20; i++) {
      Credentials c = chain.local().account(i);
      if (chain.hub().isLeftOf(EntityId.ofAddress(c.getAddress())) == hubLeft) {
        return c;
      }
    }
    throw new IllegalStateException("no account with the hub " + (hubLeft ? "left" : "right") + " of it");
  }

  /** The position of a user who owes the hub {@code amount} beyond the (empty) collateral. */
  private static Position owes(TestChain chain, EntityId user, DeployedSuite.DeployedToken token, BigInteger amount) {
    return new Position(user, token.tokenId(), chain.hub().isLeftOf(user) ? amount : amount.negate(),
        Optional.empty());
  }

  /** The position of a user the hub owes {@code amount} with nothing locked. */
  private static Position owed(TestChain chain, EntityId user, DeployedSuite.DeployedToken token, BigInteger amount) {
    return new Position(user, token.tokenId(), chain.hub().isLeftOf(user) ? amount.negate() : amount,
        Optional.empty());
  }

  private static Exposure exposure(TestChain chain, EntityId user, AccountState account, BigInteger owed) {
    boolean hubIsLeft = chain.hub().isLeftOf(user);
    return Exposure.of(hubIsLeft, account.collateral(), account.ondelta(), hubIsLeft ? owed : owed.negate());
  }

  private static BigInteger credit(TestChain chain, EntityId user, AccountState account, BigInteger owed) {
    return exposure(chain, user, account, owed).hubCredit();
  }
}
