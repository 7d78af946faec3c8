package io.hubd.daemon.bench;

import io.hubd.daemon.config.TokenConfig;
import io.hubd.daemon.store.Database;
import io.hubd.daemon.store.Store;
import io.hubd.daemon.testkit.ExactlyOnceAudit;
import io.hubd.daemon.testkit.HubWork;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the rolling spending budgets held across crashes and takeovers: every faucet payout and R2C that landed was
 * charged to its budget (what was charged is at least what was paid), and the charges stay within the local
 * profile's caps.
 *
 * @param faucetCharged the faucet budget's recorded spending, base units
 * @param faucetPaid what the audited payouts moved
 * @param r2cCharged the R2C budget's recorded spending
 * @param r2cPaid what the audited accounts were funded with
 */
public record BudgetCheck(BigInteger faucetCharged, BigInteger faucetPaid, BigInteger r2cCharged, BigInteger r2cPaid,
    List<String> problems) {

  public boolean held() {
    return problems.isEmpty();
  }

  /** Checks the budgets of {@code tokenId} in {@code database} against the audited {@code work}, capped by {@code caps}. */
  static BudgetCheck of(Database database, int tokenId, TokenConfig caps, HubWork work) {
    BigInteger faucetPaid = work.payouts().stream().map(ExactlyOnceAudit.Payout::amount)
        .reduce(BigInteger.ZERO, BigInteger::add);
    BigInteger r2cPaid = work.owed().stream().map(ExactlyOnceAudit.Owed::owed).reduce(BigInteger.ZERO, BigInteger::add);
    BigInteger faucetCharged;
    BigInteger r2cCharged;
    try (Store store = Store.openReadOnly(database)) {
      faucetCharged = charged(store, "faucet", tokenId);
      r2cCharged = charged(store, "r2c", tokenId);
    }
    List<String> problems = new ArrayList<>();
    check(problems, "faucet", faucetCharged, faucetPaid, caps.faucetBudget());
    check(problems, "r2c", r2cCharged, r2cPaid, caps.r2cBudget());
    return new BudgetCheck(faucetCharged, faucetPaid, r2cCharged, r2cPaid, List.copyOf(problems));
  }

  private static void check(List<String> problems, String budget, BigInteger charged, BigInteger paid,
      BigInteger cap) {
    if (charged.compareTo(paid) < 0) {
      problems.add(budget + " budget charged " + charged + " for " + paid + " paid");
    }
    if (charged.compareTo(cap) > 0) {
      problems.add(budget + " budget charged " + charged + " above its cap " + cap);
    }
  }

  private static BigInteger charged(Store store, String budget, int tokenId) {
    return store.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT amount FROM budget_spend WHERE budget = ? AND token_id = ?")) {
        s.setString(1, budget);
        s.setInt(2, tokenId);
        BigInteger sum = BigInteger.ZERO;
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            sum = sum.add(new BigInteger(rs.getString(1)));
          }
        }
        return sum;
      }
    });
  }
}
