package io.hubd.daemon.mirror;

import io.hubd.contracts.AccountState;
import io.hubd.daemon.mirror.Rows.AccountKey;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * The hub's part of the Depository at one block, as the mirror holds it or as the contract reports it: the token
 * registry, the hub's reserves, and its accounts over a grid of counterparties and tokens (zero where nothing was
 * ever locked), plus the hub's batch nonce. Immutable.
 */
record HubState(
    long block,
    Map<Integer, String> tokens,
    Map<Integer, BigInteger> reserves,
    Map<AccountKey, AccountState> accounts,
    long batchNonce) {

  HubState {
    tokens = Map.copyOf(tokens);
    reserves = Map.copyOf(reserves);
    accounts = Map.copyOf(accounts);
  }

  /** How many keys {@link #diff} compares with {@code chain}. */
  int keysCompared(HubState chain) {
    return union(tokens, chain.tokens) + union(reserves, chain.reserves) + union(accounts, chain.accounts) + 1;
  }

  private static int union(Map<?, ?> a, Map<?, ?> b) {
    Set<Object> keys = new HashSet<>(a.keySet());
    keys.addAll(b.keySet());
    return keys.size();
  }

  /** The keys whose values differ between this state (the mirror's) and {@code chain}, in a stable order. */
  List<DriftReport.Mismatch> diff(HubState chain) {
    Objects.requireNonNull(chain, "chain == null");
    List<DriftReport.Mismatch> out = new ArrayList<>();
    compare(out, "token", tokens, chain.tokens, "(none)");
    compare(out, "reserve", reserves, chain.reserves, BigInteger.ZERO);
    compare(out, "account", accounts, chain.accounts, AccountState.EMPTY);
    if (batchNonce != chain.batchNonce) {
      out.add(new DriftReport.Mismatch(DriftReport.BATCH_NONCE_KEY, Long.toString(batchNonce),
          Long.toString(chain.batchNonce), OptionalInt.empty()));
    }
    return out;
  }

  private static <K, V> void compare(
      List<DriftReport.Mismatch> out, String kind, Map<K, V> mirror, Map<K, V> chain, V absent) {
    Map<String, K> keys = new TreeMap<>();
    mirror.keySet().forEach(k -> keys.put(label(k), k));
    chain.keySet().forEach(k -> keys.put(label(k), k));
    for (Map.Entry<String, K> key : keys.entrySet()) {
      V mirrored = mirror.getOrDefault(key.getValue(), absent);
      V onChain = chain.getOrDefault(key.getValue(), absent);
      if (!mirrored.equals(onChain)) {
        out.add(new DriftReport.Mismatch(kind + " " + key.getKey(), text(mirrored), text(onChain),
            OptionalInt.of(tokenOf(key.getValue()))));
      }
    }
  }

  private static String label(Object key) {
    if (key instanceof AccountKey k) {
      return k.counterparty().hex() + "/" + k.tokenId();
    }
    return String.valueOf(key);
  }

  /** The token of a reserve or registration key (the token id itself) or of an account key. */
  private static int tokenOf(Object key) {
    return key instanceof AccountKey k ? k.tokenId() : (Integer) key;
  }

  private static String text(Object value) {
    if (value instanceof AccountState a) {
      return "collateral=" + a.collateral() + " ondelta=" + a.ondelta() + " nonce=" + a.nonce();
    }
    return String.valueOf(value);
  }
}
