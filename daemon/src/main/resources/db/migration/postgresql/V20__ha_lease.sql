-- High availability (PostgreSQL only: an HA pair shares one database). One row holds the lease: the instance that
-- holds it is the only one whose writes the database accepts. Times are the database's clock, epoch milliseconds,
-- so that the instances' clocks never have to agree.
CREATE TABLE ha_lease (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  holder      TEXT    NOT NULL,                -- ha.instanceId of the holder
  address     TEXT    NOT NULL,                -- where the holder's API answers (ha.advertiseUrl)
  epoch       BIGINT  NOT NULL CHECK (epoch > 0), -- one more at every change of holder: the fencing token
  acquired_at BIGINT  NOT NULL,
  renewed_at  BIGINT  NOT NULL,
  expires_at  BIGINT  NOT NULL
);

-- Every change of holder, for status, metrics and the takeover figures.
CREATE TABLE ha_takeover (
  epoch           BIGINT PRIMARY KEY,
  holder          TEXT   NOT NULL,
  previous_holder TEXT,                        -- NULL: the first lease of this database
  previous_renewed BIGINT,                     -- when the previous holder last renewed: last seen alive
  previous_expiry BIGINT,                      -- when the previous holder's lease ran out
  acquired_at     BIGINT NOT NULL,
  serving_at      BIGINT                       -- when the new holder had settled the journal and served
);

-- The fence. Every statement that writes a fenced table first takes the lease row FOR SHARE, in the writer's own
-- transaction, and is refused (SQLSTATE HA001) unless the session writes for the lease's current epoch
-- (hubd.ha_epoch, set once on the holder's connection). The share lock is held until the transaction ends, so a
-- takeover (an UPDATE of that row) waits for a fenced transaction in progress to end, and every transaction that
-- writes after the takeover sees the new epoch and is refused. Without a lease row (no HA) nothing is refused.
-- Migrations mark their session (hubd.migrating) and pass.
CREATE FUNCTION ha_fence() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  mine    TEXT := nullif(current_setting('hubd.ha_epoch', true), '');
  current BIGINT;
BEGIN
  IF current_setting('hubd.migrating', true) = 'on' THEN
    RETURN NULL;
  END IF;
  SELECT epoch INTO current FROM ha_lease WHERE id = 1 FOR SHARE;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  IF mine IS NULL OR mine::bigint <> current THEN
    RAISE EXCEPTION 'write to % refused: the HA lease is at epoch %, this session writes for epoch %',
      TG_TABLE_NAME, current, coalesce(mine, 'none') USING ERRCODE = 'HA001';
  END IF;
  RETURN NULL;
END $$;

-- Puts the fence on every table but the lease's own and Flyway's; run after every migration, so tables that later
-- migrations create are fenced too.
CREATE FUNCTION ha_install_fences() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  t RECORD;
BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema()
      AND tablename NOT IN ('ha_lease', 'ha_takeover', 'flyway_schema_history') LOOP
    EXECUTE format('CREATE OR REPLACE TRIGGER ha_fence BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I'
      || ' FOR EACH STATEMENT EXECUTE FUNCTION ha_fence()', t.tablename);
  END LOOP;
END $$;

SELECT ha_install_fences();
