package io.hubd.daemon.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RollingBudgetTest {
  private final ManualTime time = new ManualTime();
  private final RollingBudget budget = new RollingBudget(BigInteger.valueOf(100), Duration.ofHours(1), time);

  @Test
  void spendsUpToTheLimitAndNoMore() {
    assertThat(budget.trySpend(BigInteger.valueOf(60))).isTrue();
    assertThat(budget.trySpend(BigInteger.valueOf(41))).isFalse();
    assertThat(budget.trySpend(BigInteger.valueOf(40))).isTrue();
    assertThat(budget.remaining()).isZero();
  }

  @Test
  void spendingLeavesTheWindow() {
    budget.trySpend(BigInteger.valueOf(70));
    time.advance(Duration.ofMinutes(30));
    budget.trySpend(BigInteger.valueOf(30));
    time.advance(Duration.ofMinutes(30));
    assertThat(budget.remaining()).isEqualTo(BigInteger.valueOf(70));
    time.advance(Duration.ofMinutes(30));
    assertThat(budget.remaining()).isEqualTo(BigInteger.valueOf(100));
  }

  @Test
  void refundGivesBackTheMostRecentSpending() {
    budget.trySpend(BigInteger.valueOf(30));
    budget.trySpend(BigInteger.valueOf(50));
    budget.refund(BigInteger.valueOf(60));
    assertThat(budget.remaining()).isEqualTo(BigInteger.valueOf(80));
  }

  @Test
  void refusesNonPositiveAmounts() {
    assertThatThrownBy(() -> budget.trySpend(BigInteger.ZERO)).hasMessage("amount must be positive: 0");
    assertThatThrownBy(() -> budget.trySpend(BigInteger.valueOf(-5))).hasMessage("amount must be positive: -5");
  }

  @Test
  void recordedSpendingCountsEvenBeyondTheLimit() {
    budget.record(time.instant(), BigInteger.valueOf(150));
    assertThat(budget.remaining()).isZero();
    assertThat(budget.trySpend(BigInteger.ONE)).isFalse();
  }
}
