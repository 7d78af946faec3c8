package io.hubd.daemon.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done on a connection inside one database transaction. */
@FunctionalInterface
public interface SqlWork<T> {
  T run(Connection connection) throws SQLException;
}
