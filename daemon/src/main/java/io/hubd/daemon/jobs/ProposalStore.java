package io.hubd.daemon.jobs;


import io.hubd.contracts.Batch;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.Signature;
import io.hubd.daemon.store.Store;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What users sign for batches: C2R and settlement proposals made by the planner, shown to the user, approved with the
 * user's signature, then carried by a batch; and settlements the hub runtime hands in already signed. At most one
 * open proposal per account and token, whatever its kind; a runtime settlement once per counterparty and nonce (the
 * schema enforces both). Thread-safe.
 */
public final class ProposalStore {
  private static final String COLUMNS = "id, counterparty, token_id, kind, amount, diffs, nonce, state, signature,"
      + " intent_id, reason, expires_at, created_at";

  private final Store store;

  public ProposalStore(Store store) {
    this.store = Objects.requireNonNull(store, "store == null");
  }

  /** A C2R proposal. */
  public Proposal propose(EntityId counterparty, int tokenId, BigInteger amount, BigInteger nonce, Instant now) {
    return insert(counterparty, tokenId, Proposal.Kind.C2R, amount, null, nonce, "PROPOSED", null, null, now);
  }

  /** A settlement proposal ({@code REPAY} or {@code SECURE}) waiting for the user's signature until {@code expiresAt}. */
  public Proposal proposeSettlement(Proposal.Kind kind, EntityId counterparty, Batch.SettlementDiff diff,
      BigInteger amount, BigInteger nonce, Instant expiresAt, Instant now) {
    if (kind != Proposal.Kind.REPAY && kind != Proposal.Kind.SECURE) {
      throw new IllegalArgumentException("the hub proposes REPAY or SECURE settlements, not " + kind);
    }
    return insert(counterparty, diff.tokenId(), kind, amount, DiffsJson.write(List.of(diff)), nonce, "PROPOSED", null,
        expiresAt, now);
  }

  /**
   * A settlement the hub runtime hands in, signed by {@code counterparty}: approved at once. Handing in the same one
   * again (same counterparty, nonce and signature) returns the first; another one at a nonce already handed in is
   * refused.
   */
  public HandedIn handIn(EntityId counterparty, List<Batch.SettlementDiff> diffs, BigInteger nonce,
      Signature signature, Instant now) {
    return store.inTransaction(c -> {
      List<Proposal> same = many(c, "WHERE kind = 'SETTLEMENT' AND counterparty = ? AND nonce = ? AND state <> 'FAILED'",
          counterparty, nonce);
      if (!same.isEmpty()) {
        Proposal existing = same.get(0);
        if (existing.signature().map(signature::equals).orElse(false) && existing.diffs().equals(diffs)) {
          return new HandedIn(existing, true);
        }
        throw new Rejection(Rejection.Reason.CONFLICT, "settlement " + existing.id() + " of " + counterparty
            + " already uses nonce " + nonce, Map.of("settlement", Long.toString(existing.id())));
      }
      return new HandedIn(insert(c, counterparty, diffs.get(0).tokenId(), Proposal.Kind.SETTLEMENT, BigInteger.ZERO,
          DiffsJson.write(diffs), nonce, "APPROVED", signature.toHex(), null, now), false);
    });
  }

  /** A runtime settlement as stored, and whether it had been handed in before. */
  public record HandedIn(Proposal settlement, boolean before) {}

  private Proposal insert(EntityId counterparty, int tokenId, Proposal.Kind kind, BigInteger amount, String diffs,
      BigInteger nonce, String state, String signature, Instant expiresAt, Instant now) {
    return store.inTransaction(
        c -> insert(c, counterparty, tokenId, kind, amount, diffs, nonce, state, signature, expiresAt, now));
  }

  private static Proposal insert(Connection c, EntityId counterparty, int tokenId, Proposal.Kind kind,
      BigInteger amount, String diffs, BigInteger nonce, String state, String signature, Instant expiresAt,
      Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO proposals (counterparty, token_id, kind, amount,"
        + " diffs, nonce, state, signature, expires_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        PreparedStatement.RETURN_GENERATED_KEYS)) {
      Sql.bind(s, counterparty, tokenId, kind, amount, diffs, nonce, state, signature, expiresAt, now, now);
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        keys.next();
        return many(c, "WHERE id = ?", keys.getLong(1)).get(0);
      }
    }
  }

  public Optional<Proposal> proposal(long id) {
    return store.inTransaction(c -> many(c, "WHERE id = ?", id).stream().findFirst());
  }

  /** The open proposals shown to {@code counterparty} to sign (C2Rs and settlements the hub proposed). */
  public List<Proposal> openFor(EntityId counterparty) {
    return store.inTransaction(c -> many(c, "WHERE counterparty = ? AND kind <> 'SETTLEMENT'"
        + " AND state IN ('PROPOSED', 'APPROVED', 'SUBMITTED') ORDER BY id", counterparty));
  }

  /** Every proposal and settlement in {@code state}, of every kind, oldest first. */
  public List<Proposal> inState(Proposal.ProposalState state) {
    return store.inTransaction(c -> many(c, "WHERE state = ? ORDER BY id", state));
  }

  /** How many there are of each kind in each state. */
  public Map<Proposal.Kind, Map<Proposal.ProposalState, Long>> counts() {
    return store.inTransaction(c -> {
      Map<Proposal.Kind, Map<Proposal.ProposalState, Long>> out = new EnumMap<>(Proposal.Kind.class);
      Sql.query(c, "SELECT kind, state, COUNT(*) FROM proposals GROUP BY kind, state", rs -> {
        out.computeIfAbsent(Proposal.Kind.valueOf(rs.getString(1)), k -> new EnumMap<>(Proposal.ProposalState.class))
            .put(Proposal.ProposalState.valueOf(rs.getString(2)), rs.getLong(3));
        return null;
      });
      return out;
    });
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
   * (approved again). When {@code blamed} (it makes the batch revert): a proposal is stale and the account is
   * proposed anew; a runtime settlement fails for good with {@code reason}, never re-signed or retried.
   */
  public void returnFromFailedBatch(long id, boolean blamed, String reason, Instant now) {
    if (!blamed) {
      update("UPDATE proposals SET state = 'APPROVED', intent_id = NULL, updated_at = ? WHERE id = ?"
          + " AND state = 'SUBMITTED'", now, id);
      return;
    }
    update("UPDATE proposals SET state = CASE kind WHEN 'SETTLEMENT' THEN 'FAILED' ELSE 'STALE' END, reason = ?,"
        + " updated_at = ? WHERE id = ? AND state = 'SUBMITTED'", reason, now, id);
  }

  /** It can never be used ({@code reason}): a proposal goes stale, a runtime settlement fails. */
  public void markStale(long id, String reason, Instant now) {
    update("UPDATE proposals SET state = CASE kind WHEN 'SETTLEMENT' THEN 'FAILED' ELSE 'STALE' END, reason = ?,"
        + " updated_at = ? WHERE id = ? AND state IN ('PROPOSED', 'APPROVED')", reason, now, id);
  }

  public void markStale(long id, Instant now) {
    markStale(id, "the account nonce moved past it", now);
  }

  /**
   * The proposals of {@code counterparty} waiting for a signature at a nonce the account's nonce on chain has reached
   * ({@code accountNonce}; a dispute's end sets it to the claim's) go stale: no signature can make them usable, and
   * the account may be proposed anew. Returns how many.
   */
  public int markStaleUpTo(EntityId counterparty, BigInteger accountNonce, Instant now) {
    return store.inTransaction(c -> {
      int stale = 0;
      for (Proposal p : many(c, "WHERE counterparty = ? AND state = 'PROPOSED'", counterparty)) {
        if (p.nonce().compareTo(accountNonce) <= 0) {
          stale += Sql.update(c, "UPDATE proposals SET state = 'STALE', reason = 'the account nonce moved past it',"
              + " updated_at = ? WHERE id = ? AND state = 'PROPOSED'", now, p.id());
        }
      }
      return stale;
    });
  }

  /** Settlement proposals past their lifetime, signed or not, stop waiting; returns how many expired. */
  public int expire(Instant now) {
    return update("UPDATE proposals SET state = 'EXPIRED', reason = 'not used within its lifetime', updated_at = ?"
        + " WHERE state IN ('PROPOSED', 'APPROVED') AND expires_at IS NOT NULL AND expires_at <= ?", now, now);
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
        Proposal.Kind.valueOf(rs.getString("kind")),
        Sql.big(rs, "amount"),
        DiffsJson.read(rs.getString("diffs")),
        Sql.big(rs, "nonce"),
        Proposal.ProposalState.valueOf(rs.getString("state")),
        Sql.optionalString(rs, "signature").map(Signature::ofHex),
        Sql.optionalLong(rs, "intent_id"),
        Sql.optionalString(rs, "reason"),
        Sql.optionalInstant(rs, "expires_at"),
        Sql.instant(rs, "created_at"));
  }
}
