package io.hubd.chainsim.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.chainsim.ChainCallReverted;
import io.hubd.chainsim.ChainClient;
import io.hubd.chainsim.DeployedSuite;
import io.hubd.chainsim.DeployedSuite.DeployedToken;
import io.hubd.contracts.DepositoryCalls;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.Erc20Calls;
import io.hubd.contracts.FaucetCalls;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Random batches from several entities, with every kind of operation (disputes included) and a share of faulty
 * ones, interleaved with faucet drips, off-chain payments (co-signed account states that disputes claim) and
 * waits of a challenge period. After every step, per token: all reserves plus all collateral equal the Depository's token
 * balance; all wallets plus the Depository plus the faucet hold the total supply; a reverted batch changed
 * nothing; and the chain agrees with {@link DepositoryModel} on whether the batch reverted, why, and the exact
 * post-state. The seed is random unless {@code -Dhubd.conservation.seed} fixes it, and every failure names it;
 * {@code -Dhubd.conservation.steps} sets the number of steps.
 */
class ValueConservationIT {
  private static final Logger log = LoggerFactory.getLogger(ValueConservationIT.class);
  private static final int STEPS = Integer.getInteger("hubd.conservation.steps", 200);
  private static final BigInteger GAS_LIMIT = BigInteger.valueOf(6_000_000);
  private static final BigInteger UNLIMITED = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
  private static final EntityId CONTRACT_ENTITY = new EntityId("0x" + "ab".repeat(32)); // holds value, cannot sign

  @RegisterExtension
  static final FixtureExtension FIXTURE = new FixtureExtension("conservation", ValueConservationIT::approveAll);

  @Test
  void randomBatchesNeitherCreateNorDestroyValue() {
    long seed = Long.getLong("hubd.conservation.seed", new Random().nextLong());
    log.info("random batches with seed {} (rerun with -Dhubd.conservation.seed={})", seed, seed);
    Random random = new Random(seed);
    DepositoryFixture f = FIXTURE.get();
    DeployedSuite suite = f.suite();
    List<String> payees = new ArrayList<>(f.keys().stream().map(Credentials::getAddress).toList());
    payees.add(TestKeys.key("conservation/outsider").getAddress());
    List<String> holders = new ArrayList<>(payees);
    holders.addAll(List.of(suite.depository(), suite.faucet(), f.owner().getAddress()));
    List<EntityId> entities = new ArrayList<>(f.keys().stream().map(DepositoryFixture::id).toList());
    entities.add(CONTRACT_ENTITY);
    RandomBatches batches =
        new RandomBatches(random, f.keys(), List.of(CONTRACT_ENTITY), payees, f.domain(), suite.tokens().size());
    long period = f.client().call(suite.depository(), DepositoryCalls.challengePeriod()).longValueExact();
    DepositoryModel model = new DepositoryModel(f.domain(), suite.tokens().size(), suite.depository(), period);
    Map<String, Integer> outcomes = new TreeMap<>();
    Map<String, Integer> disputes = new TreeMap<>();

    Ledger ledger = Ledger.read(f.client(), suite, entities, holders);
    checkConservation(ledger, "before the first step (seed " + seed + ")");
    for (int step = 1; step <= STEPS; step++) {
      Ledger expected = ledger.copy();
      String context;
      Optional<String> predicted;
      Optional<String> actual;
      int draw = random.nextInt(20);
      String offChain = null;
      if (draw < 3) { // a payment off-chain: a new co-signed account state, nothing on chain
        offChain = "payment";
        context = batches.pay(ledger);
        predicted = Optional.empty();
        actual = Optional.empty();
      } else if (draw == 3) { // time passes: disputes become final
        offChain = "wait";
        context = "wait " + (period + 1) + " blocks";
        f.chain().control().mine(period + 1);
        predicted = Optional.empty();
        actual = Optional.empty();
      } else if (draw < 6) {
        String recipient = payees.get(random.nextInt(payees.size()));
        DeployedToken token = suite.tokens().get(random.nextInt(suite.tokens().size()));
        BigInteger amount = BigInteger.valueOf(1 + random.nextInt(1_000_000));
        context = "drip of " + amount + " " + token.symbol() + " to " + recipient;
        actual = drip(f, token, recipient, amount);
        if (actual.isEmpty()) {
          int id = token.tokenId();
          expected.setWallet(suite.faucet(), id, expected.wallet(suite.faucet(), id).subtract(amount));
          expected.setWallet(recipient, id, expected.wallet(recipient, id).add(amount));
        }
        predicted = actual; // the faucet's own rules are FaucetIT's business; here only its transfers count
      } else {
        long block = f.client().blockNumber() + 1; // automine: the batch lands in the next block
        RandomBatches.Proposal proposal = batches.next(ledger, block);
        context = proposal.description();
        predicted =
            model.apply(expected, proposal.submitter().getAddress(), proposal.batch(), proposal.batchNonce(), block);
        actual = submit(f.client(), suite, proposal);
      }
      context = "seed " + seed + ", step " + step + ": " + context;
      Ledger after = Ledger.read(f.client(), suite, entities, holders);

      assertThat(actual).as("outcome of %s", context).isEqualTo(predicted);
      if (actual.isPresent()) {
        assertThat(after.differences(ledger)).as("a reverted %s changed", context).isEmpty();
      } else {
        assertThat(after.differences(expected)).as("chain against model after %s", context).isEmpty();
      }
      checkConservation(after, context);
      Ledger previous = ledger;
      disputes.merge("started", (int) after.disputes().keySet().stream()
          .filter(pair -> !previous.disputes().containsKey(pair)).count(), Integer::sum);
      disputes.merge("ended", (int) previous.disputes().keySet().stream()
          .filter(pair -> !after.disputes().containsKey(pair)).count(), Integer::sum);
      outcomes.merge(offChain != null ? offChain : actual.orElse("applied"), 1, Integer::sum);
      ledger = after;
    }

    log.info("seed {}: outcomes of {} steps: {}; disputes: {}", seed, STEPS, outcomes, disputes);
    assertThat(disputes.getOrDefault("started", 0)).as("disputes started (seed %d)", seed).isPositive();
    int applied = outcomes.getOrDefault("applied", 0);
    int onChain = STEPS - outcomes.getOrDefault("payment", 0) - outcomes.getOrDefault("wait", 0);
    assertThat(applied).as("steps applied (seed %d): %s", seed, outcomes).isGreaterThanOrEqualTo(onChain / 4);
    assertThat(onChain - applied).as("steps reverted (seed %d): %s", seed, outcomes)
        .isGreaterThanOrEqualTo(STEPS / 10);
  }

  /** Per token: the Depository holds exactly reserves plus collateral, and wallets hold the rest of the supply. */
  private static void checkConservation(Ledger ledger, String context) {
    DepositoryFixture f = FIXTURE.get();
    for (DeployedToken token : f.suite().tokens()) {
      int id = token.tokenId();
      assertThat(ledger.depositoryTotal(id))
          .as("%s reserves plus collateral against the Depository's balance after %s", token.symbol(), context)
          .isEqualTo(ledger.wallet(f.suite().depository(), id));
      assertThat(ledger.walletTotal(id))
          .as("%s held by wallets, Depository and faucet against the total supply after %s", token.symbol(), context)
          .isEqualTo(f.client().call(token.address(), Erc20Calls.totalSupply()));
    }
  }

  /** Submits with a fixed gas limit, so a batch that reverts is mined as a failed transaction. */
  private static Optional<String> submit(ChainClient client, DeployedSuite suite, RandomBatches.Proposal proposal) {
    String callData = RawBatch.callData(proposal.batch(), proposal.batchNonce());
    try {
      String hash =
          client.submit(
              proposal.submitter(), suite.depository(), callData, BigInteger.ZERO, GAS_LIMIT, client.defaultFees());
      TransactionReceipt receipt = client.waitForReceipt(hash, Duration.ofSeconds(30));
      return receipt.isStatusOK() ? Optional.empty() : Optional.of("reverted without a reason: " + hash);
    } catch (ChainCallReverted e) {
      return Optional.of(e.reason().name());
    }
  }

  private static Optional<String> drip(DepositoryFixture f, DeployedToken token, String recipient, BigInteger amount) {
    try {
      f.client().send(f.hub(), f.suite().faucet(), FaucetCalls.drip(token.address(), recipient, amount));
      return Optional.empty();
    } catch (ChainCallReverted e) {
      return Optional.of(e.reason().name());
    }
  }

  private static void approveAll(DepositoryFixture f) {
    for (Credentials key : f.keys()) {
      for (DeployedToken token : f.suite().tokens()) {
        f.approve(key, token, UNLIMITED);
      }
    }
  }
}
