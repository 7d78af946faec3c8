package io.hubd.daemon.rebalance;

import io.hubd.contracts.Batch;
import java.math.BigInteger;

/**
 * The settlement diffs the hub proposes, and what any settlement diff does to each side, for an account of the hub
 * on the left or the right. With {@code delta = ondelta + offdelta} (positive: left is owed) and collateral C, the
 * user owes the hub {@code max(0, delta - C)} beyond the collateral when the hub is left and {@code max(0, -delta)}
 * when it is right ({@link Exposure#hubCredit}).
 *
 * <ul>
 *   <li><b>Repay</b> X: user reserve −X, hub reserve +X, collateral unchanged, ondelta moved toward the user by X
 *       (hub left −X, hub right +X): the debt drops by exactly X.
 *   <li><b>Secure</b> X: user reserve −X, collateral +X on the hub's side (hub left: ondelta unchanged, the hub's
 *       {@code clamp(delta, 0, C)} grows by X; hub right: ondelta +X so that the hub's {@code C - clamp(delta, 0,
 *       C)} grows by X): the debt is secured, and the unsecured credit drops by X.
 * </ul>
 * Both conserve value: {@code leftReserveDiff + rightReserveDiff + collateralDiff == 0}. Stateless.
 */
public final class SettlementDiffs {
  private SettlementDiffs() {}

  /** The user repays {@code amount} of their debt from their reserve into the hub's. */
  public static Batch.SettlementDiff repay(boolean hubIsLeft, int tokenId, BigInteger amount) {
    Exposure.positive(amount, "amount");
    BigInteger x = amount;
    return hubIsLeft
        ? new Batch.SettlementDiff(tokenId, x, x.negate(), BigInteger.ZERO, x.negate())
        : new Batch.SettlementDiff(tokenId, x.negate(), x, BigInteger.ZERO, x);
  }

  /** The user moves {@code amount} of their reserve into the account's collateral, on the hub's side. */
  public static Batch.SettlementDiff secure(boolean hubIsLeft, int tokenId, BigInteger amount) {
    Exposure.positive(amount, "amount");
    BigInteger x = amount;
    return hubIsLeft
        ? new Batch.SettlementDiff(tokenId, BigInteger.ZERO, x.negate(), x, BigInteger.ZERO)
        : new Batch.SettlementDiff(tokenId, x.negate(), BigInteger.ZERO, x, x);
  }

  /** The proposal of {@code mode}. */
  public static Batch.SettlementDiff of(SettlementPolicy.Mode mode, boolean hubIsLeft, int tokenId, BigInteger x) {
    return mode == SettlementPolicy.Mode.REPAY ? repay(hubIsLeft, tokenId, x) : secure(hubIsLeft, tokenId, x);
  }

  /** What the diff adds to the hub's reserve (negative: takes from it). */
  public static BigInteger hubReserve(boolean hubIsLeft, Batch.SettlementDiff d) {
    return hubIsLeft ? d.leftReserveDiff() : d.rightReserveDiff();
  }

  /** What the diff adds to the user's reserve (negative: takes from it). */
  public static BigInteger userReserve(boolean hubIsLeft, Batch.SettlementDiff d) {
    return hubIsLeft ? d.rightReserveDiff() : d.leftReserveDiff();
  }

  /** The account after the diff: collateral and ondelta moved (the caller checks the collateral stays ≥ 0). */
  public static HubAccount apply(HubAccount account, Batch.SettlementDiff d, BigInteger nonce) {
    BigInteger collateral = account.collateral().add(d.collateralDiff());
    if (collateral.signum() < 0) {
      throw new IllegalArgumentException("settlement takes " + d.collateralDiff().negate() + " from collateral "
          + account.collateral());
    }
    return new HubAccount(account.key(), account.hubIsLeft(), collateral, account.ondelta().add(d.ondeltaDiff()),
        nonce, account.offdelta());
  }
}
