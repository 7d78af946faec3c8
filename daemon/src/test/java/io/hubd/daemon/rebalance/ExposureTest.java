package io.hubd.daemon.rebalance;

import static io.hubd.daemon.rebalance.Accounts.big;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExposureTest {

  @Test
  void hubOnTheLeftOwesTheUserWhateverTheBalanceIsBelowZero() {
    // delta = 20 + (-150) = -130: the hub (left) owes the user 130; none of the collateral 40 is the hub's
    Exposure exposure = Exposure.of(true, big(40), big(20), big(-150));
    assertThat(exposure.userExposure()).isEqualTo(big(130));
    assertThat(exposure.hubFreeCollateral()).isZero();
  }

  @Test
  void hubOnTheLeftOwnsTheCollateralUpToAPositiveBalance() {
    // delta = 10 + 25 = 35 within collateral 100: left (the hub) owns 35 of it, the user nothing is owed
    Exposure exposure = Exposure.of(true, big(100), big(10), big(25));
    assertThat(exposure.userExposure()).isZero();
    assertThat(exposure.hubFreeCollateral()).isEqualTo(big(35));
  }

  @Test
  void hubOnTheRightOwesTheUserWhatTheBalanceExceedsTheCollateralBy() {
    // delta = 120 + 30 = 150 > collateral 50: the user (left) is owed 100 beyond the collateral
    Exposure exposure = Exposure.of(false, big(50), big(120), big(30));
    assertThat(exposure.userExposure()).isEqualTo(big(100));
    assertThat(exposure.hubFreeCollateral()).isZero();
  }

  @Test
  void hubOnTheRightOwnsTheCollateralTheUserIsNotOwed() {
    // delta = 50 + (-20) = 30 within collateral 100: left (the user) owns 30, the hub (right) 70
    Exposure exposure = Exposure.of(false, big(100), big(50), big(-20));
    assertThat(exposure.userExposure()).isZero();
    assertThat(exposure.hubFreeCollateral()).isEqualTo(big(70));
  }

  @Test
  void hubOnTheRightOwnsAllTheCollateralWhenTheUserOwesTheHub() {
    Exposure exposure = Exposure.of(false, big(100), big(0), big(-500));
    assertThat(exposure.userExposure()).isZero();
    assertThat(exposure.hubFreeCollateral()).isEqualTo(big(100));
  }

  @Test
  void leftCollateralIsTheBalanceClampedToTheCollateral() {
    assertThat(Exposure.leftCollateral(big(-5), big(10))).isZero();
    assertThat(Exposure.leftCollateral(big(7), big(10))).isEqualTo(big(7));
    assertThat(Exposure.leftCollateral(big(70), big(10))).isEqualTo(big(10));
    assertThat(Exposure.rightCollateral(big(7), big(10))).isEqualTo(big(3));
  }

  @Test
  void r2cOfTheExposureLeavesNoneOnEitherSide() {
    HubAccount left = new HubAccount(Accounts.key(1, 1), true, big(40), big(20), big(3), big(-150));
    HubAccount right = new HubAccount(Accounts.key(1, 1), false, big(50), big(120), big(3), big(30));
    assertThat(left.afterReserveToCollateral(big(130)).exposure().userExposure()).isZero();
    assertThat(right.afterReserveToCollateral(big(100)).exposure().userExposure()).isZero();
    assertThat(left.afterReserveToCollateral(big(130)).ondelta()).isEqualTo(big(150));
    assertThat(right.afterReserveToCollateral(big(100)).ondelta()).isEqualTo(big(120));
  }

  @Test
  void c2rRefusesWhatTheContractRefuses() {
    HubAccount account = Accounts.spender(1, 1, 100, 4);
    assertThatThrownBy(() -> account.afterCollateralToReserve(big(101), big(5)))
        .hasMessageContaining("exceeds the collateral");
    assertThatThrownBy(() -> account.afterCollateralToReserve(big(10), big(4)))
        .hasMessageContaining("must exceed the stored nonce 4");
    assertThat(account.afterCollateralToReserve(big(100), big(5)).nonce()).isEqualTo(big(5));
  }

  @Test
  void refusesNegativeCollateral() {
    assertThatThrownBy(() -> Exposure.of(true, big(-1), big(0), big(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("collateral must not be negative: -1");
  }
}
