package io.hubd.chainsim.sim;

import io.hubd.chainsim.ChainClient;
import io.hubd.chainsim.DeployedSuite;
import io.hubd.contracts.Batch;
import io.hubd.contracts.BatchCall;
import io.hubd.contracts.DepositoryCalls;
import io.hubd.contracts.DepositoryEvents;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.Erc20Calls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Checks, straight from the chain, that no value was created or lost and no work took effect twice: per token, the
 * Depository's token balance equals every known entity's reserve plus every hub account's collateral, and the total
 * supply equals the known wallets plus the Depository; every batch the hub landed funds each (account, token) at most
 * once; and, across all its batches, no account got more R2C than it was ever owed and no wallet more payouts than
 * were accepted ({@link #exactlyOnce}). Returns the violations found (empty: all held).
 */
public final class ValueAudit {
  private final ChainClient client;
  private final DeployedSuite suite;

  public ValueAudit(ChainClient client, DeployedSuite suite) {
    this.client = Objects.requireNonNull(client, "client == null");
    this.suite = Objects.requireNonNull(suite, "suite == null");
  }

  /**
   * @param entities every entity that may hold a reserve
   * @param hub the hub
   * @param counterparties every entity that may have an account with the hub
   * @param wallets every address that may hold the tokens outside the Depository
   */
  public List<String> check(Collection<EntityId> entities, EntityId hub, Collection<EntityId> counterparties,
      Collection<String> wallets) {
    List<String> violations = new ArrayList<>();
    for (DeployedSuite.DeployedToken token : suite.tokens()) {
      BigInteger held = client.call(token.address(), Erc20Calls.balanceOf(suite.depository()));
      BigInteger reserves = BigInteger.ZERO;
      for (EntityId e : entities) {
        reserves = reserves.add(client.call(suite.depository(), DepositoryCalls.reserveOf(e, token.tokenId())));
      }
      BigInteger collateral = BigInteger.ZERO;
      for (EntityId cp : counterparties) {
        collateral = collateral.add(
            client.call(suite.depository(), DepositoryCalls.accountOf(hub, cp, token.tokenId())).collateral());
      }
      if (!held.equals(reserves.add(collateral))) {
        violations.add(token.symbol() + ": the Depository holds " + held + " but reserves + collateral are "
            + reserves.add(collateral));
      }
      BigInteger outside = BigInteger.ZERO;
      for (String w : new HashSet<>(wallets)) {
        outside = outside.add(client.call(token.address(), Erc20Calls.balanceOf(w)));
      }
      BigInteger supply = client.call(token.address(), Erc20Calls.totalSupply());
      if (!supply.equals(outside.add(held))) {
        violations.add(token.symbol() + ": total supply " + supply + " but wallets + Depository hold "
            + outside.add(held));
      }
    }
    violations.addAll(fundedTwice(hub));
    return violations;
  }

  /**
   * Every piece of work took effect at most once, over every batch {@code hub} landed: no account received more R2C
   * in {@code tokenId} than the hub ever owed it ({@code mostOwed}; an account not listed was owed nothing), and no
   * wallet received more payouts than were accepted for it ({@code payoutsAccepted}, by lower-case address). A batch
   * sent twice, or an account planned again while its funding was in flight, shows here.
   */
  public List<String> exactlyOnce(EntityId hub, int tokenId, Map<EntityId, BigInteger> mostOwed,
      Map<String, Long> payoutsAccepted) {
    Map<EntityId, BigInteger> funded = new HashMap<>();
    Map<String, Integer> batchesFunding = new HashMap<>();
    Map<String, Long> paid = new HashMap<>();
    for (String tx : batchTransactions(hub)) {
      Batch batch = batchOf(tx);
      for (Batch.ReserveToCollateral group : batch.reserveToCollateral()) {
        if (group.tokenId() != tokenId) {
          continue;
        }
        for (Batch.R2CPair pair : group.pairs()) {
          funded.merge(pair.counterparty(), pair.amount(), BigInteger::add);
          batchesFunding.merge(pair.counterparty().hex(), 1, Integer::sum);
        }
      }
      batch.reserveToExternal().stream().filter(op -> op.tokenId() == tokenId)
          .forEach(op -> paid.merge(op.receiver().toLowerCase(Locale.ROOT), 1L, Long::sum));
      batch.reserveToReserve().stream().filter(op -> op.tokenId() == tokenId && op.receiver().address().isPresent())
          .forEach(op -> paid.merge(op.receiver().address().get().toLowerCase(Locale.ROOT), 1L, Long::sum));
    }
    List<String> violations = new ArrayList<>();
    funded.forEach((account, total) -> {
      BigInteger owed = mostOwed.getOrDefault(account, BigInteger.ZERO);
      if (total.compareTo(owed) > 0) {
        violations.add(account + " received " + total + " by R2C in " + batchesFunding.get(account.hex())
            + " batches but was never owed more than " + owed);
      }
    });
    paid.forEach((wallet, times) -> {
      long accepted = payoutsAccepted.getOrDefault(wallet, 0L);
      if (times > accepted) {
        violations.add(wallet + " was paid " + times + " times for " + accepted + " payouts accepted");
      }
    });
    return violations;
  }

  /** Every landed batch of {@code hub}, decoded from its transaction: an (account, token) funded twice is a violation. */
  public List<String> fundedTwice(EntityId hub) {
    List<String> violations = new ArrayList<>();
    for (String tx : batchTransactions(hub)) {
      Batch batch = batchOf(tx);
      Set<String> funded = new HashSet<>();
      for (Batch.ReserveToCollateral group : batch.reserveToCollateral()) {
        for (Batch.R2CPair pair : group.pairs()) {
          if (!funded.add(pair.counterparty() + "/" + group.tokenId())) {
            violations.add("batch " + tx + " funds " + pair.counterparty() + " in token " + group.tokenId()
                + " twice");
          }
        }
      }
    }
    return violations;
  }

  /** The hub's landed batch transactions, in order. */
  public List<String> batchTransactions(EntityId hub) {
    EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(suite.deploymentBlock())),
        DefaultBlockParameter.valueOf(BigInteger.valueOf(client.blockNumber())), suite.depository());
    filter.addSingleTopic(DepositoryEvents.BATCH_PROCESSED);
    filter.addSingleTopic(hub.hex());
    try {
      EthLog logs = client.web3j().ethGetLogs(filter).send();
      if (logs.hasError()) {
        throw new IllegalStateException("eth_getLogs: " + logs.getError().getMessage());
      }
      return logs.getLogs().stream().map(r -> ((Log) r.get()).getTransactionHash()).distinct().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The batch a landed transaction carried. */
  public Batch batchOf(String tx) {
    return callOf(tx).batch();
  }

  /** The {@code processBatch} call (batch and batch nonce) a landed transaction carried. */
  public BatchCall callOf(String tx) {
    return BatchCall.decode(input(tx));
  }

  private String input(String tx) {
    try {
      return client.web3j().ethGetTransactionByHash(tx).send().getTransaction().orElseThrow().getInput();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
