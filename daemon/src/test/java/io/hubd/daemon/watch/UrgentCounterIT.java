package io.hubd.daemon.watch;

import static io.hubd.daemon.watch.DisputeWorld.id;
import static io.hubd.daemon.watch.HubdUnderTest.PATIENCE;
import static io.hubd.daemon.watch.StaleClaimIT.awaitClaim;
import static io.hubd.daemon.watch.StaleClaimIT.awaitFinalised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hubd.chainsim.ChainClient;
import io.hubd.chainsim.ChainControl;
import io.hubd.contracts.AccountStateAuthorization;
import io.hubd.contracts.Batch;
import io.hubd.contracts.BatchCall;
import io.hubd.daemon.testkit.SharedChain;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * A rebalance batch stuck in the mempool does not delay a counter, on a Hardhat chain mined by hand: hubd's R2C batch
 * for Bob waits unmined below the base fee when Alice's stale claim lands (she pays more); hubd re-signs the stuck
 * batch at its transaction nonce and batch nonce with the counter added and emergency fees, and that one transaction
 * lands both: the hub's transaction count and batch nonce rise by one, Bob has his collateral, Alice's claim is
 * countered.
 */
class UrgentCounterIT {
  private static final BigInteger GWEI = BigInteger.TEN.pow(9);
  private static final Pattern AMENDED =
      Pattern.compile("amended with 1 operations: version \\d+ signed as (0x[0-9a-fA-F]{64})");

  @RegisterExtension static final SharedChain shared = new SharedChain(c -> c.fundHubReserve("TUSD", 10_000));

  @TempDir Path dir;

  @Test
  void aStuckRebalanceBatchIsReplacedAtItsNonceByOneThatAlsoCarriesTheCounter() throws IOException {
    DisputeWorld world = new DisputeWorld(shared.chain());
    Credentials alice = world.user(21);
    Credentials bob = world.user(22);
    world.collateralise(List.of(alice), shared.usd().units(500));
    ChainControl control = shared.chain().local().control();
    try (HubdUnderTest hubd = new HubdUnderTest(shared.chain(), dir, Map.of())) {
      hubd.start();
      AccountStateAuthorization stale = world.state(alice, 1, shared.usd().units(400));
      hubd.client().accountStates(List.of(world.signedByUser(alice, stale)));
      hubd.client().accountStates(List.of(world.signedByUser(alice, world.state(alice, 2,
          shared.usd().units(100)))));
      BigInteger hubTransactions = transactionCount();
      BigInteger hubBatchNonce = world.driver().batchNonce(world.hub());

      control.setAutomine(false);
      try {
        hubd.client().positions(1, Map.of(id(bob), Map.of(shared.usd().tokenId(),
            world.offdelta(bob, shared.usd().units(150))))); // Bob needs 150 of collateral: a rebalance batch
        await().atMost(PATIENCE).until(() -> control.pendingTransactionCount() == 1);

        String claim = claimPayingMore(alice, stale);
        control.setNextBlockBaseFee(GWEI.multiply(BigInteger.valueOf(50))); // above what the rebalance batch pays
        control.mine();
        assertThat(shared.chain().local().client().receipt(claim)).isPresent();
        assertThat(transactionCount()).isEqualTo(hubTransactions); // the rebalance batch still waits

        String amended = await().atMost(PATIENCE).until(() -> amendedTransaction(hubd.output()), Optional::isPresent)
            .orElseThrow();
        // the amendment is logged once signed and journaled, and sent at the pipeline's next step: mine once the
        // node holds it, or the block is mined without it and nothing mines it afterwards
        await().atMost(PATIENCE).until(() -> pending(amended));
        control.mine();
      } finally {
        control.setAutomine(true);
      }

      awaitClaim(world, alice, 2);
      assertThat(transactionCount()).isEqualTo(hubTransactions.add(BigInteger.ONE));
      assertThat(world.driver().batchNonce(world.hub())).isEqualTo(hubBatchNonce.add(BigInteger.ONE));
      assertThat(world.account(bob).collateral()).isEqualTo(shared.usd().units(150));
      awaitFinalised(world, alice);
    }
  }

  /** Alice's dispute start, sent with fees well above the base fee the next block will have; its hash. */
  private static String claimPayingMore(Credentials alice, AccountStateAuthorization stale) {
    DisputeWorld world = new DisputeWorld(shared.chain());
    ChainClient client = shared.chain().local().client();
    BatchCall call = world.driver().call(alice, Batch.builder()
        .disputeStart(stale.toClaim(id(alice), world.sign(stale, shared.chain().hubKey()))).build());
    String depository = shared.chain().suite().depository();
    BigInteger gas = client.estimateGas(alice.getAddress(), depository, call.callData(), BigInteger.ZERO);
    return client.submit(alice, depository, call.callData(), BigInteger.ZERO, gas,
        new ChainClient.Fees(GWEI.multiply(BigInteger.valueOf(200)), GWEI));
  }

  /** The hash of the version hubd signed with the counter added, once its log says so. */
  private static Optional<String> amendedTransaction(String output) {
    Matcher m = AMENDED.matcher(output);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** Whether the node holds transaction {@code hash} (pending or mined). */
  private static boolean pending(String hash) throws IOException {
    return shared.chain().local().web3j().ethGetTransactionByHash(hash).send().getTransaction().isPresent();
  }

  private static BigInteger transactionCount() throws IOException {
    return shared.chain().local().web3j().ethGetTransactionCount(shared.chain().hubKey().getAddress(),
        DefaultBlockParameterName.LATEST).send().getTransactionCount();
  }
}
