package io.hubd.daemon.rebalance;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.BigRange;

/**
 * The accounting invariants of {@link Exposure}, {@link HubAccount} and the hub's settlement diffs ({@link
 * SettlementDiffs}), for the hub on either side.
 */
class ExposurePropertiesTest {

  @Provide
  Arbitrary<HubAccount> accounts() {
    Arbitrary<BigInteger> collateral = Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TEN.pow(30));
    Arbitrary<BigInteger> delta = Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(),
        BigInteger.TEN.pow(30));
    Arbitrary<BigInteger> nonce = Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.valueOf(1_000));
    return Combinators.combine(Arbitraries.of(true, false), collateral, delta, delta, nonce)
        .as((left, c, on, off, n) -> new HubAccount(Accounts.key(1, 1), left, c, on, n, off));
  }

  @Property
  void sidesOfTheCollateralAddUpToIt(@ForAll("accounts") HubAccount account) {
    BigInteger left = Exposure.leftCollateral(account.delta(), account.collateral());
    BigInteger right = Exposure.rightCollateral(account.delta(), account.collateral());
    assertThat(left.signum()).isNotNegative();
    assertThat(right.signum()).isNotNegative();
    assertThat(left.add(right)).isEqualTo(account.collateral());
  }

  @Property
  void exposureAndFreeCollateralAreNeverNegativeAndNeverBothPositive(@ForAll("accounts") HubAccount account) {
    Exposure exposure = account.exposure();
    assertThat(exposure.userExposure().signum()).isNotNegative();
    assertThat(exposure.hubFreeCollateral().signum()).isNotNegative();
    assertThat(exposure.userExposure().signum() > 0 && exposure.hubFreeCollateral().signum() > 0).isFalse();
    assertThat(exposure.hubFreeCollateral()).isLessThanOrEqualTo(account.collateral());
  }

  @Property
  void r2cUpToTheExposureReducesItByExactlyTheAmount(
      @ForAll("accounts") HubAccount account, @ForAll @BigRange(min = "1", max = "1000000000000000000000000000000")
          BigInteger seed) {
    BigInteger exposure = account.exposure().userExposure();
    Assume.that(exposure.signum() > 0);
    BigInteger amount = upTo(exposure, seed);
    HubAccount after = account.afterReserveToCollateral(amount);
    assertThat(after.exposure().userExposure()).isEqualTo(exposure.subtract(amount));
    assertThat(after.collateral()).isEqualTo(account.collateral().add(amount));
  }

  @Property
  void r2cBeyondTheExposureLeavesNoneAndGivesTheRestToTheHub(
      @ForAll("accounts") HubAccount account, @ForAll @BigRange(min = "1", max = "1000000000000000000000000000000")
          BigInteger seed) {
    BigInteger exposure = account.exposure().userExposure();
    BigInteger amount = exposure.add(seed);
    HubAccount after = account.afterReserveToCollateral(amount);
    assertThat(after.exposure().userExposure()).isZero();
    assertThat(after.exposure().hubFreeCollateral())
        .isEqualTo(account.exposure().hubFreeCollateral().add(amount.subtract(exposure)));
  }

  @Property
  void c2rWithinTheHubsShareLeavesTheUsersExposureUnchanged(
      @ForAll("accounts") HubAccount account, @ForAll @BigRange(min = "1", max = "1000000000000000000000000000000")
          BigInteger seed) {
    Exposure before = account.exposure();
    Assume.that(before.hubFreeCollateral().signum() > 0);
    BigInteger amount = upTo(before.hubFreeCollateral(), seed);
    HubAccount after = account.afterCollateralToReserve(amount, account.nonce().add(BigInteger.ONE));
    assertThat(after.exposure().userExposure()).isEqualTo(before.userExposure());
    assertThat(after.exposure().hubFreeCollateral()).isEqualTo(before.hubFreeCollateral().subtract(amount));
    assertThat(after.collateral()).isEqualTo(account.collateral().subtract(amount));
  }

  /** A value in [1, max] drawn from {@code seed}. */
  private static BigInteger upTo(BigInteger max, BigInteger seed) {
    return seed.mod(max).add(BigInteger.ONE);
  }

  @Property
  void creditAndExposureAreNeverBothPositive(@ForAll("accounts") HubAccount account) {
    Exposure exposure = account.exposure();
    assertThat(exposure.hubCredit().signum()).isNotNegative();
    assertThat(exposure.userExposure().signum() > 0 && exposure.hubCredit().signum() > 0).isFalse();
  }

  @Property
  void aRepaymentUpToTheCreditReducesItByExactlyTheAmountAndConservesValue(
      @ForAll("accounts") HubAccount account, @ForAll @BigRange(min = "1", max = "1000000000000000000000000000000")
          BigInteger seed) {
    BigInteger credit = account.exposure().hubCredit();
    Assume.that(credit.signum() > 0);
    BigInteger amount = upTo(credit, seed);
    io.hubd.contracts.Batch.SettlementDiff diff = SettlementDiffs.repay(account.hubIsLeft(), 1, amount);
    HubAccount after = SettlementDiffs.apply(account, diff, account.nonce().add(BigInteger.ONE));
    assertThat(after.exposure().hubCredit()).isEqualTo(credit.subtract(amount));
    assertThat(after.exposure().userExposure()).isEqualTo(account.exposure().userExposure());
    assertThat(after.collateral()).isEqualTo(account.collateral());
    assertThat(SettlementDiffs.hubReserve(account.hubIsLeft(), diff)).isEqualTo(amount);
    assertThat(SettlementDiffs.userReserve(account.hubIsLeft(), diff)).isEqualTo(amount.negate());
    assertThat(diff.leftReserveDiff().add(diff.rightReserveDiff()).add(diff.collateralDiff())).isZero();
  }

  @Property
  void securingUpToTheCreditMovesExactlyTheAmountFromCreditToTheHubsCollateral(
      @ForAll("accounts") HubAccount account, @ForAll @BigRange(min = "1", max = "1000000000000000000000000000000")
          BigInteger seed) {
    Exposure before = account.exposure();
    Assume.that(before.hubCredit().signum() > 0);
    BigInteger amount = upTo(before.hubCredit(), seed);
    io.hubd.contracts.Batch.SettlementDiff diff = SettlementDiffs.secure(account.hubIsLeft(), 1, amount);
    HubAccount after = SettlementDiffs.apply(account, diff, account.nonce().add(BigInteger.ONE));
    assertThat(after.exposure().hubCredit()).isEqualTo(before.hubCredit().subtract(amount));
    assertThat(after.exposure().hubFreeCollateral()).isEqualTo(before.hubFreeCollateral().add(amount));
    assertThat(after.exposure().userExposure()).isEqualTo(before.userExposure());
    assertThat(SettlementDiffs.hubReserve(account.hubIsLeft(), diff)).isZero();
    assertThat(SettlementDiffs.userReserve(account.hubIsLeft(), diff)).isEqualTo(amount.negate());
    assertThat(diff.leftReserveDiff().add(diff.rightReserveDiff()).add(diff.collateralDiff())).isZero();
  }
}
