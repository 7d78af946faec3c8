package io.hubd.daemon.jobs;

import static io.hubd.daemon.jobs.Sql.bind;

import io.hubd.contracts.EntityId;
import io.hubd.contracts.Signature;
import io.hubd.daemon.store.Store;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * C2R proposals: made by the planner, shown to the user, approved with the user's signature, then carried by a
 * batch. At most one open proposal per account and token (the schema enforces it). Thread-safe.
 */
public final class ProposalStore {
  private static final String COLUMNS =
      "id, counterparty, token_id, amount, nonce, state, signature, intent_id, created_at";

  private final Store store;

  public ProposalStore(Store store) {
    this.store = Objects.requireNonNull(store, "store == null");
  }

  public Proposal propose(EntityId counterparty, int tokenId, BigInteger amount, BigInteger nonce, Instant now) {
    return store.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement("INSERT INTO proposals (counterparty, token_id, amount, nonce,"
          + " state, created_at, updated_at) VALUES (?, ?, ?, ?, 'PROPOSED', ?, ?)",
          PreparedStatement.RETURN_GENERATED_KEYS)) {
        bind(s, counterparty, tokenId, amount, nonce, now, now);
        s.executeUpdate();
        try (ResultSet keys = s.getGeneratedKeys()) {
          keys.next();
          return many(c, "WHERE id = ?", keys.getLong(1)).get(0);
        }
      }
    });
  }

  public Optional<Proposal> proposal(long id) {
    return store.inTransaction(c -> many(c, "WHERE id = ?", id).stream().findFirst());
  }

  /** The open proposals shown to {@code counterparty}. */
  public List<Proposal> openFor(EntityId counterparty) {
    return store.inTransaction(c -> many(c,
        "WHERE counterparty = ? AND state IN ('PROPOSED', 'APPROVED', 'SUBMITTED') ORDER BY id", counterparty));
  }

  public List<Proposal> inState(Proposal.ProposalState state) {
    return store.inTransaction(c -> many(c, "WHERE state = ? ORDER BY id", state));
  }

  /** Stores the user's signature; only a PROPOSED proposal can be approved. */
  public void approve(long id, Signature signature, Instant now) {
    int changed = update("UPDATE proposals SET state = 'APPROVED', signature = ?, updated_at = ? WHERE id = ?"
        + " AND state = 'PROPOSED'", signature.toHex(), now, id);
    if (changed != 1) {
      throw new Rejection(Rejection.Reason.CONFLICT, "proposal " + id + " is no longer waiting for a signature");
    }
  }

  public void markSubmitted(List<Long> ids, long intentId, Instant now) {
    for (long id : ids) {
      update("UPDATE proposals SET state = 'SUBMITTED', intent_id = ?, updated_at = ? WHERE id = ?", intentId, now,
          id);
    }
  }

  /** The batch of {@code intentId} landed ({@code used}) or failed (its proposals are stale: propose anew). */
  public void settle(long intentId, boolean used, Instant now) {
    update("UPDATE proposals SET state = ?, updated_at = ? WHERE intent_id = ? AND state = 'SUBMITTED'",
        used ? Proposal.ProposalState.USED : Proposal.ProposalState.STALE, now, intentId);
  }

  /** The proposals the batch of {@code intentId} carries. */
  public List<Proposal> carriedBy(long intentId) {
    return store.inTransaction(c -> many(c, "WHERE intent_id = ? AND state = 'SUBMITTED'", intentId));
  }

  /**
   * The batch carrying proposal {@code id} failed through no fault of it: its signature is good for the next batch
   * (approved again); or, when {@code blamed}, it is stale and the account is proposed anew.
   */
  public void returnFromFailedBatch(long id, boolean blamed, Instant now) {
    update("UPDATE proposals SET state = ?, intent_id = NULL, updated_at = ? WHERE id = ? AND state = 'SUBMITTED'",
        blamed ? Proposal.ProposalState.STALE : Proposal.ProposalState.APPROVED, now, id);
  }

  public void markStale(long id, Instant now) {
    update("UPDATE proposals SET state = 'STALE', updated_at = ? WHERE id = ? AND state IN ('PROPOSED', 'APPROVED')",
        now, id);
  }

  private int update(String sql, Object... args) {
    return store.inTransaction(c -> Sql.update(c, sql, args));
  }

  private static List<Proposal> many(Connection c, String where, Object... args) throws SQLException {
    return Sql.query(c, "SELECT " + COLUMNS + " FROM proposals " + where, ProposalStore::read, args);
  }

  private static Proposal read(ResultSet rs) throws SQLException {
    return new Proposal(
        rs.getLong("id"),
        new EntityId(rs.getString("counterparty")),
        rs.getInt("token_id"),
        Sql.big(rs, "amount"),
        Sql.big(rs, "nonce"),
        Proposal.ProposalState.valueOf(rs.getString("state")),
        Sql.optionalString(rs, "signature").map(Signature::ofHex),
        Sql.optionalLong(rs, "intent_id"),
        Sql.instant(rs, "created_at"));
  }
}
