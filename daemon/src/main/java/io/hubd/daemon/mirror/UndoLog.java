package io.hubd.daemon.mirror;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.mirror.Rows.AccountKey;
import io.hubd.daemon.mirror.Rows.AccountRow;
import io.hubd.daemon.mirror.Rows.AmountRow;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * SQL for the undo log ({@code mirror_undo}): the previous values of the rows recent blocks' events overwrote, and
 * rolling the state back to a block by restoring them newest first. Stateless apart from its {@link StateTables}.
 */
final class UndoLog {

  /** The keys a rollback restored, so that listeners can be told their values again. */
  record Restored(Set<Integer> reserves, Set<AccountKey> accounts) {}

  private final StateTables state;

  UndoLog(StateTables state) {
    this.state = Objects.requireNonNull(state, "state == null");
  }

  void write(Connection c, List<UndoEntry> entries) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO mirror_undo(block_number, kind, counterparty, token_id, existed, value, ondelta,"
                + " value_block) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (UndoEntry entry : entries) {
        bind(s, entry);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static void bind(PreparedStatement s, UndoEntry entry) throws SQLException {
    s.setLong(1, entry.block());
    s.setNull(7, Types.VARCHAR);
    if (entry instanceof UndoEntry.Reserve r) {
      bindKey(s, "reserve", "", r.tokenId());
      bindAmount(s, r.previous());
    } else if (entry instanceof UndoEntry.Nonce n) {
      bindKey(s, "nonce", n.counterparty().hex(), 0);
      bindAmount(s, n.previous());
    } else if (entry instanceof UndoEntry.Account a) {
      bindKey(s, "account", a.key().counterparty().hex(), a.key().tokenId());
      Optional<AccountRow> previous = a.previous();
      s.setInt(5, previous.isPresent() ? 1 : 0);
      s.setString(6, previous.map(p -> p.collateral().toString()).orElse(null));
      s.setString(7, previous.map(p -> p.ondelta().toString()).orElse(null));
      s.setObject(8, previous.map(AccountRow::block).orElse(null));
    }
  }

  private static void bindKey(PreparedStatement s, String kind, String counterparty, int tokenId)
      throws SQLException {
    s.setString(2, kind);
    s.setString(3, counterparty);
    s.setInt(4, tokenId);
  }

  private static void bindAmount(PreparedStatement s, Optional<AmountRow> previous) throws SQLException {
    s.setInt(5, previous.isPresent() ? 1 : 0);
    s.setString(6, previous.map(p -> p.value().toString()).orElse(null));
    s.setObject(8, previous.map(AmountRow::block).orElse(null));
  }

  /** Entries of the blocks above {@code block}, newest first. */
  List<UndoEntry> above(Connection c, long block) throws SQLException {
    List<UndoEntry> out = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT block_number, kind, counterparty, token_id, existed, value, ondelta, value_block FROM mirror_undo"
                + " WHERE block_number > ? ORDER BY seq DESC")) {
      s.setLong(1, block);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(entry(rs));
        }
      }
    }
    return out;
  }

  private static UndoEntry entry(ResultSet rs) throws SQLException {
    long block = rs.getLong(1);
    boolean existed = rs.getInt(5) == 1;
    String kind = rs.getString(2);
    Optional<AmountRow> amount =
        existed && !kind.equals("account")
            ? Optional.of(new AmountRow(new BigInteger(rs.getString(6)), rs.getLong(8)))
            : Optional.empty();
    switch (kind) {
      case "reserve":
        return new UndoEntry.Reserve(block, rs.getInt(4), amount);
      case "nonce":
        return new UndoEntry.Nonce(block, new EntityId(rs.getString(3)), amount);
      case "account":
        Optional<AccountRow> account =
            existed
                ? Optional.of(new AccountRow(new BigInteger(rs.getString(6)), new BigInteger(rs.getString(7)),
                    rs.getLong(8)))
                : Optional.empty();
        return new UndoEntry.Account(block, new AccountKey(new EntityId(rs.getString(3)), rs.getInt(4)), account);
      default:
        throw new IllegalStateException("unknown undo kind " + kind);
    }
  }

  /**
   * Restores every row the blocks above {@code block} overwrote to its value as of {@code block}. The caller drops
   * those blocks' entries and bookkeeping in the same transaction.
   */
  Restored rollBackTo(Connection c, long block) throws SQLException {
    Set<Integer> reserves = new LinkedHashSet<>();
    Set<AccountKey> accounts = new LinkedHashSet<>();
    for (UndoEntry entry : above(c, block)) {
      if (entry instanceof UndoEntry.Reserve r) {
        reserves.add(r.tokenId());
        if (r.previous().isPresent()) {
          state.putReserves(c, Map.of(r.tokenId(), r.previous().get()));
        } else {
          state.deleteReserve(c, r.tokenId());
        }
      } else if (entry instanceof UndoEntry.Nonce n) {
        if (n.previous().isPresent()) {
          state.putNonces(c, Map.of(n.counterparty(), n.previous().get()));
        } else {
          state.deleteNonce(c, n.counterparty());
        }
      } else if (entry instanceof UndoEntry.Account a) {
        accounts.add(a.key());
        if (a.previous().isPresent()) {
          state.putAccounts(c, Map.of(a.key(), a.previous().get()));
        } else {
          state.deleteAccount(c, a.key());
        }
      }
    }
    return new Restored(reserves, accounts);
  }
}
