package io.hubd.daemon.mirror;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.mirror.Rows.DisputeKind;
import io.hubd.daemon.mirror.Rows.DisputeRow;
import io.hubd.daemon.store.TokenDeltasText;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * SQL for the dispute events of the hub's accounts ({@code mirror_dispute_event}) and the open disputes they add
 * up to: an account's dispute is open while its latest event is a claim; the current claim is that event, the
 * dispute began with the last {@code STARTED} before it. Rows are added with the checkpoint and dropped above a
 * rollback's ancestor, never changed. Stateless apart from the hub id; every method runs on the caller's connection.
 */
final class DisputeTables {
  private static final String COLUMNS = "block_number, log_index, counterparty, kind, claimant, nonce,"
      + " finalise_after_block, deltas, tx_hash";
  /** Counterparties whose latest dispute event is a claim. */
  private static final String OPEN = "SELECT e.counterparty FROM mirror_dispute_event e WHERE e.kind <> 'FINALISED'"
      + " AND NOT EXISTS (SELECT 1 FROM mirror_dispute_event later WHERE later.counterparty = e.counterparty"
      + " AND (later.block_number > e.block_number"
      + " OR (later.block_number = e.block_number AND later.log_index > e.log_index)))";

  private final EntityId hub;

  DisputeTables(EntityId hub) {
    this.hub = Objects.requireNonNull(hub, "hub == null");
  }

  /** Adds events; one already stored (same block and log index) is left as it is. */
  void put(Connection c, Collection<DisputeRow> rows) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO mirror_dispute_event (" + COLUMNS + ")"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (block_number, log_index) DO NOTHING")) {
      for (DisputeRow r : rows) {
        s.setLong(1, r.block());
        s.setInt(2, r.logIndex());
        s.setString(3, r.counterparty().hex());
        s.setString(4, r.kind().name());
        s.setString(5, r.claimant().map(EntityId::hex).orElse(null));
        s.setString(6, r.nonce().toString());
        s.setObject(7, r.finaliseAfterBlock().isPresent() ? r.finaliseAfterBlock().getAsLong() : null);
        s.setString(8, r.claimant().isPresent() ? TokenDeltasText.write(r.deltas()) : null);
        s.setString(9, r.transactionHash());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /** Drops the events of the blocks above {@code block}. */
  void dropAbove(Connection c, long block) throws SQLException {
    StateTables.update(c, "DELETE FROM mirror_dispute_event WHERE block_number > ?", block);
  }

  /** The open disputes, ordered by counterparty. */
  List<MirroredDispute> open(Connection c) throws SQLException {
    return fold(rows(c, "WHERE counterparty IN (" + OPEN + ") ORDER BY counterparty, block_number, log_index"));
  }

  /** The open dispute of the account with {@code counterparty}, if there is one. */
  Optional<MirroredDispute> open(Connection c, EntityId counterparty) throws SQLException {
    return fold(rows(c, "WHERE counterparty = ? ORDER BY block_number, log_index", counterparty.hex())).stream()
        .findFirst();
  }

  /** Counterparties the hub ever had a dispute event with. */
  List<EntityId> counterparties(Connection c) throws SQLException {
    List<EntityId> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(
            "SELECT DISTINCT counterparty FROM mirror_dispute_event ORDER BY counterparty");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.add(new EntityId(rs.getString(1)));
      }
    }
    return out;
  }

  /** Events of one counterparty in chain order, folded: each counterparty's open dispute, if it has one. */
  private List<MirroredDispute> fold(List<DisputeRow> rows) {
    List<MirroredDispute> out = new ArrayList<>();
    int i = 0;
    while (i < rows.size()) {
      EntityId counterparty = rows.get(i).counterparty();
      DisputeRow start = null;
      DisputeRow previous = null;
      DisputeRow current = null;
      for (; i < rows.size() && rows.get(i).counterparty().equals(counterparty); i++) {
        DisputeRow row = rows.get(i);
        switch (row.kind()) {
          case STARTED -> {
            start = row;
            previous = null;
            current = row;
          }
          case COUNTERED -> {
            previous = current;
            current = row;
          }
          case FINALISED -> {
            start = null;
            previous = null;
            current = null;
          }
          default -> throw new IllegalStateException("unknown dispute event " + row.kind());
        }
      }
      if (current != null) {
        out.add(dispute(start, previous, current));
      }
    }
    return out;
  }

  private MirroredDispute dispute(DisputeRow start, DisputeRow previous, DisputeRow current) {
    long startBlock = start == null ? current.block() : start.block(); // a counter whose start the mirror never saw
    return new MirroredDispute(current.counterparty(), hub.isLeftOf(current.counterparty()),
        current.claimant().orElseThrow(), current.nonce(), current.deltas(),
        current.finaliseAfterBlock().orElseThrow(), current.block(), Math.min(startBlock, current.block()),
        previous == null ? OptionalLong.empty() : OptionalLong.of(previous.block()));
  }

  private static List<DisputeRow> rows(Connection c, String where, Object... args) throws SQLException {
    List<DisputeRow> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM mirror_dispute_event " + where)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(row(rs));
        }
      }
    }
    return out;
  }

  private static DisputeRow row(ResultSet rs) throws SQLException {
    String claimant = rs.getString(5);
    long deadline = rs.getLong(7);
    boolean claim = !rs.wasNull();
    String deltas = rs.getString(8);
    return new DisputeRow(rs.getLong(1), rs.getInt(2), new EntityId(rs.getString(3)),
        DisputeKind.valueOf(rs.getString(4)), Optional.ofNullable(claimant).map(EntityId::new),
        new BigInteger(rs.getString(6)), claim ? OptionalLong.of(deadline) : OptionalLong.empty(),
        deltas == null ? List.of() : TokenDeltasText.read(deltas), rs.getString(9));
  }
}
