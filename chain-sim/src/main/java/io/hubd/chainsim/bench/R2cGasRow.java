package io.hubd.chainsim.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Gas measured for one way of submitting R2C pairs: {@code transactions} transactions of {@code pairsPerTransaction}
 * pairs each, summed over all of them, once for accounts funded for the first time and once for the same accounts
 * funded again. Immutable.
 */
record R2cGasRow(
    String submission, int pairsPerTransaction, int transactions, long newAccountsGas, long existingAccountsGas) {

  R2cGasRow {
    Objects.requireNonNull(submission, "submission == null");
    if (pairsPerTransaction < 1 || transactions < 1) {
      throw new IllegalArgumentException("pairsPerTransaction and transactions must be positive");
    }
    if (newAccountsGas <= 0 || existingAccountsGas <= 0) {
      throw new IllegalArgumentException("gas used must be positive");
    }
  }

  int pairs() {
    return pairsPerTransaction * transactions;
  }

  BigDecimal gasPerTransaction(boolean newAccounts) {
    return divide(gas(newAccounts), transactions);
  }

  BigDecimal gasPerPair(boolean newAccounts) {
    return divide(gas(newAccounts), pairs());
  }

  private long gas(boolean newAccounts) {
    return newAccounts ? newAccountsGas : existingAccountsGas;
  }

  private static BigDecimal divide(long gas, int by) {
    return BigDecimal.valueOf(gas).divide(BigDecimal.valueOf(by), 2, RoundingMode.HALF_UP);
  }
}
