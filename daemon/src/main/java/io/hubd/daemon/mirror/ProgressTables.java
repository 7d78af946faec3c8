package io.hubd.daemon.mirror;

import io.hubd.daemon.mirror.Rows.BlockRow;
import io.hubd.daemon.mirror.Rows.LogKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * SQL for how far the mirror got: the checkpoint and its undo floor, the hashes of processed blocks and the logs
 * already applied. Stateless; every method runs on the caller's connection and transaction.
 */
final class ProgressTables {

  /** The checkpoint and the block above which the undo log is complete. */
  record CheckpointRow(Checkpoint checkpoint, long undoFloor) {}

  Optional<CheckpointRow> checkpoint(Connection c) throws SQLException {
    try (PreparedStatement s =
            c.prepareStatement("SELECT block_number, block_hash, undo_floor FROM mirror_checkpoint WHERE id = 1");
        ResultSet rs = s.executeQuery()) {
      return rs.next()
          ? Optional.of(new CheckpointRow(new Checkpoint(rs.getLong(1), rs.getString(2)), rs.getLong(3)))
          : Optional.empty();
    }
  }

  void putCheckpoint(Connection c, Checkpoint checkpoint, long undoFloor) throws SQLException {
    StateTables.update(
        c, "INSERT INTO mirror_checkpoint(id, block_number, block_hash, undo_floor) VALUES (1, ?, ?, ?)"
            + " ON CONFLICT (id) DO UPDATE SET block_number = excluded.block_number,"
            + " block_hash = excluded.block_hash, undo_floor = excluded.undo_floor",
        checkpoint.number(), checkpoint.hash(), undoFloor);
  }

  void putBlocks(Connection c, Collection<BlockRow> blocks) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO mirror_block(number, hash, keep) VALUES (?, ?, ?) ON CONFLICT(number) DO UPDATE"
                + " SET hash = excluded.hash, keep = CASE WHEN excluded.keep > mirror_block.keep"
                + " THEN excluded.keep ELSE mirror_block.keep END")) {
      for (BlockRow b : blocks) {
        s.setLong(1, b.number());
        s.setString(2, b.hash());
        s.setInt(3, b.keep() ? 1 : 0);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /** Stored hashes of the blocks in [from, to]. */
  Map<Long, String> blockHashes(Connection c, long from, long to) throws SQLException {
    Map<Long, String> out = new HashMap<>();
    for (BlockRow b : blocks(c, "number BETWEEN ? AND ? ORDER BY number", from, to)) {
      out.put(b.number(), b.hash());
    }
    return out;
  }

  /** Stored blocks in [from, to], newest first. */
  List<BlockRow> blocksDescending(Connection c, long from, long to) throws SQLException {
    return blocks(c, "number BETWEEN ? AND ? ORDER BY number DESC", from, to);
  }

  /** Kept blocks below {@code below}, oldest first. */
  List<BlockRow> keptBlocksBelow(Connection c, long below) throws SQLException {
    return blocks(c, "number < ? AND keep = 1 ORDER BY number", below);
  }

  private static List<BlockRow> blocks(Connection c, String where, Object... args) throws SQLException {
    List<BlockRow> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT number, hash, keep FROM mirror_block WHERE " + where)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new BlockRow(rs.getLong(1), rs.getString(2), rs.getInt(3) == 1));
        }
      }
    }
    return out;
  }

  /** Logs applied in blocks [from, to]. */
  Set<LogKey> appliedLogs(Connection c, long from, long to) throws SQLException {
    Set<LogKey> out = new HashSet<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT block_number, first_index, last_index FROM mirror_log WHERE block_number BETWEEN ? AND ?")) {
      s.setLong(1, from);
      s.setLong(2, to);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          for (int index = rs.getInt(2); index <= rs.getInt(3); index++) {
            out.add(new LogKey(rs.getLong(1), index));
          }
        }
      }
    }
    return out;
  }

  /** Records {@code logs} (in chain order) as applied: one row per run of consecutive log indexes in a block. */
  void putAppliedLogs(Connection c, List<LogKey> logs) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO mirror_log(block_number, first_index, last_index) VALUES (?, ?, ?)"
                + " ON CONFLICT (block_number, first_index) DO UPDATE SET last_index = excluded.last_index")) {
      int i = 0;
      while (i < logs.size()) {
        LogKey first = logs.get(i);
        int last = first.logIndex();
        while (++i < logs.size() && logs.get(i).block() == first.block() && logs.get(i).logIndex() == last + 1) {
          last++;
        }
        s.setLong(1, first.block());
        s.setInt(2, first.logIndex());
        s.setInt(3, last);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /** Forgets what no rollback can need any more: undo entries at or below the floor, unkept blocks below it. */
  void prune(Connection c, long undoFloor) throws SQLException {
    StateTables.update(c, "DELETE FROM mirror_undo WHERE block_number <= ?", undoFloor);
    StateTables.update(c, "DELETE FROM mirror_block WHERE number < ? AND keep = 0", undoFloor);
  }

  /** Forgets the blocks, applied logs and undo entries above {@code block}. */
  void dropAbove(Connection c, long block) throws SQLException {
    StateTables.update(c, "DELETE FROM mirror_block WHERE number > ?", block);
    StateTables.update(c, "DELETE FROM mirror_log WHERE block_number > ?", block);
    StateTables.update(c, "DELETE FROM mirror_undo WHERE block_number > ?", block);
  }
}
