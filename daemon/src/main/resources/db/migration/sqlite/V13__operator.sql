-- The operator's actions and what they leave behind. Times epoch milliseconds; amounts decimal TEXT.

-- Every admin action carried out, with who asked, when, and what it did (a refused action changes nothing).
CREATE TABLE audit_log (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  at       INTEGER NOT NULL,
  actor    TEXT    NOT NULL,                  -- how the operator authenticated: 'bearer' or 'session:<8 hex>', or 'cli'
  action   TEXT    NOT NULL,                  -- PAUSE_TOKEN, RESUME_TOKEN, CANCEL_JOB, REQUEUE_JOB, SWEEP, CANCEL_TRANSACTION
  target   TEXT    NOT NULL,                  -- 'token:1', 'job:42', 'intent:7'
  detail   TEXT    NOT NULL
);

CREATE INDEX audit_log_at ON audit_log (at);

-- Tokens the operator paused: no R2C, C2R, settlement or faucet payout of theirs is planned while a row exists.
CREATE TABLE token_pause (
  token_id  INTEGER PRIMARY KEY,
  paused_at INTEGER NOT NULL,
  actor     TEXT    NOT NULL
);

-- Reserve sweeps: each one a payout job (reserve -> external) the planner carries like any payout, exactly once.
CREATE TABLE reserve_sweep (
  job_id      INTEGER PRIMARY KEY REFERENCES jobs (id),
  token_id    INTEGER NOT NULL,
  destination TEXT    NOT NULL,               -- lower-case 0x address: the hub wallet or the configured cold address
  amount      TEXT    NOT NULL,
  created_at  INTEGER NOT NULL
);
