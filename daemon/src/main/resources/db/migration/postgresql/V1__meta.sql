-- PostgreSQL variant of sqlite/V1__meta.sql: the same tables, columns and meaning (INTEGER → BIGINT, AUTOINCREMENT → identity).
-- What this database belongs to: a data directory serves one chain, one Depository and one hub, never another.
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
