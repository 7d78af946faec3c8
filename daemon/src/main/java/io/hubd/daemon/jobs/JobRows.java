package io.hubd.daemon.jobs;

import io.hubd.contracts.EntityId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Reads rows of the {@code jobs} table as {@link Job}s, inside the caller's connection. Stateless. */
final class JobRows {
  private static final String COLUMNS =
      "id, public_id, kind, counterparty, wallet, token_id, amount, funded, planned, max_fee, fee, state, reason,"
          + " intent_id, failures, accepted_at, updated_at, completed_at";

  private JobRows() {}

  /** The first job {@code where} selects ({@code where} may end with ORDER BY and LIMIT). */
  static Optional<Job> one(Connection c, String where, Object... args) throws SQLException {
    List<Job> jobs = many(c, where, args);
    return jobs.isEmpty() ? Optional.empty() : Optional.of(jobs.get(0));
  }

  /** Every job {@code where} selects. */
  static List<Job> many(Connection c, String where, Object... args) throws SQLException {
    return Sql.query(c, "SELECT " + COLUMNS + " FROM jobs " + where, JobRows::read, args);
  }

  private static Job read(ResultSet rs) throws SQLException {
    return new Job(
        rs.getLong("id"),
        rs.getString("public_id"),
        JobKind.valueOf(rs.getString("kind")),
        new EntityId(rs.getString("counterparty")),
        Sql.optionalString(rs, "wallet"),
        rs.getInt("token_id"),
        Sql.big(rs, "amount"),
        Sql.big(rs, "funded"),
        Sql.big(rs, "planned"),
        Sql.optionalBig(rs, "max_fee"),
        Sql.optionalBig(rs, "fee"),
        JobState.valueOf(rs.getString("state")),
        Sql.optionalString(rs, "reason"),
        Sql.optionalLong(rs, "intent_id"),
        rs.getInt("failures"),
        Sql.instant(rs, "accepted_at"),
        Sql.instant(rs, "updated_at"),
        Sql.optionalInstant(rs, "completed_at"));
  }
}
