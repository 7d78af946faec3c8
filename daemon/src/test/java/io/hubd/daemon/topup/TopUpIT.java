package io.hubd.daemon.topup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hubd.chainsim.DeployedSuite;
import io.hubd.chainsim.DepositoryDriver;
import io.hubd.contracts.Erc20Calls;
import io.hubd.contracts.FaucetCalls;
import io.hubd.daemon.app.HubdRuntime;
import io.hubd.daemon.jobs.Job;
import io.hubd.daemon.jobs.JobState;
import io.hubd.daemon.testkit.DaemonFixture;
import io.hubd.daemon.testkit.TestChain;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reserve top-up against a real chain and the whole daemon: TUSD kept between 1,000 and 5,000 tokens, refilled
 * from the hub wallet, from the faucet contract when the wallet is empty, and the daemon serving on when both are
 * dry.
 */
class TopUpIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir Path dir;
  private TestChain chain;
  private DeployedSuite.DeployedToken usd;
  private DepositoryDriver driver;

  @BeforeEach
  void startChain() {
    chain = TestChain.start();
    usd = chain.suite().token("TUSD");
    driver = chain.driver();
  }

  @AfterEach
  void stopChain() {
    chain.close();
  }

  private HubdRuntime startDaemon() {
    return DaemonFixture.start(chain, dir, TopUpScene.settings(usd, 1_000, 5_000));
  }

  @Test
  void fillsALowReserveToItsTargetFromTheHubWalletThroughABatch() {
    chain.fundHubReserve("TUSD", 100);
    driver.mint(chain.local().account(0), usd, chain.hubKey().getAddress(), usd.units(20_000));
    BigInteger batchesBefore = driver.batchNonce(chain.hub());

    try (HubdRuntime daemon = startDaemon()) {
      await().atMost(PATIENCE).until(() -> driver.reserve(chain.hub(), usd.tokenId()).equals(usd.units(5_000)));
      await().atMost(PATIENCE).until(() -> daemon.topUp().phase(usd.tokenId()) == TopUpPhase.IDLE);

      assertThat(driver.walletBalance(usd, chain.hubKey().getAddress())).isEqualTo(usd.units(20_000 - 4_900));
      assertThat(driver.batchNonce(chain.hub())).as("one batch carried the deposit")
          .isEqualTo(batchesBefore.add(BigInteger.ONE));
      assertThat(chain.local().client().call(usd.address(),
          Erc20Calls.allowance(chain.hubKey().getAddress(), chain.suite().depository())))
          .as("the whole wallet was approved; what the deposit did not use is left")
          .isEqualTo(usd.units(20_000 - 4_900));
      assertThat(daemon.mirror().view().reserve(usd.tokenId())).isEqualTo(usd.units(5_000));
      assertThat(TopUpScene.metric(daemon, "hubd_topup_total", "source=\"wallet\"", "outcome=\"done\"",
          "token=\"TUSD\"")).isEqualTo(1.0);
      assertThat(TopUpScene.metric(daemon, "hubd_topup_amount_total", "token=\"TUSD\""))
          .isEqualTo(usd.units(4_900).doubleValue());
      assertThat(TopUpScene.metric(daemon, "hubd_topup_dry", "token=\"TUSD\"")).isZero();
    }
  }

  @Test
  void dripsFromTheFaucetContractIntoAnEmptyWalletThenDeposits() {
    chain.fundHubReserve("TUSD", 100);
    BigInteger faucetBefore = TopUpScene.faucetHolds(chain, usd);
    assertThat(driver.walletBalance(usd, chain.hubKey().getAddress())).isZero();

    try (HubdRuntime daemon = startDaemon()) {
      await().atMost(PATIENCE).until(() -> driver.reserve(chain.hub(), usd.tokenId()).equals(usd.units(5_000)));

      assertThat(TopUpScene.faucetHolds(chain, usd)).isEqualTo(faucetBefore.subtract(usd.units(4_900)));
      assertThat(driver.walletBalance(usd, chain.hubKey().getAddress())).isZero();
      assertThat(chain.local().client().call(chain.suite().faucet(),
          FaucetCalls.nextDripAt(usd.address(), chain.hubKey().getAddress()))).isPositive();
      await().atMost(PATIENCE).until(() -> TopUpScene.metric(daemon, "hubd_topup_total", "source=\"wallet\"",
          "outcome=\"done\"", "token=\"TUSD\"") == 1.0);
      assertThat(TopUpScene.metric(daemon, "hubd_topup_total", "source=\"faucet\"", "outcome=\"done\"",
          "token=\"TUSD\"")).isEqualTo(1.0);
      assertThat(TopUpScene.metric(daemon, "hubd_topup_total", "source=\"faucet\"", "outcome=\"failed\""))
          .isNaN();
    }
  }

  @Test
  void raisesTheDryGaugeWhenWalletAndFaucetAreEmptyAndStillPaysWhatFits() {
    chain.fundHubReserve("TUSD", 600);
    TopUpScene.configureFaucet(chain, usd, BigInteger.ZERO, 60);
    String recipient = chain.local().account(5).getAddress();

    try (HubdRuntime daemon = startDaemon()) {
      await().atMost(PATIENCE).until(() -> TopUpScene.metric(daemon, "hubd_topup_dry", "token=\"TUSD\"") == 1.0);
      assertThat(daemon.topUp().dry(usd.tokenId())).isTrue();

      Job payout = daemon.services().faucet().request(recipient, usd.tokenId(), usd.units(100), true);
      await().atMost(PATIENCE).until(() ->
          daemon.services().jobs().job(payout.id()).orElseThrow().state() == JobState.CONFIRMED);

      assertThat(driver.walletBalance(usd, recipient)).isEqualTo(usd.units(100));
      assertThat(driver.reserve(chain.hub(), usd.tokenId())).isEqualTo(usd.units(500));
      assertThat(TopUpScene.metric(daemon, "hubd_topup_dry", "token=\"TUSD\"")).isEqualTo(1.0);
      assertThat(daemon.topUp().phase(usd.tokenId())).isEqualTo(TopUpPhase.IDLE);
      assertThat(TopUpScene.metric(daemon, "hubd_reserve_uptime_ratio", "token=\"TUSD\"")).isZero();
    }
  }
}
