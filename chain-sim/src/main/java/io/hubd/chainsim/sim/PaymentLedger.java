package io.hubd.chainsim.sim;

import io.hubd.contracts.EntityId;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The hub runtime's off-chain ledger for one token, as the simulation keeps it: each user's balance at the hub
 * (what the hub owes them) and the offdelta that balance gives, in the account's left-side view. A payment from one
 * user to another through the hub lowers the payer's balance and raises the payee's, down to minus the payer's
 * credit line (a user with a credit line may owe the hub); on-chain R2C, C2R and settlements do not change balances
 * here (they change what backs them, or the on-chain part of the balance). Amounts in base units. Thread-safe.
 */
public final class PaymentLedger {
  private final EntityId hub;
  private final int tokenId;
  private final Map<EntityId, BigInteger> balances = new HashMap<>();
  private final Map<EntityId, BigInteger> offdeltas = new HashMap<>();
  private final Map<EntityId, BigInteger> peaks = new HashMap<>();
  private final Map<EntityId, BigInteger> creditLines = new HashMap<>();

  public PaymentLedger(EntityId hub, int tokenId) {
    this.hub = Objects.requireNonNull(hub, "hub == null");
    this.tokenId = tokenId;
  }

  public int tokenId() {
    return tokenId;
  }

  /** Opens {@code user}'s account with {@code balance} owed by the hub and nothing on chain. */
  public synchronized void open(EntityId user, BigInteger balance) {
    open(user, balance, BigInteger.ZERO);
  }

  /** Opens {@code user}'s account with {@code balance}; the user may spend down to {@code -creditLine}. */
  public synchronized void open(EntityId user, BigInteger balance, BigInteger creditLine) {
    creditLines.put(user, creditLine);
    balances.put(user, balance);
    offdeltas.put(user, claimDelta(user, balance));
    peaks.merge(user, balance, BigInteger::max);
  }

  public synchronized BigInteger balance(EntityId user) {
    return balances.getOrDefault(user, BigInteger.ZERO);
  }

  /**
   * Moves {@code amount} from {@code payer} to {@code payee} if the payer's balance and credit line cover it; says
   * whether it did.
   */
  public synchronized boolean pay(EntityId payer, EntityId payee, BigInteger amount) {
    BigInteger room = balance(payer).add(creditLines.getOrDefault(payer, BigInteger.ZERO));
    if (amount.signum() <= 0 || room.compareTo(amount) < 0 || payer.equals(payee)) {
      return false;
    }
    balances.merge(payer, amount.negate(), BigInteger::add);
    balances.merge(payee, amount, BigInteger::add);
    offdeltas.merge(payer, claimDelta(payer, amount.negate()), BigInteger::add);
    offdeltas.merge(payee, claimDelta(payee, amount), BigInteger::add);
    peaks.merge(payee, balances.get(payee), BigInteger::max);
    return true;
  }

  /**
   * The most the hub ever owed each user. Collateral only ever has to cover that: R2C into an account beyond it is
   * money funded twice.
   */
  public synchronized Map<EntityId, BigInteger> mostOwed() {
    return Map.copyOf(peaks);
  }

  /** Every user's offdelta, for a positions report. */
  public synchronized Map<EntityId, BigInteger> offdeltas() {
    return Map.copyOf(offdeltas);
  }

  /** The change of delta (left's view) that raises {@code user}'s claim on the hub by {@code claim}. */
  private BigInteger claimDelta(EntityId user, BigInteger claim) {
    return hub.isLeftOf(user) ? claim.negate() : claim;
  }
}
