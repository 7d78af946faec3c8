package io.hubd.daemon.mirror;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.store.Store;
import java.util.Objects;

/** The mirror's SQL, grouped: state, progress and undo log, over one {@link Store}. Immutable. */
record MirrorTables(Store store, StateTables state, ProgressTables progress, UndoLog undo) {
  MirrorTables {
    Objects.requireNonNull(store, "store == null");
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(progress, "progress == null");
    Objects.requireNonNull(undo, "undo == null");
  }

  static MirrorTables of(Store store, EntityId hub) {
    StateTables state = new StateTables(hub);
    return new MirrorTables(store, state, new ProgressTables(), new UndoLog(state));
  }
}
