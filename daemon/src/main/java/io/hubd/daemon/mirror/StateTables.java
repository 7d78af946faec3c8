package io.hubd.daemon.mirror;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.mirror.Rows.AccountKey;
import io.hubd.daemon.mirror.Rows.AccountRow;
import io.hubd.daemon.mirror.Rows.AmountRow;
import io.hubd.daemon.mirror.Rows.TokenRow;
import io.hubd.daemon.store.StoreException;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * SQL for the mirrored state: the hub's reserves, accounts, account nonces, batches and the token registry.
 * Stateless apart from the hub id; every method runs on the caller's connection and transaction. Writes use JDBC
 * batches.
 */
final class StateTables {
  private static final String ACCOUNT_COLUMNS =
      "a.counterparty, a.token_id, a.hub_is_left, a.collateral, a.ondelta, a.block_number, COALESCE(n.nonce, '0')";
  private static final String ACCOUNT_JOIN =
      " FROM mirror_account a LEFT JOIN mirror_account_nonce n ON n.counterparty = a.counterparty";

  private final EntityId hub;

  StateTables(EntityId hub) {
    this.hub = Objects.requireNonNull(hub, "hub == null");
  }

  // ---------------------------------------------------------------- writes

  void putReserves(Connection c, Map<Integer, AmountRow> rows) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("INSERT INTO mirror_reserve(token_id, balance, block_number) VALUES (?, ?, ?)"
            + " ON CONFLICT (token_id) DO UPDATE SET balance = excluded.balance, block_number = excluded.block_number")) {
      for (Map.Entry<Integer, AmountRow> e : rows.entrySet()) {
        s.setInt(1, e.getKey());
        s.setString(2, text(e.getValue().value()));
        s.setLong(3, e.getValue().block());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  void putAccounts(Connection c, Map<AccountKey, AccountRow> rows) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO mirror_account(counterparty, token_id, hub_is_left, collateral, ondelta, block_number)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (counterparty, token_id) DO UPDATE"
                + " SET collateral = excluded.collateral, ondelta = excluded.ondelta,"
                + " block_number = excluded.block_number")) {
      for (Map.Entry<AccountKey, AccountRow> e : rows.entrySet()) {
        EntityId counterparty = e.getKey().counterparty();
        s.setString(1, counterparty.hex());
        s.setInt(2, e.getKey().tokenId());
        s.setInt(3, hub.isLeftOf(counterparty) ? 1 : 0);
        s.setString(4, text(e.getValue().collateral()));
        s.setString(5, text(e.getValue().ondelta()));
        s.setLong(6, e.getValue().block());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  void putNonces(Connection c, Map<EntityId, AmountRow> rows) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO mirror_account_nonce(counterparty, nonce, block_number) VALUES (?, ?, ?)"
                + " ON CONFLICT (counterparty) DO UPDATE SET nonce = excluded.nonce, block_number = excluded.block_number")) {
      for (Map.Entry<EntityId, AmountRow> e : rows.entrySet()) {
        s.setString(1, e.getKey().hex());
        s.setString(2, text(e.getValue().value()));
        s.setLong(3, e.getValue().block());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  void putTokens(Connection c, Map<Integer, TokenRow> rows) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("INSERT INTO mirror_token(token_id, address, block_number) VALUES (?, ?, ?)"
            + " ON CONFLICT (token_id) DO UPDATE SET address = excluded.address, block_number = excluded.block_number")) {
      for (Map.Entry<Integer, TokenRow> e : rows.entrySet()) {
        s.setInt(1, e.getKey());
        s.setString(2, e.getValue().address());
        s.setLong(3, e.getValue().block());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  void putBatches(Connection c, Collection<MirroredBatch> batches) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO mirror_batch(batch_nonce, batch_hash, tx_hash, block_number, block_hash, log_index)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (batch_nonce) DO UPDATE SET batch_hash = excluded.batch_hash,"
                + " tx_hash = excluded.tx_hash, block_number = excluded.block_number,"
                + " block_hash = excluded.block_hash, log_index = excluded.log_index")) {
      for (MirroredBatch b : batches) {
        s.setLong(1, b.batchNonce());
        s.setString(2, b.batchHash());
        s.setString(3, b.transactionHash());
        s.setLong(4, b.blockNumber());
        s.setString(5, b.blockHash());
        s.setInt(6, b.logIndex());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  void deleteReserve(Connection c, int tokenId) throws SQLException {
    update(c, "DELETE FROM mirror_reserve WHERE token_id = ?", tokenId);
  }

  void deleteAccount(Connection c, AccountKey key) throws SQLException {
    update(c, "DELETE FROM mirror_account WHERE counterparty = ? AND token_id = ?", key.counterparty().hex(),
        key.tokenId());
  }

  void deleteNonce(Connection c, EntityId counterparty) throws SQLException {
    update(c, "DELETE FROM mirror_account_nonce WHERE counterparty = ?", counterparty.hex());
  }

  /** Drops the tokens and batches first seen above {@code block}. */
  void dropAbove(Connection c, long block) throws SQLException {
    update(c, "DELETE FROM mirror_token WHERE block_number > ?", block);
    update(c, "DELETE FROM mirror_batch WHERE block_number > ?", block);
  }

  /** Forgets the whole mirrored state (before a re-sync from direct reads). */
  void clear(Connection c) throws SQLException {
    for (String table : new String[] {"mirror_token", "mirror_reserve", "mirror_account", "mirror_account_nonce"}) {
      update(c, "DELETE FROM " + table);
    }
  }

  /** The decimal text of an amount; a shortcut for those that fit a long (most of them). */
  static String text(BigInteger amount) {
    return amount.bitLength() < 64 ? Long.toString(amount.longValue()) : amount.toString();
  }

  static void update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      s.executeUpdate();
    }
  }

  // ---------------------------------------------------------------- reads

  Optional<AmountRow> reserve(Connection c, int tokenId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT balance, block_number FROM mirror_reserve WHERE token_id = ?")) {
      s.setInt(1, tokenId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(new AmountRow(new BigInteger(rs.getString(1)), rs.getLong(2))) : Optional.empty();
      }
    }
  }

  Map<Integer, BigInteger> reserves(Connection c) throws SQLException {
    Map<Integer, BigInteger> out = new TreeMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT token_id, balance FROM mirror_reserve");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getInt(1), new BigInteger(rs.getString(2)));
      }
    }
    return out;
  }

  Optional<AccountRow> account(Connection c, AccountKey key) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT collateral, ondelta, block_number FROM mirror_account WHERE counterparty = ? AND token_id = ?")) {
      s.setString(1, key.counterparty().hex());
      s.setInt(2, key.tokenId());
      try (ResultSet rs = s.executeQuery()) {
        return rs.next()
            ? Optional.of(new AccountRow(new BigInteger(rs.getString(1)), new BigInteger(rs.getString(2)), rs.getLong(3)))
            : Optional.empty();
      }
    }
  }

  Optional<AmountRow> nonce(Connection c, EntityId counterparty) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT nonce, block_number FROM mirror_account_nonce WHERE counterparty = ?")) {
      s.setString(1, counterparty.hex());
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(new AmountRow(new BigInteger(rs.getString(1)), rs.getLong(2))) : Optional.empty();
      }
    }
  }

  Optional<MirroredAccount> mirroredAccount(Connection c, AccountKey key) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT " + ACCOUNT_COLUMNS + ACCOUNT_JOIN + " WHERE a.counterparty = ? AND a.token_id = ?")) {
      s.setString(1, key.counterparty().hex());
      s.setInt(2, key.tokenId());
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(mirroredAccount(rs)) : Optional.empty();
      }
    }
  }

  /** Streams the hub's accounts (of one token when given) in counterparty then token order. */
  void forEachAccount(Connection c, OptionalInt tokenId, Consumer<MirroredAccount> action) throws SQLException {
    String sql =
        "SELECT " + ACCOUNT_COLUMNS + ACCOUNT_JOIN + (tokenId.isPresent() ? " WHERE a.token_id = ?" : "")
            + " ORDER BY a.counterparty, a.token_id";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      if (tokenId.isPresent()) {
        s.setInt(1, tokenId.getAsInt());
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          action.accept(mirroredAccount(rs));
        }
      }
    }
  }

  private static MirroredAccount mirroredAccount(ResultSet rs) throws SQLException {
    return new MirroredAccount(
        new EntityId(rs.getString(1)), rs.getInt(2), rs.getInt(3) == 1, new BigInteger(rs.getString(4)),
        new BigInteger(rs.getString(5)), new BigInteger(rs.getString(7)), rs.getLong(6));
  }

  /** Every counterparty the hub has an account or a nonce with. */
  Set<EntityId> counterparties(Connection c) throws SQLException {
    Set<EntityId> out = new LinkedHashSet<>();
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT counterparty FROM mirror_account UNION SELECT counterparty FROM mirror_account_nonce"
                    + " ORDER BY 1");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.add(new EntityId(rs.getString(1)));
      }
    }
    return out;
  }

  Map<Integer, String> tokens(Connection c) throws SQLException {
    Map<Integer, String> out = new TreeMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT token_id, address FROM mirror_token");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getInt(1), rs.getString(2));
      }
    }
    return out;
  }

  Optional<MirroredBatch> batch(Connection c, long batchNonce) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT batch_nonce, batch_hash, tx_hash, block_number, block_hash, log_index FROM mirror_batch"
                + " WHERE batch_nonce = ?")) {
      s.setLong(1, batchNonce);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next()
            ? Optional.of(
                new MirroredBatch(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                    rs.getInt(6)))
            : Optional.empty();
      }
    }
  }

  OptionalLong lastBatchNonce(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT MAX(batch_nonce) FROM mirror_batch");
        ResultSet rs = s.executeQuery()) {
      long max = rs.next() ? rs.getLong(1) : 0;
      return rs.wasNull() || max == 0 ? OptionalLong.empty() : OptionalLong.of(max);
    }
  }

  /** {@link RangeChanges.CurrentRows} over {@code c}; SQL failures surface as {@link StoreException}. */
  RangeChanges.CurrentRows currentRows(Connection c) {
    return new RangeChanges.CurrentRows() {
      @Override
      public Optional<AmountRow> reserve(int tokenId) {
        return unchecked(() -> StateTables.this.reserve(c, tokenId));
      }

      @Override
      public Optional<AccountRow> account(AccountKey key) {
        return unchecked(() -> StateTables.this.account(c, key));
      }

      @Override
      public Optional<AmountRow> nonce(EntityId counterparty) {
        return unchecked(() -> StateTables.this.nonce(c, counterparty));
      }
    };
  }

  /** A read that may fail with an {@link SQLException}. */
  private interface SqlRead<T> {
    T read() throws SQLException;
  }

  private static <T> T unchecked(SqlRead<T> read) {
    try {
      return read.read();
    } catch (SQLException e) {
      throw new StoreException("mirror read failed: " + e.getMessage(), e);
    }
  }
}
