package io.hubd.daemon.submit;

import io.hubd.daemon.store.Store;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The journal read as {@link IntentStatus} snapshots: what the pipeline reports and what {@code hubd status} prints
 * from a database opened read-only beside a running daemon. Never writes. Thread-safe as the {@link Store} is.
 */
public final class JournalView {
  private final Journal journal;

  public JournalView(Store store) {
    this(new Journal(Objects.requireNonNull(store, "store == null"), Clock.systemUTC()));
  }

  JournalView(Journal journal) {
    this.journal = Objects.requireNonNull(journal, "journal == null");
  }

  /** Where intent {@code id} is; empty for an id the journal never issued. */
  public Optional<IntentStatus> status(long id) {
    return journal.find(id).map(this::status);
  }

  /** Intents not yet confirmed or failed, oldest first. */
  public List<IntentStatus> open() {
    return journal.open().stream().map(this::status).toList();
  }

  /** Every batch intent the journal holds, oldest first. */
  public List<IntentStatus> batches() {
    return journal.batches().stream().map(this::status).toList();
  }

  private IntentStatus status(JournaledIntent intent) {
    Optional<Landing> landing = intent.landing();
    List<Attempt> attempts = journal.attempts(intent.id());
    return new IntentStatus(
        intent.id(),
        intent.intent().purpose(),
        intent.state(),
        intent.reason(),
        landing.map(Landing::txHash),
        landing.map(l -> OptionalLong.of(l.blockNumber())).orElse(OptionalLong.empty()),
        landing.map(Landing::gasUsed),
        intent.batchNonce(),
        intent.batchHash(),
        attempts.size(),
        attempts.isEmpty() ? Optional.empty() : Optional.of(attempts.get(attempts.size() - 1).txHash()));
  }
}
