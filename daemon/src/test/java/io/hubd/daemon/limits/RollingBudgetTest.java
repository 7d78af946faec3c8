package io.hubd.daemon.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubd.daemon.store.Store;
import io.hubd.daemon.testkit.TestDatabases;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollingBudgetTest {
  @TempDir Path dir;
  private final ManualTime time = new ManualTime();
  private Store store;
  private RollingBudget budget;

  @BeforeEach
  void open() {
    store = TestDatabases.open(dir);
    budget = budget(store);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private RollingBudget budget(Store on) {
    return new RollingBudget(on, "faucet", 1, BigInteger.valueOf(100), Duration.ofHours(1), time);
  }

  @Test
  void spendsUpToTheLimitAndNoMore() {
    assertThat(budget.trySpend(BigInteger.valueOf(60), "a")).isTrue();
    assertThat(budget.trySpend(BigInteger.valueOf(41), "b")).isFalse();
    assertThat(budget.trySpend(BigInteger.valueOf(40), "c")).isTrue();
    assertThat(budget.remaining()).isZero();
  }

  @Test
  void spendingLeavesTheWindow() {
    budget.trySpend(BigInteger.valueOf(70), "a");
    time.advance(Duration.ofMinutes(30));
    budget.trySpend(BigInteger.valueOf(30), "b");
    time.advance(Duration.ofMinutes(30));
    assertThat(budget.remaining()).isEqualTo(BigInteger.valueOf(70));
    time.advance(Duration.ofMinutes(30));
    assertThat(budget.remaining()).isEqualTo(BigInteger.valueOf(100));
  }

  @Test
  void refundGivesBackExactlyWhatWasSpentForThatReference() {
    budget.trySpend(BigInteger.valueOf(30), "payout 1");
    budget.trySpend(BigInteger.valueOf(50), "payout 2");
    assertThat(budget.refund("payout 1")).isEqualTo(30);
    assertThat(budget.refund("payout 1")).isZero();
    assertThat(budget.remaining()).isEqualTo(BigInteger.valueOf(50));
  }

  @Test
  void spendingSurvivesARestartSoACrashLoopLiftsNoCap() {
    budget.trySpend(BigInteger.valueOf(90), "a");
    store.close();
    store = TestDatabases.open(dir);
    RollingBudget reopened = budget(store);
    assertThat(reopened.remaining()).isEqualTo(BigInteger.TEN);
    assertThat(reopened.trySpend(BigInteger.valueOf(11), "b")).isFalse();
  }

  @Test
  void budgetsOfOtherNamesAndTokensAreApart() {
    budget.trySpend(BigInteger.valueOf(100), "a");
    assertThat(new RollingBudget(store, "r2c", 1, BigInteger.valueOf(100), Duration.ofHours(1), time).remaining())
        .isEqualTo(BigInteger.valueOf(100));
    assertThat(new RollingBudget(store, "faucet", 2, BigInteger.valueOf(100), Duration.ofHours(1), time).remaining())
        .isEqualTo(BigInteger.valueOf(100));
  }

  @Test
  void aSpendRolledBackWithItsTransactionLeavesTheBudgetAlone() {
    assertThatThrownBy(() -> store.inTransaction(c -> {
      budget.trySpend(BigInteger.valueOf(60), "job");
      throw new IllegalStateException("the job could not be stored");
    })).hasMessage("the job could not be stored");
    assertThat(budget.remaining()).isEqualTo(BigInteger.valueOf(100));
  }

  @Test
  void refusesNonPositiveAmounts() {
    assertThatThrownBy(() -> budget.trySpend(BigInteger.ZERO, "a")).hasMessage("amount must be positive: 0");
    assertThatThrownBy(() -> budget.trySpend(BigInteger.valueOf(-5), "a")).hasMessage("amount must be positive: -5");
  }

  @Test
  void recordedSpendingCountsEvenBeyondTheLimit() {
    budget.record(BigInteger.valueOf(150), "plan");
    assertThat(budget.remaining()).isZero();
    assertThat(budget.trySpend(BigInteger.ONE, "a")).isFalse();
  }
}
