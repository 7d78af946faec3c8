package io.hubd.chainsim.contracts;

import io.hubd.chainsim.ChainClient;
import io.hubd.chainsim.DeployedSuite;
import io.hubd.chainsim.DeployedSuite.DeployedToken;
import io.hubd.contracts.AccountState;
import io.hubd.contracts.DepositoryCalls;
import io.hubd.contracts.DepositoryEvent;
import io.hubd.contracts.DisputeState;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.Erc20Calls;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything the contract tests track about a deployed suite, per token: entities' reserves, accounts'
 * collateral and ondelta, account and batch nonces, open disputes, and token balances of wallets. Read from the chain with
 * {@link #read}, or derived from such a reading by applying events or a model of a batch; {@link #differences}
 * compares two of them, an absent entry reading as zero. Not thread-safe.
 */
final class Ledger {
  /** One entity's reserve of one token. */
  record Slot(EntityId entity, int tokenId) implements Comparable<Slot> {
    @Override
    public int compareTo(Slot o) {
      int c = entity.compareTo(o.entity);
      return c != 0 ? c : Integer.compare(tokenId, o.tokenId);
    }
  }

  /** An account: its two entities, left below right. */
  record Pair(EntityId left, EntityId right) implements Comparable<Pair> {
    Pair {
      if (!left.isLeftOf(right)) {
        throw new IllegalArgumentException("left must sort below right: " + left + " / " + right);
      }
    }

    static Pair of(EntityId a, EntityId b) {
      return a.isLeftOf(b) ? new Pair(a, b) : new Pair(b, a);
    }

    @Override
    public int compareTo(Pair o) {
      int c = left.compareTo(o.left);
      return c != 0 ? c : right.compareTo(o.right);
    }
  }

  /** One account's collateral and ondelta in one token. */
  record Position(BigInteger collateral, BigInteger ondelta) {
    static final Position EMPTY = new Position(BigInteger.ZERO, BigInteger.ZERO);
  }

  private final Map<Slot, BigInteger> reserves = new TreeMap<>();
  private final Map<String, Position> positions = new TreeMap<>(); // key: left/right/tokenId
  private final Map<Pair, BigInteger> accountNonces = new TreeMap<>();
  private final Map<EntityId, BigInteger> batchNonces = new TreeMap<>();
  private final Map<String, BigInteger> wallets = new TreeMap<>(); // key: address/tokenId
  private final Map<Pair, DisputeState> disputes = new TreeMap<>();

  /**
   * Reads the reserves and batch nonces of {@code entities}, every account between two of them, and the balances
   * of {@code walletAddresses}, in every token of the suite.
   */
  static Ledger read(
      ChainClient client, DeployedSuite suite, List<EntityId> entities, List<String> walletAddresses) {
    Ledger ledger = new Ledger();
    String depository = suite.depository();
    List<Integer> tokenIds = suite.tokens().stream().map(DeployedToken::tokenId).toList();
    for (int i = 0; i < entities.size(); i++) {
      EntityId entity = entities.get(i);
      List<BigInteger> reserves = client.call(depository, DepositoryCalls.reservesOf(entity, tokenIds));
      for (int t = 0; t < tokenIds.size(); t++) {
        ledger.setReserve(entity, tokenIds.get(t), reserves.get(t));
      }
      ledger.setBatchNonce(entity, client.call(depository, DepositoryCalls.batchNonceOf(entity)));
      List<EntityId> others = entities.subList(i + 1, entities.size());
      if (others.isEmpty()) {
        continue;
      }
      for (int tokenId : tokenIds) {
        List<AccountState> accounts = client.call(depository, DepositoryCalls.accountsOf(entity, others, tokenId));
        for (int j = 0; j < others.size(); j++) {
          AccountState a = accounts.get(j);
          Pair pair = Pair.of(entity, others.get(j));
          ledger.setPosition(pair, tokenId, new Position(a.collateral(), a.ondelta()));
          ledger.setAccountNonce(pair, a.nonce());
        }
      }
      for (EntityId other : others) {
        client.call(depository, DepositoryCalls.disputeOf(entity, other))
            .ifPresent(d -> ledger.setDispute(Pair.of(entity, other), d));
      }
    }
    for (String address : walletAddresses) {
      for (DeployedToken token : suite.tokens()) {
        ledger.setWallet(address, token.tokenId(), client.call(token.address(), Erc20Calls.balanceOf(address)));
      }
    }
    return ledger;
  }

  Ledger copy() {
    Ledger copy = new Ledger();
    copy.reserves.putAll(reserves);
    copy.positions.putAll(positions);
    copy.accountNonces.putAll(accountNonces);
    copy.batchNonces.putAll(batchNonces);
    copy.wallets.putAll(wallets);
    copy.disputes.putAll(disputes);
    return copy;
  }

  /** Applies an event's post-state: every Depository event carries absolute values, so order within a key is all. */
  void apply(DepositoryEvent event) {
    if (event instanceof DepositoryEvent.ReserveUpdated r) {
      setReserve(r.entity(), r.tokenId(), r.newBalance());
    } else if (event instanceof DepositoryEvent.AccountUpdated a) {
      Pair pair = new Pair(a.left(), a.right());
      setPosition(pair, a.tokenId(), new Position(a.collateral(), a.ondelta()));
      setAccountNonce(pair, a.nonce());
    } else if (event instanceof DepositoryEvent.AccountsFunded f) {
      for (DepositoryEvent.FundedAccount a : f.accounts()) {
        setPosition(Pair.of(f.entity(), a.counterparty()), f.tokenId(), new Position(a.collateral(), a.ondelta()));
      }
    } else if (event instanceof DepositoryEvent.BatchProcessed b) {
      setBatchNonce(b.entity(), b.batchNonce());
    }
  }

  // ---------------------------------------------------------------- entries

  BigInteger reserve(EntityId entity, int tokenId) {
    return reserves.getOrDefault(new Slot(entity, tokenId), BigInteger.ZERO);
  }

  void setReserve(EntityId entity, int tokenId, BigInteger value) {
    reserves.put(new Slot(entity, tokenId), nonNegative(value, "reserve"));
  }

  Position position(Pair pair, int tokenId) {
    return positions.getOrDefault(positionKey(pair, tokenId), Position.EMPTY);
  }

  void setPosition(Pair pair, int tokenId, Position position) {
    nonNegative(position.collateral(), "collateral");
    positions.put(positionKey(pair, tokenId), position);
  }

  BigInteger accountNonce(Pair pair) {
    return accountNonces.getOrDefault(pair, BigInteger.ZERO);
  }

  void setAccountNonce(Pair pair, BigInteger nonce) {
    accountNonces.put(pair, nonce);
  }

  Optional<DisputeState> dispute(Pair pair) {
    return Optional.ofNullable(disputes.get(pair));
  }

  void setDispute(Pair pair, DisputeState dispute) {
    disputes.put(pair, dispute);
  }

  void endDispute(Pair pair) {
    disputes.remove(pair);
  }

  /** The accounts in dispute. */
  Map<Pair, DisputeState> disputes() {
    return java.util.Collections.unmodifiableMap(disputes);
  }

  BigInteger batchNonce(EntityId entity) {
    return batchNonces.getOrDefault(entity, BigInteger.ZERO);
  }

  void setBatchNonce(EntityId entity, BigInteger nonce) {
    batchNonces.put(entity, nonce);
  }

  BigInteger wallet(String address, int tokenId) {
    return wallets.getOrDefault(walletKey(address, tokenId), BigInteger.ZERO);
  }

  void setWallet(String address, int tokenId, BigInteger balance) {
    wallets.put(walletKey(address, tokenId), nonNegative(balance, "wallet balance"));
  }

  // ---------------------------------------------------------------- totals

  /** All reserves plus all collateral in {@code tokenId}: what the Depository must hold of it. */
  BigInteger depositoryTotal(int tokenId) {
    BigInteger total = BigInteger.ZERO;
    for (Map.Entry<Slot, BigInteger> e : reserves.entrySet()) {
      if (e.getKey().tokenId() == tokenId) {
        total = total.add(e.getValue());
      }
    }
    String suffix = "/" + tokenId;
    for (Map.Entry<String, Position> e : positions.entrySet()) {
      if (e.getKey().endsWith(suffix)) {
        total = total.add(e.getValue().collateral());
      }
    }
    return total;
  }

  /** All tracked wallets' balances of {@code tokenId}. */
  BigInteger walletTotal(int tokenId) {
    String suffix = "/" + tokenId;
    return wallets.entrySet().stream()
        .filter(e -> e.getKey().endsWith(suffix))
        .map(Map.Entry::getValue)
        .reduce(BigInteger.ZERO, BigInteger::add);
  }

  /** The entries whose values differ between this ledger and {@code other}, for failure messages. */
  List<String> differences(Ledger other) {
    List<String> out = new ArrayList<>();
    diff("reserve", reserves, other.reserves, BigInteger.ZERO, out);
    diff("position", positions, other.positions, Position.EMPTY, out);
    diff("account nonce", accountNonces, other.accountNonces, BigInteger.ZERO, out);
    diff("batch nonce", batchNonces, other.batchNonces, BigInteger.ZERO, out);
    diff("wallet", wallets, other.wallets, BigInteger.ZERO, out);
    disputeDiff(other, out);
    return out;
  }

  private void disputeDiff(Ledger other, List<String> out) {
    java.util.Set<Pair> pairs = new java.util.TreeSet<>(disputes.keySet());
    pairs.addAll(other.disputes.keySet());
    for (Pair pair : pairs) {
      if (!java.util.Objects.equals(disputes.get(pair), other.disputes.get(pair))) {
        out.add("dispute " + pair + ": " + disputes.get(pair) + " vs " + other.disputes.get(pair));
      }
    }
  }

  private static <K, V> void diff(String what, Map<K, V> mine, Map<K, V> theirs, V absent, List<String> out) {
    java.util.Set<K> keys = new java.util.TreeSet<>(mine.keySet());
    keys.addAll(theirs.keySet());
    for (K key : keys) {
      V a = mine.getOrDefault(key, absent);
      V b = theirs.getOrDefault(key, absent);
      if (!a.equals(b)) {
        out.add(what + " " + key + ": " + a + " vs " + b);
      }
    }
  }

  @Override
  public String toString() {
    return "Ledger[reserves=" + reserves + ", positions=" + positions + ", accountNonces=" + accountNonces
        + ", batchNonces=" + batchNonces + ", wallets=" + wallets + "]";
  }

  private static String positionKey(Pair pair, int tokenId) {
    return pair.left() + "/" + pair.right() + "/" + tokenId;
  }

  private static String walletKey(String address, int tokenId) {
    return address.toLowerCase(Locale.ROOT) + "/" + tokenId;
  }

  private static BigInteger nonNegative(BigInteger value, String what) {
    if (value.signum() < 0) {
      throw new IllegalArgumentException(what + " < 0: " + value);
    }
    return value;
  }
}
