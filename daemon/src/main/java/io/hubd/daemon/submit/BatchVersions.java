package io.hubd.daemon.submit;

import static io.hubd.daemon.submit.JournalRows.optionalLong;
import static io.hubd.daemon.submit.JournalRows.update;

import io.hubd.contracts.BatchCall;
import io.hubd.daemon.store.Store;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The versions of a batch intent amended with urgent operations ({@code submit_batch_version}): each version its
 * attempts are signed over, the intent's current one in {@code submit_intent}, and, once mined, the one that landed.
 * An intent never amended after signing has no rows here. Thread-safe as the {@link Store} is.
 */
final class BatchVersions {
  private final Store store;
  private final Clock clock;

  BatchVersions(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  /** Whether {@code batchHash} is that of a version intent {@code id} was signed over. */
  boolean signed(long id, String batchHash) {
    return store.inTransaction(c -> optionalLong(c, "SELECT id FROM submit_intent i WHERE id = ?"
        + " AND (lower(batch_hash) = lower(?) OR EXISTS (SELECT 1 FROM submit_batch_version v"
        + " WHERE v.intent_id = i.id AND lower(v.batch_hash) = lower(?)))", id, batchHash, batchHash).isPresent());
  }

  /** Adds operations to a batch intent not signed yet; false when it is signed meanwhile. */
  boolean amendQueued(long id, io.hubd.contracts.Batch amended) {
    return store.inTransaction(c -> update(c, "UPDATE submit_intent SET batch_json = ?, emergency = 1, updated_at = ?"
        + " WHERE id = ? AND state = 'QUEUED'", BatchJson.write(amended), clock.millis(), id) == 1);
  }

  /**
   * Records version {@code version} of a signed batch intent (the first version is recorded too, if it is not yet)
   * and makes it the intent's current one, following the emergency fee policy. In the caller's transaction, the one
   * that journals the attempt signed over it.
   */
  void amendSigned(Connection c, JournaledIntent intent, BatchCall amended, int version) throws SQLException {
    update(c, "INSERT INTO submit_batch_version (intent_id, version, batch_json, call_data, batch_hash)"
            + " SELECT id, version, batch_json, call_data, batch_hash FROM submit_intent WHERE id = ?"
            + " ON CONFLICT (intent_id, version) DO NOTHING", intent.id());
    update(c, "INSERT INTO submit_batch_version (intent_id, version, batch_json, call_data, batch_hash)"
        + " VALUES (?, ?, ?, ?, ?)", intent.id(), version, BatchJson.write(amended.batch()), amended.callData(),
        amended.batchHash());
    use(c, intent.id(), version);
    update(c, "UPDATE submit_intent SET emergency = 1 WHERE id = ?", intent.id());
  }

  /** The highest version of intent {@code id}'s batch. */
  int latest(Connection c, long id) throws SQLException {
    return (int) optionalLong(c, "SELECT MAX(version) FROM submit_batch_version WHERE intent_id = ?", id).orElse(1);
  }

  /**
   * Intent {@code id}'s transaction {@code txHash} was mined: an amended batch takes the version of the attempt that
   * landed (a transaction that is none of its attempts, or a call, keeps the current one).
   */
  void takeLanded(Connection c, long id, String txHash) throws SQLException {
    OptionalLong landed = optionalLong(c, "SELECT version FROM submit_attempt WHERE intent_id = ?"
        + " AND lower(tx_hash) = lower(?)", id, txHash);
    if (landed.isPresent() && optionalLong(c, "SELECT 1 FROM submit_batch_version WHERE intent_id = ?"
        + " AND version = ?", id, landed.getAsLong()).isPresent()) {
      use(c, id, (int) landed.getAsLong());
    }
  }

  /** Makes {@code version} (recorded in submit_batch_version) intent {@code id}'s current batch. */
  private void use(Connection c, long id, int version) throws SQLException {
    update(c, "UPDATE submit_intent SET (batch_json, call_data, batch_hash, version) = (SELECT batch_json, call_data,"
        + " batch_hash, version FROM submit_batch_version WHERE intent_id = ? AND version = ?), updated_at = ?"
        + " WHERE id = ?", id, version, clock.millis(), id);
  }
}
