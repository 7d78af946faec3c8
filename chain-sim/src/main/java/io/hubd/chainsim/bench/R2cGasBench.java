package io.hubd.chainsim.bench;

import io.hubd.chainsim.DepositoryDriver;
import io.hubd.chainsim.DeployedSuite;
import io.hubd.contracts.Batch;
import io.hubd.contracts.DepositoryEvent;
import io.hubd.contracts.DepositoryEvents;
import io.hubd.contracts.EntityId;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Submits R2C batches for one hub and reads the gas they used from their receipts. Every measurement funds
 * counterparties no earlier measurement touched, first while their accounts are new and then a second time.
 * Counterparties are address-shaped ids nobody holds a key for. Not thread-safe.
 */
final class R2cGasBench {
  private static final Logger log = LoggerFactory.getLogger(R2cGasBench.class);

  private final DepositoryDriver driver;
  private final Credentials hub;
  private final DeployedSuite.DeployedToken token;
  private final BigInteger amountPerPair;
  private int counterpartiesUsed;
  private BigInteger funded = BigInteger.ZERO;

  R2cGasBench(DepositoryDriver driver, Credentials hub, DeployedSuite.DeployedToken token, BigInteger amountPerPair) {
    this.driver = Objects.requireNonNull(driver, "driver == null");
    this.hub = Objects.requireNonNull(hub, "hub == null");
    this.token = Objects.requireNonNull(token, "token == null");
    this.amountPerPair = Objects.requireNonNull(amountPerPair, "amountPerPair == null");
    if (amountPerPair.signum() <= 0) {
      throw new IllegalArgumentException("amountPerPair must be positive: " + amountPerPair);
    }
  }

  /** One batch of {@code pairs} pairs for new accounts, then the same batch again for the now existing accounts. */
  R2cGasRow batched(int pairs) {
    List<EntityId> counterparties = freshCounterparties(pairs);
    long first = submit(counterparties);
    long second = submit(counterparties);
    log.info("batch of {} R2C pairs: {} gas for new accounts, {} for existing", pairs, first, second);
    return new R2cGasRow("batch", pairs, 1, first, second);
  }

  /** One single-pair batch per account for {@code accounts} new accounts, then the same again. */
  R2cGasRow oneTransactionPerPair(int accounts) {
    List<EntityId> counterparties = freshCounterparties(accounts);
    long first = 0;
    long second = 0;
    for (EntityId counterparty : counterparties) {
      first += submit(List.of(counterparty));
    }
    for (EntityId counterparty : counterparties) {
      second += submit(List.of(counterparty));
    }
    log.info("{} single-pair transactions: {} gas for new accounts, {} for existing", accounts, first, second);
    return new R2cGasRow("one transaction per pair", 1, accounts, first, second);
  }

  /** Everything this bench moved from the hub's reserve into collateral. */
  BigInteger funded() {
    return funded;
  }

  /** The {@code i}-th counterparty this bench funded, in the order it funded them. */
  EntityId counterparty(int i) {
    if (i < 0 || i >= counterpartiesUsed) {
      throw new IndexOutOfBoundsException("counterparty " + i + " of " + counterpartiesUsed);
    }
    return counterpartyId(i);
  }

  private long submit(List<EntityId> counterparties) {
    List<Batch.R2CPair> pairs = counterparties.stream().map(c -> new Batch.R2CPair(c, amountPerPair)).toList();
    Batch batch =
        Batch.builder().reserveToCollateral(new Batch.ReserveToCollateral(token.tokenId(), pairs)).build();
    TransactionReceipt receipt = driver.submit(hub, batch);
    long updates =
        receipt.getLogs().stream()
            .flatMap(l -> DepositoryEvents.decode(l).stream())
            .filter(e -> e instanceof DepositoryEvent.AccountsFunded)
            .mapToLong(e -> ((DepositoryEvent.AccountsFunded) e).accounts().size())
            .sum();
    if (updates != pairs.size()) {
      throw new IllegalStateException(
          "batch of " + pairs.size() + " R2C pairs updated " + updates + " accounts in " + receipt.getTransactionHash());
    }
    funded = funded.add(amountPerPair.multiply(BigInteger.valueOf(pairs.size())));
    return receipt.getGasUsed().longValueExact();
  }

  private List<EntityId> freshCounterparties(int n) {
    List<EntityId> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(counterpartyId(counterpartiesUsed++));
    }
    return out;
  }

  private static EntityId counterpartyId(int i) {
    String digest = Hash.sha3String("hubd gas report counterparty " + i);
    return EntityId.ofAddress("0x" + digest.substring(digest.length() - 40));
  }
}
