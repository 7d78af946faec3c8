package io.hubd.daemon.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hubd.chainsim.ChainClient;
import io.hubd.chainsim.DeployedSuite;
import io.hubd.chainsim.DepositoryDriver;
import io.hubd.chainsim.sim.HubdClient;
import io.hubd.contracts.AccountState;
import io.hubd.contracts.Batch;
import io.hubd.contracts.BatchCall;
import io.hubd.contracts.Eip712Domain;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.app.HubdRuntime;
import io.hubd.daemon.jobs.Position;
import io.hubd.daemon.jobs.Proposal;
import io.hubd.daemon.jobs.ProposalStore;
import io.hubd.daemon.testkit.DaemonFixture;
import io.hubd.daemon.testkit.SettlementBodies;
import io.hubd.daemon.testkit.TestChain;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/**
 * {@code POST /v1/settlements} against a real chain and a running daemon: a cooperative withdrawal the runtime agreed
 * with Alice executes once and ends when the mirror shows it; every bad input of the table is refused with its own
 * code and queues nothing; and a settlement the chain refuses (Alice emptied her reserve first) fails with the
 * decoded reason and is never sent again.
 */
class SettlementEndpointIT {
  @TempDir Path dir;

  @Test
  void aSettlementIsCheckedQueuedExecutedOnceAndEveryBadInputIsRefusedWithItsCode() {
    try (TestChain chain = TestChain.start()) {
      DeployedSuite.DeployedToken usd = chain.suite().token("TUSD");
      DepositoryDriver driver = chain.driver();
      Credentials aliceKey = chain.local().account(2);
      EntityId alice = EntityId.ofAddress(aliceKey.getAddress());
      boolean hubIsLeft = chain.hub().isLeftOf(alice);
      BigInteger hundred = usd.units(100);
      chain.fundHubReserve("TUSD", 100);
      driver.submit(chain.hubKey(), Batch.builder().reserveToCollateral(new Batch.ReserveToCollateral(usd.tokenId(),
          List.of(new Batch.R2CPair(alice, hundred)))).build()); // Alice's 100 is secured by collateral

      try (HubdRuntime daemon = DaemonFixture.start(chain, dir, Map.of())) {
        HubdClient api = new HubdClient("http://127.0.0.1:" + daemon.httpPort(), "operator-token-for-tests");
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/ready").ok());
        Eip712Domain domain = daemon.services().domain();
        daemon.services().positions().apply(1, List.of(new Position(alice, usd.tokenId(),
            hubIsLeft ? hundred.negate() : hundred, Optional.empty())));

        // the runtime pays Alice her 100 out of the collateral into her reserve
        Batch.SettlementDiff withdrawal = hubIsLeft
            ? new Batch.SettlementDiff(usd.tokenId(), BigInteger.ZERO, hundred, hundred.negate(), hundred)
            : new Batch.SettlementDiff(usd.tokenId(), hundred, BigInteger.ZERO, hundred.negate(), hundred.negate());
        Map<String, Object> good = SettlementBodies.body(chain.hub(), alice, List.of(withdrawal), BigInteger.ONE,
            domain, aliceKey.getEcKeyPair());
        HubdClient.Answer queued = api.handInSettlement(good);
        assertThat(queued.status()).as(queued.toString()).isEqualTo(202);
        long id = queued.body().path("id").asLong();
        HubdClient.Answer again = api.handInSettlement(good);
        assertThat(again.status()).as("handed in again: the first is returned").isEqualTo(200);
        assertThat(again.body().path("id").asLong()).isEqualTo(id);

        await().atMost(Duration.ofSeconds(30)).until(() ->
            api.operatorGet("/v1/settlements/" + id).body().path("state").asText().equals("USED"));
        AccountState after = driver.account(chain.hub(), alice, usd.tokenId());
        assertThat(after.collateral()).isZero();
        assertThat(after.nonce()).isEqualTo(BigInteger.ONE);
        assertThat(driver.reserve(alice, usd.tokenId())).as("Alice's reserve").isEqualTo(hundred);
        assertThat(driver.reserve(chain.hub(), usd.tokenId())).as("the hub's reserve").isZero();
        assertThat(daemon.mirror().view().account(alice, usd.tokenId()).orElseThrow().collateral()).isZero();

        BigInteger batchNonce = driver.batchNonce(chain.hub());
        int stored = settlements(daemon).size();
        Credentials mallory = chain.local().account(7);
        Batch.SettlementDiff pays50 = new Batch.SettlementDiff(usd.tokenId(),
            hubIsLeft ? BigInteger.ZERO : usd.units(50).negate(), hubIsLeft ? usd.units(50).negate() : BigInteger.ZERO,
            usd.units(50), hubIsLeft ? BigInteger.ZERO : usd.units(50)); // Alice puts 50 of her reserve in
        BigInteger two = BigInteger.TWO;
        Map<String, Map<String, Object>> table = new LinkedHashMap<>();
        table.put("422 INVALID_SIGNATURE wrong signer",
            SettlementBodies.body(chain.hub(), alice, List.of(pays50), two, domain, mallory.getEcKeyPair()));
        Eip712Domain chainOne = Eip712Domain.depository(1, domain.verifyingContract());
        table.put("422 WRONG_CHAIN signed for and claiming chain 1",
            SettlementBodies.body(chain.hub(), alice, List.of(pays50), two, chainOne, aliceKey.getEcKeyPair()));
        table.put("422 INVALID_SIGNATURE signed for chain 1, claiming this one",
            SettlementBodies.body(chain.hub(), alice, List.of(pays50), two, domain, chainOne, aliceKey.getEcKeyPair()));
        Eip712Domain otherContract = Eip712Domain.depository(domain.chainId(), "0x" + "12".repeat(20));
        table.put("422 WRONG_CONTRACT another Depository",
            SettlementBodies.body(chain.hub(), alice, List.of(pays50), two, otherContract, aliceKey.getEcKeyPair()));
        table.put("409 STALE_NONCE nonce already used on chain",
            SettlementBodies.body(chain.hub(), alice, List.of(pays50), BigInteger.ONE, domain, aliceKey.getEcKeyPair()));
        Map<String, Object> broken = SettlementBodies.body(chain.hub(), alice, List.of(pays50), two, domain,
            aliceKey.getEcKeyPair());
        broken.put("diffs", List.of(SettlementBodies.diff(usd.tokenId(), BigInteger.ZERO, usd.units(50).negate(),
            usd.units(60), BigInteger.ZERO)));
        table.put("422 CONSERVATION_BROKEN reserves and collateral do not sum to 0", broken);
        Batch.SettlementDiff takes500 = new Batch.SettlementDiff(usd.tokenId(),
            hubIsLeft ? BigInteger.ZERO : usd.units(500).negate(), hubIsLeft ? usd.units(500).negate() : BigInteger.ZERO,
            usd.units(500), BigInteger.ZERO);
        table.put("422 INSUFFICIENT_FUNDS 500 from a reserve of 100",
            SettlementBodies.body(chain.hub(), alice, List.of(takes500), two, domain, aliceKey.getEcKeyPair()));
        Batch.SettlementDiff collateralOut = hubIsLeft
            ? new Batch.SettlementDiff(usd.tokenId(), BigInteger.ZERO, usd.units(5), usd.units(5).negate(),
                BigInteger.ZERO)
            : new Batch.SettlementDiff(usd.tokenId(), usd.units(5), BigInteger.ZERO, usd.units(5).negate(),
                BigInteger.ZERO);
        table.put("422 INSUFFICIENT_FUNDS 5 out of an empty collateral",
            SettlementBodies.body(chain.hub(), alice, List.of(collateralOut), two, domain, aliceKey.getEcKeyPair()));
        Batch.SettlementDiff unknown = new Batch.SettlementDiff(99, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO,
            BigInteger.ONE);
        table.put("422 UNKNOWN_TOKEN token 99",
            SettlementBodies.body(chain.hub(), alice, List.of(unknown), two, domain, aliceKey.getEcKeyPair()));
        Map<String, Object> numberAmount = new LinkedHashMap<>(good);
        numberAmount.put("nonce", 2);
        table.put("400 MALFORMED_REQUEST a JSON number for the nonce", numberAmount);
        Map<String, Object> missing = new LinkedHashMap<>(good);
        missing.remove("signature");
        table.put("400 MALFORMED_REQUEST no signature", missing);
        Map<String, Object> hubItself = SettlementBodies.body(chain.hub(), List.of(pays50), two, domain,
            io.hubd.contracts.SettlementAuthorization.between(chain.hub(), alice, List.of(pays50), two)
                .sign(domain, chain.hubKey().getEcKeyPair()));
        table.put("422 INVALID_REQUEST the hub as counterparty", hubItself);

        table.forEach((row, body) -> {
          HubdClient.Answer answer = api.handInSettlement(body);
          String[] expected = row.split(" ", 3);
          assertThat(answer.status()).as(row + ": " + answer).isEqualTo(Integer.parseInt(expected[0]));
          assertThat(answer.code()).as(row + ": " + answer).isEqualTo(expected[1]);
        });
        HubdClient.Answer truncated = api.postRaw("/v1/settlements", "{\"counterparty\": \"0x", true);
        assertThat(truncated.status()).isEqualTo(400);
        assertThat(truncated.code()).isEqualTo("MALFORMED_REQUEST");
        HubdClient.Answer anonymous = api.postRaw("/v1/settlements", good.toString(), false);
        assertThat(anonymous.status()).isEqualTo(401);
        Map<String, Object> otherAtSameNonce = SettlementBodies.body(chain.hub(), alice, List.of(pays50),
            BigInteger.ONE, domain, aliceKey.getEcKeyPair());
        assertThat(api.handInSettlement(otherAtSameNonce).status()).as("stale, and nonce 1 is taken").isIn(409);

        assertThat(settlements(daemon)).as("nothing queued by a refusal").hasSize(stored);
        assertThat(driver.batchNonce(chain.hub())).isEqualTo(batchNonce);
        assertThat(driver.account(chain.hub(), alice, usd.tokenId())).isEqualTo(after);
      }
    }
  }

  @Test
  void aSettlementTheChainRefusesFailsWithTheReasonAndIsNeverSentAgain() {
    try (TestChain chain = TestChain.start()) {
      DeployedSuite.DeployedToken usd = chain.suite().token("TUSD");
      DepositoryDriver driver = chain.driver();
      Credentials aliceKey = chain.local().account(2);
      EntityId alice = EntityId.ofAddress(aliceKey.getAddress());
      boolean hubIsLeft = chain.hub().isLeftOf(alice);
      chain.fundReserve(aliceKey, "TUSD", 50);
      BigInteger fifty = usd.units(50);

      try (HubdRuntime daemon = DaemonFixture.start(chain, dir, Map.of())) {
        HubdClient api = new HubdClient("http://127.0.0.1:" + daemon.httpPort(), "operator-token-for-tests");
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/ready").ok());
        // Alice tops her account's collateral up with her reserve, on the hub's side
        Batch.SettlementDiff topUp = hubIsLeft
            ? new Batch.SettlementDiff(usd.tokenId(), BigInteger.ZERO, fifty.negate(), fifty, BigInteger.ZERO)
            : new Batch.SettlementDiff(usd.tokenId(), fifty.negate(), BigInteger.ZERO, fifty, fifty);
        chain.local().control().setAutomine(false);
        HubdClient.Answer queued = api.handInSettlement(SettlementBodies.body(chain.hub(), alice, List.of(topUp),
            BigInteger.ONE, daemon.services().domain(), aliceKey.getEcKeyPair()));
        assertThat(queued.status()).as(queued.toString()).isEqualTo(202);
        long id = queued.body().path("id").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> chain.local().control().pendingTransactionCount() > 0);

        // before the hub's batch is mined, Alice withdraws her reserve to her wallet, paying a higher tip
        Batch drain = Batch.builder().reserveToExternal(new Batch.ReserveToExternal(aliceKey.getAddress(),
            usd.tokenId(), fifty)).build();
        BatchCall call = driver.call(aliceKey, drain);
        BigInteger gwei = BigInteger.TEN.pow(9);
        chain.local().client().submit(aliceKey, chain.suite().depository(), call.callData(), BigInteger.ZERO,
            BigInteger.valueOf(300_000), new ChainClient.Fees(gwei.multiply(BigInteger.valueOf(200)),
                gwei.multiply(BigInteger.valueOf(100))));
        chain.local().control().mine();
        chain.local().control().setAutomine(true);

        await().atMost(Duration.ofSeconds(30)).until(() ->
            api.operatorGet("/v1/settlements/" + id).body().path("state").asText().equals("FAILED"));
        HubdClient.Answer failed = api.operatorGet("/v1/settlements/" + id);
        assertThat(failed.body().path("reason").asText()).contains("InsufficientReserve");
        BigInteger batchNonce = driver.batchNonce(chain.hub());
        chain.local().control().mine(5);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
            api.operatorGet("/v1/settlements/" + id).body().path("state").asText().equals("FAILED"));
        assertThat(driver.batchNonce(chain.hub())).as("never sent again").isEqualTo(batchNonce);
        assertThat(driver.account(chain.hub(), alice, usd.tokenId()).collateral()).isZero();
        assertThat(driver.reserve(alice, usd.tokenId())).isZero();
        assertThat(driver.walletBalance(usd, aliceKey.getAddress())).isGreaterThanOrEqualTo(fifty);
      }
    }
  }

  private static List<Proposal> settlements(HubdRuntime daemon) {
    return new ProposalStore(daemon.store()).inState(Proposal.ProposalState.USED).stream()
        .filter(p -> p.kind() == Proposal.Kind.SETTLEMENT).toList();
  }
}
