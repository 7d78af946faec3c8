package io.hubd.daemon.watch;

import static io.hubd.daemon.watch.DisputeWorld.id;
import static io.hubd.daemon.watch.HubdUnderTest.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hubd.chainsim.sim.HubdClient;
import io.hubd.contracts.AccountStateAuthorization;
import io.hubd.contracts.DisputeState;
import io.hubd.contracts.RebalanceRequestAuthorization;
import io.hubd.contracts.Signature;
import io.hubd.daemon.testkit.OpsClient;
import io.hubd.daemon.testkit.SharedChain;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;

/**
 * A user disputes the account with a stale state against the real daemon on a Hardhat chain: hubd counters with the
 * newest state the user co-signed and, once the challenge period is over, finalises; the collateral is split by the
 * newest state. Also with hubd killed before the claim and started again well into the period, and with states a
 * wallet signed as typed data ({@code eth_signTypedData_v4}). The hub put 500 TUSD in each account; the stale state
 * owes the user 400 of it, the newest 100.
 */
class StaleClaimIT {
  private static final Logger log = LoggerFactory.getLogger(StaleClaimIT.class);
  private static final long PERIOD = 20;

  @RegisterExtension static final SharedChain shared = new SharedChain(c -> c.fundHubReserve("TUSD", 10_000));

  @TempDir Path dir;

  private static DisputeWorld world() {
    return new DisputeWorld(shared.chain());
  }

  private static BigInteger usd(long whole) {
    return shared.usd().units(whole);
  }

  @Test
  void aStaleClaimIsCounteredWhileHubdRunsAndTheDisputeEndsWithTheNewestStatesSplit() {
    DisputeWorld world = world();
    Credentials alice = world.user(1);
    world.collateralise(List.of(alice), usd(500));
    try (HubdUnderTest hubd = new HubdUnderTest(shared.chain(), dir, Map.of())) {
      AccountStateAuthorization stale = startWithBothStates(hubd, world, alice);
      Balances before = Balances.of(world, alice);

      long claimed = world.startDispute(alice, stale).getBlockNumber().longValueExact();
      DisputeState countered = awaitClaim(world, alice, 2);
      log.info("stale claim in block {} countered in block {}", claimed, countered.finaliseAfterBlock() - PERIOD);
      assertThat(countered.finaliseAfterBlock() - PERIOD - claimed).isBetween(1L, PERIOD / 2);

      String job = requestCollateral(hubd, alice); // while the account is frozen, the request waits
      await().atMost(PATIENCE).until(() -> "ACCOUNT_FROZEN".equals(job(hubd, job).path("reason").asText()));
      assertThat(job(hubd, job).path("state").asText()).isEqualTo("ACCEPTED");

      awaitFinalised(world, alice);
      before.assertPaid(world, usd(100), usd(400));
      assertThat(world.account(alice).nonce()).isEqualTo(2);
      await().atMost(PATIENCE).until(() -> !"ACCEPTED".equals(job(hubd, job).path("state").asText()));
      String scrape = hubd.ops().scrape();
      assertThat(OpsClient.sample(scrape, "hubd_dispute_operations_total", "operation=\"counter\"")).hasValue(1);
      assertThat(OpsClient.sample(scrape, "hubd_dispute_operations_total", "operation=\"finalise\"")).hasValue(1);
      assertThat(OpsClient.sample(scrape, "hubd_dispute_counter_blocks_count")).hasValue(1);
    }
  }

  @Test
  void aStaleClaimMadeWhileHubdWasDownIsCounteredAfterItsRestartWhileThePeriodRuns() {
    DisputeWorld world = world();
    Credentials bob = world.user(2);
    world.collateralise(List.of(bob), usd(500));
    try (HubdUnderTest hubd = new HubdUnderTest(shared.chain(), dir, Map.of())) {
      AccountStateAuthorization stale = startWithBothStates(hubd, world, bob);
      hubd.kill();
      Balances before = Balances.of(world, bob);

      long claimed = world.startDispute(bob, stale).getBlockNumber().longValueExact();
      world.mine(8); // hubd is down for 9 of the 20 blocks of the period
      assertThat(world.dispute(bob)).hasValueSatisfying(d -> assertThat(d.claimant()).isEqualTo(id(bob)));
      hubd.start();

      DisputeState countered = awaitClaim(world, bob, 2);
      long counteredIn = countered.finaliseAfterBlock() - PERIOD;
      log.info("stale claim in block {} (hubd down), countered after the restart in block {}", claimed, counteredIn);
      assertThat(counteredIn - claimed).isBetween(9L, PERIOD);
      awaitFinalised(world, bob);
      before.assertPaid(world, usd(100), usd(400));
    }
  }

  @Test
  void statesAWalletSignsAsTypedDataCounterAStaleClaim() {
    DisputeWorld world = world();
    Credentials carol = shared.chain().local().account(7); // a node account: the node signs for it as a wallet
    world.collateralise(List.of(carol), usd(500));
    try (WalletSigner wallet = new WalletSigner(shared.chain().local().rpcUrl(), shared.chain().suite().domain());
        HubdUnderTest hubd = new HubdUnderTest(shared.chain(), dir, Map.of())) {
      hubd.start();
      AccountStateAuthorization stale = world.state(carol, 1, usd(400));
      AccountStateAuthorization newest = world.state(carol, 2, usd(100));
      report(hubd, new HubdClient.SignedState(id(carol), stale, wallet.sign(carol.getAddress(), stale)));
      report(hubd, new HubdClient.SignedState(id(carol), newest, wallet.sign(carol.getAddress(), newest)));
      Balances before = Balances.of(world, carol);

      Signature hubSignature = wallet.sign(shared.chain().hubKey().getAddress(), stale);
      world.startDispute(carol, stale, hubSignature);

      awaitClaim(world, carol, 2);
      awaitFinalised(world, carol);
      before.assertPaid(world, usd(100), usd(400));
    }
  }

  // ---------------------------------------------------------------- helpers

  /** Starts hubd and reports {@code user}'s stale state (nonce 1), then the newest (nonce 2); returns the stale one. */
  private static AccountStateAuthorization startWithBothStates(HubdUnderTest hubd, DisputeWorld world,
      Credentials user) {
    hubd.start();
    AccountStateAuthorization stale = world.state(user, 1, usd(400));
    report(hubd, world.signedByUser(user, stale));
    report(hubd, world.signedByUser(user, world.state(user, 2, usd(100))));
    return stale;
  }

  private static void report(HubdUnderTest hubd, HubdClient.SignedState state) {
    HubdClient.Answer a = hubd.client().accountStates(List.of(state));
    assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
    assertThat(a.body().path("stored").asInt()).isEqualTo(1);
  }

  /** Waits until the open dispute of {@code user}'s account is the hub's claim of {@code nonce}. */
  static DisputeState awaitClaim(DisputeWorld world, Credentials user, long nonce) {
    return await().atMost(PATIENCE).until(() -> world.dispute(user).orElse(null),
        d -> d != null && d.claimant().equals(world.hub()) && d.nonce().longValueExact() == nonce);
  }

  /** Mines the rest of the period and waits for hubd to finalise the dispute of {@code user}'s account. */
  static void awaitFinalised(DisputeWorld world, Credentials user) {
    long after = world.dispute(user).orElseThrow().finaliseAfterBlock();
    world.mine(Math.max(1, after - world.blockNumber()));
    await().atMost(PATIENCE).until(() -> world.dispute(user).isEmpty());
  }

  private static String requestCollateral(HubdUnderTest hubd, Credentials user) {
    RebalanceRequestAuthorization r = new RebalanceRequestAuthorization(shared.chain().hub(), id(user),
        shared.usd().tokenId(), usd(10), usd(1), BigInteger.valueOf(System.nanoTime()),
        Instant.now().plus(Duration.ofMinutes(10)).getEpochSecond());
    HubdClient.Answer a = hubd.client().rebalanceRequest(r, r.sign(shared.chain().suite().domain(),
        user.getEcKeyPair()));
    assertThat(a.ok()).as(a.body().toString()).isTrue();
    return a.body().path("jobId").asText();
  }

  private static JsonNode job(HubdUnderTest hubd, String id) {
    return hubd.client().job(id).body();
  }

  /** The TUSD reserves of the hub and a user before a dispute, to check what its end paid each. */
  record Balances(BigInteger hub, BigInteger user, Credentials userKey) {
    static Balances of(DisputeWorld world, Credentials user) {
      return new Balances(world.reserve(world.hub()), world.reserve(id(user)), user);
    }

    void assertPaid(DisputeWorld world, BigInteger toUser, BigInteger toHub) {
      assertThat(world.reserve(id(userKey)).subtract(user)).isEqualTo(toUser);
      assertThat(world.reserve(world.hub()).subtract(hub)).isEqualTo(toHub);
      assertThat(world.account(userKey).collateral()).isZero();
    }
  }
}
