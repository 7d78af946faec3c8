-- What this database belongs to: a data directory serves one chain, one Depository and one hub, never another.
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
