package io.hubd.daemon.bench;

import io.hubd.chainsim.ChainClient;
import io.hubd.chainsim.ChainControl;
import io.hubd.chainsim.DeployedSuite;
import io.hubd.contracts.Batch;
import io.hubd.contracts.BatchCall;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.testkit.TestChain;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Fills a chain with hub events fast: R2C batches of 256 pairs by the hub, several per block (automine off), to a
 * pool of counterparties on both sides of the hub. Each batch emits 256 AccountUpdated, one ReserveUpdated and one
 * BatchProcessed event. Not thread-safe.
 */
final class R2cLoad {
  private static final Logger log = LoggerFactory.getLogger(R2cLoad.class);
  static final int PAIRS = Batch.MAX_R2C_PAIRS;
  static final int EVENTS_PER_BATCH = PAIRS + 2;
  private static final int COUNTERPARTIES = 4096;

  /** What was generated: the hub batches and the blocks they fill. */
  record Generated(int batches, long firstBlock, long lastBlock) {
    long events() {
      return (long) batches * EVENTS_PER_BATCH;
    }
  }

  private final TestChain chain;

  R2cLoad(TestChain chain) {
    this.chain = Objects.requireNonNull(chain, "chain == null");
  }

  Generated generate(int batches, int batchesPerBlock) {
    DeployedSuite suite = chain.suite();
    DeployedSuite.DeployedToken token = suite.token("TUSD");
    chain.fundHubReserve("TUSD", 1_000_000);
    Credentials hub = chain.hubKey();
    ChainClient client = chain.local().client();
    ChainControl control = chain.local().control();
    long nonce = chain.driver().batchNonce(chain.hub()).longValueExact() + 1;
    BigInteger gasLimit =
        client.estimateGas(hub.getAddress(), suite.depository(), call(token, 0, nonce).callData(), BigInteger.ZERO);
    long firstBlock = client.blockNumber() + 1;
    control.setAutomine(false);
    try {
      List<String> pending = new ArrayList<>();
      for (int b = 0; b < batches; b++) {
        pending.add(client.submit(hub, suite.depository(), call(token, b, nonce + b).callData(), BigInteger.ZERO,
            gasLimit, client.defaultFees()));
        if (pending.size() == batchesPerBlock || b == batches - 1) {
          mineAll(control, client, pending);
          pending.clear();
        }
        if ((b + 1) % 50 == 0) {
          log.info("{} of {} batches mined", b + 1, batches);
        }
      }
    } finally {
      control.setAutomine(true);
    }
    return new Generated(batches, firstBlock, client.blockNumber());
  }

  /** Mines until every pending transaction is in a block, and checks that each succeeded. */
  private static void mineAll(ChainControl control, ChainClient client, List<String> transactions) {
    do {
      control.mine();
    } while (control.pendingTransactionCount() > 0);
    for (String tx : transactions) {
      TransactionReceipt receipt = client.waitForReceipt(tx, Duration.ofSeconds(30));
      if (!receipt.isStatusOK()) {
        throw new IllegalStateException("R2C batch " + tx + " failed");
      }
    }
  }

  /** Batch {@code index}: one base unit into each of 256 consecutive counterparties of the pool. */
  private static BatchCall call(DeployedSuite.DeployedToken token, int index, long batchNonce) {
    List<Batch.R2CPair> pairs = new ArrayList<>(PAIRS);
    for (int i = 0; i < PAIRS; i++) {
      pairs.add(new Batch.R2CPair(counterparty((index * PAIRS + i) % COUNTERPARTIES), BigInteger.ONE));
    }
    Batch batch = Batch.builder().reserveToCollateral(new Batch.ReserveToCollateral(token.tokenId(), pairs)).build();
    return BatchCall.of(batch, BigInteger.valueOf(batchNonce));
  }

  /** Even indexes sort below any EOA (the hub is the right side), odd ones above (the hub is the left side). */
  private static EntityId counterparty(int index) {
    BigInteger id = BigInteger.valueOf(index + 1);
    return EntityId.of(String.format("0x%064x", index % 2 == 0 ? id : id.shiftLeft(200)));
  }
}
