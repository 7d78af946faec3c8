package io.hubd.daemon.limits;

import io.hubd.daemon.store.Store;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * A spending cap over a sliding window, kept in the database ({@code budget_spend}): at most {@code limit} base
 * units spent in any {@code window}, across restarts. Exact (BigInteger). Each spend names what it paid for
 * ({@code ref}: an intent, a job, a deposit), recorded only when it fits, in the caller's database transaction when
 * there is one (so a spend commits with what it pays for, or not at all), and refunded by that name when what it
 * paid for did not happen. Thread-safe: a spend's check and insert are one transaction.
 */
public final class RollingBudget {
  private final Store store;
  private final String name;
  private final int tokenId;
  private final BigInteger limit;
  private final Duration window;
  private final Clock clock;

  /**
   * @param name which budget ({@code r2c}, {@code faucet}, {@code topup}); with {@code tokenId}, whose rows are its
   */
  public RollingBudget(Store store, String name, int tokenId, BigInteger limit, Duration window, Clock clock) {
    this.store = Objects.requireNonNull(store, "store == null");
    this.name = Objects.requireNonNull(name, "name == null");
    this.tokenId = tokenId;
    this.limit = Objects.requireNonNull(limit, "limit == null");
    if (limit.signum() < 0) {
      throw new IllegalArgumentException("a budget limit must not be negative: " + limit);
    }
    this.window = Objects.requireNonNull(window, "window == null");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("a budget window must be positive: " + window);
    }
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  /** Records {@code amount} as spent now for {@code ref} if it fits in what is left; returns whether it did. */
  public boolean trySpend(BigInteger amount, String ref) {
    checkAmount(amount);
    Objects.requireNonNull(ref, "ref == null");
    return store.inTransaction(c -> {
      if (spent(c).add(amount).compareTo(limit) > 0) {
        return false;
      }
      insert(c, amount, ref);
      return true;
    });
  }

  /** Records spending already capped by {@link #remaining()} (e.g. a plan sized to it), fitting or not. */
  public void record(BigInteger amount, String ref) {
    checkAmount(amount);
    Objects.requireNonNull(ref, "ref == null");
    store.inTransaction(c -> {
      insert(c, amount, ref);
      return null;
    });
  }

  /** Gives back everything spent for {@code ref} (what it paid for did not happen); returns the amount. */
  public BigInteger refund(String ref) {
    Objects.requireNonNull(ref, "ref == null");
    return store.inTransaction(c -> {
      BigInteger refunded = BigInteger.ZERO;
      try (PreparedStatement s = c.prepareStatement(
          "SELECT amount FROM budget_spend WHERE budget = ? AND token_id = ? AND ref = ?")) {
        s.setString(1, name);
        s.setInt(2, tokenId);
        s.setString(3, ref);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            refunded = refunded.add(new BigInteger(rs.getString(1)));
          }
        }
      }
      try (PreparedStatement s = c.prepareStatement(
          "DELETE FROM budget_spend WHERE budget = ? AND token_id = ? AND ref = ?")) {
        s.setString(1, name);
        s.setInt(2, tokenId);
        s.setString(3, ref);
        s.executeUpdate();
      }
      return refunded;
    });
  }

  /** What may still be spent in the window that ends now. */
  public BigInteger remaining() {
    return store.inTransaction(c -> limit.subtract(spent(c)).max(BigInteger.ZERO));
  }

  public BigInteger limit() {
    return limit;
  }

  /** The window's spending; rows that left the window are pruned on the way. */
  private BigInteger spent(Connection c) throws SQLException {
    long cutoff = clock.millis() - window.toMillis();
    try (PreparedStatement s = c.prepareStatement(
        "DELETE FROM budget_spend WHERE budget = ? AND token_id = ? AND spent_at <= ?")) {
      s.setString(1, name);
      s.setInt(2, tokenId);
      s.setLong(3, cutoff);
      s.executeUpdate();
    }
    BigInteger spent = BigInteger.ZERO;
    try (PreparedStatement s = c.prepareStatement(
        "SELECT amount FROM budget_spend WHERE budget = ? AND token_id = ?")) {
      s.setString(1, name);
      s.setInt(2, tokenId);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          spent = spent.add(new BigInteger(rs.getString(1)));
        }
      }
    }
    return spent;
  }

  private void insert(Connection c, BigInteger amount, String ref) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO budget_spend (budget, token_id, amount, spent_at, ref) VALUES (?, ?, ?, ?, ?)")) {
      s.setString(1, name);
      s.setInt(2, tokenId);
      s.setString(3, amount.toString());
      s.setLong(4, clock.millis());
      s.setString(5, ref);
      s.executeUpdate();
    }
  }

  private static void checkAmount(BigInteger amount) {
    Objects.requireNonNull(amount, "amount == null");
    if (amount.signum() <= 0) {
      throw new IllegalArgumentException("amount must be positive: " + amount);
    }
  }
}
