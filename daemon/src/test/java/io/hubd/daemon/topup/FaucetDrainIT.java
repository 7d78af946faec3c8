package io.hubd.daemon.topup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.hubd.chainsim.DeployedSuite;
import io.hubd.chainsim.DepositoryDriver;
import io.hubd.daemon.app.HubdRuntime;
import io.hubd.daemon.faucet.FaucetDesk;
import io.hubd.daemon.jobs.Job;
import io.hubd.daemon.jobs.JobState;
import io.hubd.daemon.jobs.JobStore;
import io.hubd.daemon.jobs.Rejection;
import io.hubd.daemon.testkit.DaemonFixture;
import io.hubd.daemon.testkit.TestChain;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A faucet drain end to end: payouts empty the hub's reserve faster than top-up can refill it (the hub wallet is
 * empty and the faucet contract's cooldown for the hub is running), so the faucet refuses with
 * {@code INSUFFICIENT_RESERVE}, each refusal saying what it has and needs and queuing nothing; once the cooldown is
 * over, top-up drips, deposits, the reserve rises and the faucet pays again.
 */
class FaucetDrainIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final long COOLDOWN = 3_600;

  @TempDir Path dir;

  @Test
  void refusesWithHaveAndNeedWhileDrainedThenPaysAgainOnceTopUpRefills() {
    try (TestChain chain = TestChain.start()) {
      DeployedSuite.DeployedToken usd = chain.suite().token("TUSD");
      DepositoryDriver driver = chain.driver();
      String hubWallet = chain.hubKey().getAddress();
      // the hub's reserve of 1,500 comes from the faucet contract: its cooldown for the hub now runs for an hour
      TopUpScene.configureFaucet(chain, usd, usd.units(10_000), COOLDOWN);
      TopUpScene.drip(chain, usd, hubWallet, usd.units(1_500));
      driver.deposit(chain.hubKey(), usd, usd.units(1_500));
      BigInteger payout = usd.units(500);

      try (HubdRuntime daemon = DaemonFixture.start(chain, dir, TopUpScene.settings(usd, 1_000, 5_000))) {
        FaucetDesk faucet = daemon.services().faucet();
        JobStore jobs = daemon.services().jobs();
        await().atMost(PATIENCE).until(() -> daemon.mirror().view().reserve(usd.tokenId()).equals(usd.units(1_500)));

        List<Job> paid = new ArrayList<>();
        List<Rejection> refusals = new ArrayList<>();
        for (int i = 0; refusals.isEmpty(); i++) {
          request(faucet, jobs, usd, recipient(i), payout, paid).ifPresent(refusals::add);
        }
        assertThat(paid).as("the reserve covered three payouts of 500").hasSize(3);
        await().atMost(PATIENCE).until(() -> paid.stream()
            .allMatch(j -> jobs.job(j.id()).orElseThrow().state() == JobState.CONFIRMED));
        assertThat(committed(jobs, usd)).isZero();
        for (int i = 0; i < 3; i++) {
          request(faucet, jobs, usd, recipient(10 + i), payout, paid).ifPresent(refusals::add);
        }
        assertThat(committed(jobs, usd)).as("refusals promised nothing").isZero();

        assertThat(paid).hasSize(3);
        assertThat(refusals).hasSize(4).allSatisfy(r -> {
          assertThat(r.reason()).isEqualTo(Rejection.Reason.INSUFFICIENT_RESERVE);
          assertThat(r.details()).containsEntry("need", payout.toString()).containsKey("have");
          assertThat(new BigInteger((String) r.details().get("have"))).isLessThan(payout);
        });
        assertThat(daemon.topUp().phase(usd.tokenId())).as("waiting out the faucet's cooldown")
            .isEqualTo(TopUpPhase.IDLE);
        assertThat(daemon.topUp().dry(usd.tokenId())).as("a cooldown is not a dry faucet").isFalse();

        chain.local().control().increaseTime(COOLDOWN + 1);
        chain.local().control().mine();
        await().atMost(PATIENCE).until(() -> driver.reserve(chain.hub(), usd.tokenId()).equals(usd.units(5_000)));
        await().atMost(PATIENCE).until(() -> daemon.mirror().view().reserve(usd.tokenId()).equals(usd.units(5_000)));

        Job again = faucet.request(recipient(20), usd.tokenId(), payout, true);
        await().atMost(PATIENCE).until(() -> jobs.job(again.id()).orElseThrow().state() == JobState.CONFIRMED);
        assertThat(driver.walletBalance(usd, recipient(20))).isEqualTo(payout);
        assertThat(driver.reserve(chain.hub(), usd.tokenId())).isEqualTo(usd.units(4_500));
        assertThat(TopUpScene.metric(daemon, "hubd_topup_total", "source=\"faucet\"", "outcome=\"failed\""))
            .as("no drip was sent into the cooldown").isNaN();
        System.out.printf("faucet drain: %d paid, %d refused, then paid again; reserve uptime ratio %.3f,"
                + " faucet success ratio %.3f%n", paid.size() + 1, refusals.size(),
            TopUpScene.metric(daemon, "hubd_reserve_uptime_ratio", "token=\"TUSD\""),
            TopUpScene.metric(daemon, "hubd_faucet_success_ratio"));
      }
    }
  }

  /**
   * Asks for a payout; a job goes to {@code paid}, a refusal is returned. A refusal must change nothing: the job
   * count stays, and the reserve already promised does not grow (it may only shrink as earlier payouts land).
   */
  private static Optional<Rejection> request(FaucetDesk faucet, JobStore jobs, DeployedSuite.DeployedToken usd,
      String to, BigInteger amount, List<Job> paid) {
    long jobsBefore = jobCount(jobs);
    BigInteger committedBefore = committed(jobs, usd);
    Rejection refused = catchThrowableOfType(Rejection.class,
        () -> paid.add(faucet.request(to, usd.tokenId(), amount, true)));
    if (refused != null) {
      assertThat(jobCount(jobs)).as("a refusal queues nothing").isEqualTo(jobsBefore);
      assertThat(committed(jobs, usd)).as("a refusal promises nothing").isLessThanOrEqualTo(committedBefore);
    }
    return Optional.ofNullable(refused);
  }

  private static long jobCount(JobStore jobs) {
    return jobs.countByState().values().stream().mapToLong(Long::longValue).sum();
  }

  private static BigInteger committed(JobStore jobs, DeployedSuite.DeployedToken usd) {
    return jobs.promisedPayouts().getOrDefault(usd.tokenId(), BigInteger.ZERO);
  }

  private static String recipient(int i) {
    return String.format("0x%040x", 0xb0b0L + i);
  }
}
