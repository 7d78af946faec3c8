package io.hubd.daemon.mirror;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.store.Store;
import java.util.Objects;

/** The mirror's SQL, grouped: state, dispute events, progress and undo log, over one {@link Store}. Immutable. */
record MirrorTables(Store store, StateTables state, DisputeTables disputes, ProgressTables progress, UndoLog undo) {
  MirrorTables {
    Objects.requireNonNull(store, "store == null");
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(disputes, "disputes == null");
    Objects.requireNonNull(progress, "progress == null");
    Objects.requireNonNull(undo, "undo == null");
  }

  static MirrorTables of(Store store, EntityId hub) {
    StateTables state = new StateTables(hub);
    return new MirrorTables(store, state, new DisputeTables(hub), new ProgressTables(), new UndoLog(state));
  }

  /** Drops the rows first seen above {@code block}: tokens, batches and dispute events. */
  void dropAbove(java.sql.Connection c, long block) throws java.sql.SQLException {
    state.dropAbove(c, block);
    disputes.dropAbove(c, block);
  }
}
