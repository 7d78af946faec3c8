package io.hubd.daemon.jobs;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Small JDBC helpers shared by the job tables' stores. */
final class Sql {
  private Sql() {}

  /** Reads the current row of a result set into a value. */
  @FunctionalInterface
  interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /** The rows {@code sql} selects with {@code values} bound ({@link #bind}), each read by {@code reader}, in order. */
  static <T> List<T> query(Connection c, String sql, RowReader<T> reader, Object... values) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, values);
      try (ResultSet rs = s.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(reader.read(rs));
        }
        return out;
      }
    }
  }

  /** Runs {@code sql} with {@code values} bound ({@link #bind}); returns how many rows it changed. */
  static int update(Connection c, String sql, Object... values) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, values);
      return s.executeUpdate();
    }
  }

  /** Binds {@code values} in order: BigInteger as decimal text, Instant as epoch ms, enums by name, empty as NULL. */
  static void bind(PreparedStatement s, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      Object v = jdbc(values[i]);
      if (v == null) {
        s.setNull(i + 1, Types.NULL);
      } else {
        s.setObject(i + 1, v);
      }
    }
  }

  private static Object jdbc(Object v) {
    if (v instanceof Optional<?> o) {
      return jdbc(o.orElse(null));
    }
    if (v instanceof java.util.OptionalLong o) {
      return o.isPresent() ? o.getAsLong() : null;
    }
    if (v instanceof BigInteger b) {
      return b.toString();
    }
    if (v instanceof Instant t) {
      return t.toEpochMilli();
    }
    if (v instanceof Enum<?> e) {
      return e.name();
    }
    if (v instanceof io.hubd.contracts.EntityId id) {
      return id.hex();
    }
    return v;
  }

  static BigInteger big(ResultSet rs, String column) throws SQLException {
    String v = rs.getString(column);
    return v == null ? null : new BigInteger(v);
  }

  static Optional<BigInteger> optionalBig(ResultSet rs, String column) throws SQLException {
    return Optional.ofNullable(big(rs, column));
  }

  static Optional<String> optionalString(ResultSet rs, String column) throws SQLException {
    return Optional.ofNullable(rs.getString(column));
  }

  static OptionalLong optionalLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
  }

  static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    return Instant.ofEpochMilli(rs.getLong(column));
  }
}
