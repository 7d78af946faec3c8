package io.hubd.daemon.rebalance;

import io.hubd.contracts.AccountState;
import io.hubd.contracts.EntityId;
import java.math.BigInteger;
import java.util.Objects;

/**
 * One account (hub, counterparty) in one token as the planner sees it: collateral, ondelta and account nonce from
 * the mirror, offdelta from the hub runtime's positions feed. The account nonce is the pair's, shared by all its
 * tokens. Immutable; the {@code after…} methods return the state the chain would hold after an operation.
 *
 * @param key counterparty and token
 * @param hubIsLeft whether the hub is the left (smaller id) side of the account
 * @param collateral funds locked in the account, at least 0
 * @param ondelta on-chain part of the balance; positive: left is owed
 * @param nonce the account nonce stored on chain, at least 0
 * @param offdelta off-chain part of the balance, as reported by the hub runtime
 */
public record HubAccount(
    AccountKey key, boolean hubIsLeft, BigInteger collateral, BigInteger ondelta, BigInteger nonce,
    BigInteger offdelta) {

  public HubAccount {
    Objects.requireNonNull(key, "key == null");
    Exposure.nonNegative(collateral, "collateral");
    Objects.requireNonNull(ondelta, "ondelta == null");
    Exposure.nonNegative(nonce, "nonce");
    Objects.requireNonNull(offdelta, "offdelta == null");
  }

  /** The account of {@code hub} with {@code counterparty} from the mirror's {@code state} and the runtime's offdelta. */
  public static HubAccount of(
      EntityId hub, EntityId counterparty, int tokenId, AccountState state, BigInteger offdelta) {
    Objects.requireNonNull(hub, "hub == null");
    Objects.requireNonNull(state, "state == null");
    if (hub.equals(counterparty)) {
      throw new IllegalArgumentException("an account needs two different entities: " + hub);
    }
    return new HubAccount(
        new AccountKey(counterparty, tokenId), hub.isLeftOf(counterparty), state.collateral(), state.ondelta(),
        state.nonce(), offdelta);
  }

  public BigInteger delta() {
    return ondelta.add(offdelta);
  }

  public Exposure exposure() {
    return Exposure.of(hubIsLeft, collateral, ondelta, offdelta);
  }

  /** After an R2C of {@code amount} credited to the hub: collateral +amount, and ondelta +amount if the hub is left. */
  public HubAccount afterReserveToCollateral(BigInteger amount) {
    Exposure.positive(amount, "amount");
    BigInteger newOndelta = hubIsLeft ? ondelta.add(amount) : ondelta;
    return new HubAccount(key, hubIsLeft, collateral.add(amount), newOndelta, nonce, offdelta);
  }

  /**
   * After a C2R of {@code amount} to the hub signed with {@code newNonce}: collateral −amount, ondelta −amount if the
   * hub is left, and the stored nonce becomes {@code newNonce}. Fails as the contract would: the amount must not
   * exceed the collateral and the nonce must exceed the stored one.
   */
  public HubAccount afterCollateralToReserve(BigInteger amount, BigInteger newNonce) {
    Exposure.positive(amount, "amount");
    Objects.requireNonNull(newNonce, "newNonce == null");
    if (amount.compareTo(collateral) > 0) {
      throw new IllegalArgumentException("C2R of " + amount + " exceeds the collateral " + collateral);
    }
    if (newNonce.compareTo(nonce) <= 0) {
      throw new IllegalArgumentException("C2R nonce " + newNonce + " must exceed the stored nonce " + nonce);
    }
    BigInteger newOndelta = hubIsLeft ? ondelta.subtract(amount) : ondelta;
    return new HubAccount(key, hubIsLeft, collateral.subtract(amount), newOndelta, newNonce, offdelta);
  }
}
