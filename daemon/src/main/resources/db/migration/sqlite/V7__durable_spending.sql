-- Spending caps and top-up progress that survive restarts: a crash loop or a deploy lifts no cap and repeats no
-- deposit.

-- Every spend against a rolling budget (R2C, faucet, top-up), per token; a budget's spending in a window is the sum
-- of its rows in it. ref names what the spend paid for (an intent, a job, a deposit), so that exactly that can be
-- refunded when it did not happen. Rows older than the window are pruned.
CREATE TABLE budget_spend (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  budget   TEXT    NOT NULL,                  -- 'r2c', 'faucet', 'topup'
  token_id INTEGER NOT NULL,
  amount   TEXT    NOT NULL,                  -- base units, positive
  spent_at INTEGER NOT NULL,                  -- epoch milliseconds
  ref      TEXT    NOT NULL
) STRICT;

CREATE INDEX budget_spend_window ON budget_spend (budget, token_id, spent_at);
CREATE INDEX budget_spend_ref ON budget_spend (ref);

-- Where each token's reserve top-up is (one at a time): its phase, the amount it moves, the intent it waits for
-- (an approval, a drip, the batch carrying the deposit) and the budget spend behind it.
CREATE TABLE topup_progress (
  token_id   INTEGER PRIMARY KEY,
  phase      TEXT    NOT NULL CHECK (phase IN ('IDLE', 'DRIPPING', 'APPROVING', 'READY', 'IN_BATCH')),
  amount     TEXT    NOT NULL,
  intent_id  INTEGER,
  spend_ref  TEXT,
  failures   INTEGER NOT NULL DEFAULT 0,
  retry_at   INTEGER NOT NULL DEFAULT 0        -- epoch milliseconds before which the reserve is not judged again
) STRICT;
