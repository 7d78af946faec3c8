package io.hubd.chainsim.sim;

import io.hubd.chainsim.ChainClient;
import io.hubd.chainsim.DeployedSuite;
import io.hubd.contracts.AccountState;
import io.hubd.contracts.DepositoryCalls;
import io.hubd.contracts.DepositoryEvent;
import io.hubd.contracts.DepositoryEvents;
import io.hubd.contracts.EntityId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The disputes of the hub's accounts as the Depository's events tell them, from a block on: claims the counterparties
 * made and which of them the hub countered (and how many blocks later), disputes the hub started, disputes finalised,
 * and what their ends paid into the hub's reserve in one token (each side's share is read from the account before and
 * after the finalisation: nothing else can touch a frozen account). Stateless.
 */
public final class DisputeLog {
  private final ChainClient client;
  private final DeployedSuite suite;

  public DisputeLog(ChainClient client, DeployedSuite suite) {
    this.client = Objects.requireNonNull(client, "client == null");
    this.suite = Objects.requireNonNull(suite, "suite == null");
  }

  /**
   * What happened.
   *
   * @param counterpartyClaims disputes a counterparty started
   * @param counterBlocks for each of those the hub countered, the blocks from the claim to the counter
   * @param hubStarts disputes the hub started
   * @param finalised disputes that ended
   * @param returnedToHub what their ends paid into the hub's reserve (base units of the token asked for)
   */
  public record Summary(int counterpartyClaims, List<Long> counterBlocks, int hubStarts, int finalised,
      BigInteger returnedToHub) {
    public Summary {
      counterBlocks = List.copyOf(counterBlocks);
    }
  }

  public Summary read(EntityId hub, int tokenId, long fromBlock) {
    int counterpartyClaims = 0;
    int hubStarts = 0;
    int finalised = 0;
    List<Long> counterBlocks = new ArrayList<>();
    BigInteger returned = BigInteger.ZERO;
    Map<EntityId, Long> claimedAt = new HashMap<>();
    for (DepositoryEvent event : events(fromBlock)) {
      if (event instanceof DepositoryEvent.DisputeClaimed c && (c.left().equals(hub) || c.right().equals(hub))) {
        EntityId counterparty = c.left().equals(hub) ? c.right() : c.left();
        boolean byHub = c.claimant().equals(hub);
        if (c.kind() == DepositoryEvent.DisputeClaimed.Kind.STARTED) {
          if (byHub) {
            hubStarts++;
          } else {
            counterpartyClaims++;
            claimedAt.put(counterparty, c.ref().blockNumber());
          }
        } else if (byHub && claimedAt.containsKey(counterparty)) {
          counterBlocks.add(c.ref().blockNumber() - claimedAt.remove(counterparty));
        }
      } else if (event instanceof DepositoryEvent.DisputeFinalised f && (f.left().equals(hub)
          || f.right().equals(hub))) {
        finalised++;
        returned = returned.add(hubShare(hub, f, tokenId));
      }
    }
    return new Summary(counterpartyClaims, counterBlocks, hubStarts, finalised, returned);
  }

  /** The hub's share of the collateral the finalisation split: left got the drop of ondelta, right the rest. */
  private BigInteger hubShare(EntityId hub, DepositoryEvent.DisputeFinalised f, int tokenId) {
    long block = f.ref().blockNumber();
    AccountState before = client.call(suite.depository(), DepositoryCalls.accountOf(f.left(), f.right(), tokenId),
        DefaultBlockParameter.valueOf(BigInteger.valueOf(block - 1)));
    AccountState after = client.call(suite.depository(), DepositoryCalls.accountOf(f.left(), f.right(), tokenId),
        DefaultBlockParameter.valueOf(BigInteger.valueOf(block)));
    BigInteger toLeft = before.ondelta().subtract(after.ondelta());
    return f.left().equals(hub) ? toLeft : before.collateral().subtract(toLeft);
  }

  private List<DepositoryEvent> events(long fromBlock) {
    EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(fromBlock)),
        DefaultBlockParameter.valueOf(BigInteger.valueOf(client.blockNumber())), suite.depository());
    filter.addOptionalTopics(DepositoryEvents.DISPUTE_STARTED, DepositoryEvents.DISPUTE_COUNTERED,
        DepositoryEvents.DISPUTE_FINALISED);
    try {
      EthLog logs = client.web3j().ethGetLogs(filter).send();
      if (logs.hasError()) {
        throw new IllegalStateException("eth_getLogs: " + logs.getError().getMessage());
      }
      List<DepositoryEvent> out = new ArrayList<>();
      logs.getLogs().forEach(r -> DepositoryEvents.decode((Log) r.get()).ifPresent(out::add));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
