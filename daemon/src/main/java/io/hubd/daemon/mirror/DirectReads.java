package io.hubd.daemon.mirror;

import io.hubd.contracts.AccountState;
import io.hubd.contracts.DepositoryCalls;
import io.hubd.contracts.DisputeState;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.chain.Chain;
import io.hubd.daemon.mirror.Rows.AccountKey;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads the hub's part of the Depository straight from the contract with {@code eth_call} at one block: the token
 * registry, the hub's reserves ({@code reservesOf}), its accounts with given counterparties ({@code accountsOf},
 * a bounded number per call), their open disputes ({@code disputeOf}, one call each) and the challenge period.
 * Thread-safe as the chain is.
 */
final class DirectReads {
  static final int ACCOUNTS_PER_CALL = 200;

  private final Chain chain;
  private final String depository;
  private final EntityId hub;

  DirectReads(Chain chain, String depository, EntityId hub) {
    this.chain = Objects.requireNonNull(chain, "chain == null");
    this.depository = Objects.requireNonNull(depository, "depository == null");
    this.hub = Objects.requireNonNull(hub, "hub == null");
  }

  /**
   * The state at {@code block}: every registered token, and the reserves and accounts of those tokens and of
   * {@code extraTokens} (ids the caller knows of, registered or not) with {@code counterparties}.
   */
  HubState read(long block, Collection<Integer> extraTokens, Collection<EntityId> counterparties) {
    int tokenCount = chain.view(depository, DepositoryCalls.tokenCount(), block).intValueExact();
    Map<Integer, String> tokens = new HashMap<>();
    for (int id = 1; id <= tokenCount; id++) {
      tokens.put(id, chain.view(depository, DepositoryCalls.tokenAddress(id), block).toLowerCase(Locale.ROOT));
    }
    Set<Integer> tokenIds = new TreeSet<>(tokens.keySet());
    tokenIds.addAll(extraTokens);
    List<Integer> ids = List.copyOf(tokenIds);
    Map<Integer, BigInteger> reserves = new HashMap<>();
    if (!ids.isEmpty()) {
      List<BigInteger> balances = chain.view(depository, DepositoryCalls.reservesOf(hub, ids), block);
      for (int i = 0; i < ids.size(); i++) {
        reserves.put(ids.get(i), balances.get(i));
      }
    }
    Map<AccountKey, AccountState> accounts = new HashMap<>();
    List<EntityId> parties = new ArrayList<>(new TreeSet<>(counterparties));
    for (int tokenId : ids) {
      for (int from = 0; from < parties.size(); from += ACCOUNTS_PER_CALL) {
        List<EntityId> chunk = parties.subList(from, Math.min(parties.size(), from + ACCOUNTS_PER_CALL));
        List<AccountState> states = chain.view(depository, DepositoryCalls.accountsOf(hub, chunk, tokenId), block);
        for (int i = 0; i < chunk.size(); i++) {
          accounts.put(new AccountKey(chunk.get(i), tokenId), states.get(i));
        }
      }
    }
    long batchNonce = chain.view(depository, DepositoryCalls.batchNonceOf(hub), block).longValueExact();
    return new HubState(block, tokens, reserves, accounts, batchNonce);
  }

  /** The open dispute, at {@code block}, of the hub's account with each of {@code counterparties}; empty: none. */
  Map<EntityId, Optional<DisputeState>> disputes(long block, Collection<EntityId> counterparties) {
    Map<EntityId, Optional<DisputeState>> out = new TreeMap<>();
    for (EntityId counterparty : counterparties) {
      out.put(counterparty, chain.view(depository, DepositoryCalls.disputeOf(hub, counterparty), block));
    }
    return out;
  }

  /** The Depository's challenge period in blocks, as of {@code block}. */
  long challengePeriod(long block) {
    return chain.view(depository, DepositoryCalls.challengePeriod(), block).longValueExact();
  }
}
