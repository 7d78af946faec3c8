package io.hubd.daemon.mirror;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.mirror.Rows.AccountKey;
import io.hubd.daemon.mirror.Rows.AccountRow;
import io.hubd.daemon.mirror.Rows.AmountRow;
import java.util.Objects;
import java.util.Optional;

/**
 * The value a row had before the events of {@code block} overwrote it; empty when the row did not exist. Restoring
 * the entries above a block, newest first, returns the mirror to its state as of that block. Immutable.
 */
sealed interface UndoEntry {

  long block();

  record Reserve(long block, int tokenId, Optional<AmountRow> previous) implements UndoEntry {
    public Reserve {
      Objects.requireNonNull(previous, "previous == null");
    }
  }

  record Account(long block, AccountKey key, Optional<AccountRow> previous) implements UndoEntry {
    public Account {
      Objects.requireNonNull(key, "key == null");
      Objects.requireNonNull(previous, "previous == null");
    }
  }

  record Nonce(long block, EntityId counterparty, Optional<AmountRow> previous) implements UndoEntry {
    public Nonce {
      Objects.requireNonNull(counterparty, "counterparty == null");
      Objects.requireNonNull(previous, "previous == null");
    }
  }
}
