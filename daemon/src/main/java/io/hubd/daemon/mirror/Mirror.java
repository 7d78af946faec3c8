package io.hubd.daemon.mirror;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.chain.BlockHeader;
import io.hubd.daemon.chain.Chain;
import io.hubd.daemon.mirror.PollResult.Outcome;
import io.hubd.daemon.mirror.ProgressTables.CheckpointRow;
import io.hubd.daemon.mirror.Rows.BlockRow;
import io.hubd.daemon.store.Store;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reorg-safe local mirror of the Depository for one hub. Each {@link #pollOnce()} takes one step: it checks that
 * the checkpoint is still on the chain (rolling back or re-syncing when not), then applies the next range of blocks
 * up to the head minus the confirmations. Thread-safe: polls are serialised; {@link #view()} may be read from any
 * thread. One mirror per {@link MeterRegistry}.
 */
public final class Mirror {
  private static final Logger log = LoggerFactory.getLogger(Mirror.class);
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

  private final Chain chain;
  private final MirrorSettings settings;
  private final Clock clock;
  private final MirrorTables tables;
  private final MirrorMetrics metrics;
  private final MirrorStatus status;
  private final RangeApplier applier;
  private final ReorgRecovery recovery;
  private final StoredMirrorView view;
  private final List<MirrorListener> listeners = new CopyOnWriteArrayList<>();
  private final ReentrantLock pollLock = new ReentrantLock();
  private Instant lastProgress;
  private long eventsSinceProgress;
  private boolean wasCaughtUp;
  /** Set when the chain turned out different than last seen: the next poll asks for the head. */
  private boolean headSuspect;

  /** A mirror that fetches one range at a time. */
  public Mirror(Chain chain, Store store, MirrorSettings settings, Clock clock, MeterRegistry meters) {
    this(chain, store, settings, clock, meters, Optional.empty());
  }

  /**
   * A mirror that, while catching up, has {@code logPrefetch} fetch the next range's logs while it applies the
   * current one (one task at a time; a single-thread executor is enough). It must not be the executor that calls
   * {@link #pollOnce()}: a poll waits for the prefetch it started in the poll before.
   */
  public Mirror(
      Chain chain, Store store, MirrorSettings settings, Clock clock, MeterRegistry meters, Executor logPrefetch) {
    this(chain, store, settings, clock, meters, Optional.of(Objects.requireNonNull(logPrefetch, "logPrefetch == null")));
  }

  private Mirror(
      Chain chain, Store store, MirrorSettings settings, Clock clock, MeterRegistry meters,
      Optional<Executor> logPrefetch) {
    this.chain = Objects.requireNonNull(chain, "chain == null");
    this.settings = Objects.requireNonNull(settings, "settings == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.tables = MirrorTables.of(Objects.requireNonNull(store, "store == null"), settings.hub());
    this.metrics = new MirrorMetrics(meters);
    this.status = new MirrorStatus(settings.confirmations());
    LogFetcher fetcher =
        new LogFetcher(chain, settings.depository(), settings.maxLogRange(), metrics::logRange, logPrefetch);
    this.applier = new RangeApplier(chain, settings, tables, fetcher,
        new LogCompleteness(chain, settings.depository(), block -> metrics.unservedLogs()));
    this.recovery = new ReorgRecovery(chain, settings, tables, fetcher);
    this.view = new StoredMirrorView(tables, status);
    this.lastProgress = clock.instant();
    Optional<Checkpoint> checkpoint = view.checkpoint();
    status.checkpoint(checkpoint);
    checkpoint.ifPresent(c -> log.info("mirror resumes after block {} ({})", c.number(), c.hash()));
  }

  /** The mirrored state, read-only. */
  public MirrorView view() {
    return view;
  }

  /**
   * The mirror tables of {@code store} as a {@link MirrorView}, without a mirror that polls (e.g. for
   * {@code hubd status} over a database opened read-only beside a running daemon). It knows no chain head:
   * {@link MirrorView#headLagBlocks()} is 0 and {@link MirrorView#isCaughtUp()} false.
   */
  public static MirrorView viewOf(Store store, EntityId hub) {
    return new StoredMirrorView(MirrorTables.of(Objects.requireNonNull(store, "store == null"), hub),
        new MirrorStatus(0));
  }

  public void addListener(MirrorListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener == null"));
  }

  /**
   * One step: detects a reorganisation (and recovers from it), or fetches and applies the next range of blocks up
   * to the head minus the confirmations and commits it with the new checkpoint. Throws
   * {@link io.hubd.daemon.chain.ChainException} when the node cannot be reached; nothing is committed then.
   */
  public PollResult pollOnce() {
    pollLock.lock();
    try {
      long head = head();
      long target = head - settings.confirmations();
      Optional<CheckpointRow> current = tables.store().inTransaction(c -> tables.progress().checkpoint(c));
      if (current.isEmpty()) {
        current = start(target);
        if (current.isEmpty()) {
          return result(Outcome.IDLE, -1, -1, 0, target);
        }
      }
      return step(current.get(), head, target);
    } catch (ChainViewChanged e) {
      headSuspect = true;
      log.info("node's answers disagree, polling again: {}", e.getMessage());
      return result(Outcome.INCONSISTENT, -1, -1, 0, status.head() - settings.confirmations());
    } finally {
      metrics.position(Math.max(0, status.head()), status.checkpointNumber());
      pollLock.unlock();
    }
  }

  /**
   * The chain head: asked for each poll, except while the checkpoint is so far behind the last head seen that the
   * next range lies entirely below the reorg window (then the old head bounds it just as well).
   */
  private long head() {
    long last = status.head();
    long behind = last - settings.confirmations() - status.checkpointNumber();
    if (!headSuspect && last >= 0 && status.checkpointNumber() >= 0
        && behind > (long) settings.maxLogRange() + settings.reorgWindow()) {
      return last;
    }
    headSuspect = false;
    long head = chain.blockNumber();
    status.head(head);
    return head;
  }

  /**
   * Repairs drift: replaces the mirrored state with direct reads of the contract at the checkpoint (for every known
   * counterparty and {@code counterparties}) and reports the keys to the listeners as after a rollback. False when
   * there is no checkpoint yet. Serialised with polls.
   */
  public boolean repair(Set<EntityId> counterparties) {
    return repair(counterparties, Set.of());
  }

  /**
   * {@link #repair(Set)}, and the dispute events of the accounts with {@code disputes} read again from the logs
   * where the contract's {@code disputeOf} says the claim was made (and on to the checkpoint), so that the mirror
   * holds the claimed deltas a finalisation needs.
   */
  public boolean repair(Set<EntityId> counterparties, Set<EntityId> disputes) {
    pollLock.lock();
    try {
      Optional<CheckpointRow> current = tables.store().inTransaction(c -> tables.progress().checkpoint(c));
      if (current.isEmpty()) {
        return false;
      }
      ReorgRecovery.Recovered recovered = recovery.reread(current.get(), counterparties, disputes);
      metrics.repair();
      publish(recovered.reserves(), recovered.accounts(), List.of(), recovered.checkpoint().orElseThrow().number());
      return true;
    } finally {
      pollLock.unlock();
    }
  }

  private PollResult step(CheckpointRow current, long head, long target) {
    Checkpoint checkpoint = current.checkpoint();
    // below the reorg window of the target the chain is final by the mirror's own assumption (it keeps no undo
    // there either): while catching up, checking the checkpoint's header again would only cost a round trip
    boolean settled = checkpoint.number() < target - settings.reorgWindow();
    boolean onChain =
        checkpoint.number() <= head
            && (settled || chain.block(checkpoint.number())
                .map(h -> h.hash().equalsIgnoreCase(checkpoint.hash())).orElse(false));
    if (!onChain) {
      long fresh = chain.blockNumber();
      status.head(fresh);
      return recover(current, fresh, fresh - settings.confirmations());
    }
    if (checkpoint.number() >= target) {
      return result(Outcome.IDLE, checkpoint.number(), checkpoint.number(), 0, target);
    }
    Optional<RangeApplier.Applied> applied = applier.advance(current, target);
    if (applied.isEmpty()) {
      return recover(current, head, target);
    }
    RangeApplier.Applied range = applied.get();
    status.checkpoint(Optional.of(range.checkpoint()));
    int events = range.changes().applied().size();
    metrics.eventsApplied(events);
    logProgress(range, events, target);
    publish(range.changes());
    return result(Outcome.ADVANCED, range.from(), range.to(), events, target);
  }

  /** Stores the block before the deployment as the first checkpoint, when the chain has reached it. */
  private Optional<CheckpointRow> start(long target) {
    long initial = settings.initialBlock();
    if (target < initial) {
      return Optional.empty();
    }
    BlockHeader header =
        chain.block(initial).orElseThrow(() -> new ChainViewChanged("the node does not know block " + initial));
    Checkpoint checkpoint = new Checkpoint(initial, header.hash());
    tables.store().inTransaction(
        c -> {
          tables.progress().putBlocks(c, List.of(new BlockRow(initial, header.hash(), true)));
          tables.progress().putCheckpoint(c, checkpoint, initial);
          return null;
        });
    status.checkpoint(Optional.of(checkpoint));
    log.info("mirror of Depository {} for hub {} starts after block {}", settings.depository(), settings.hub(),
        initial);
    return Optional.of(new CheckpointRow(checkpoint, initial));
  }

  private PollResult recover(CheckpointRow current, long head, long target) {
    metrics.reorg();
    ReorgRecovery.Recovered recovered = recovery.recover(current, head);
    if (recovered.outcome() == Outcome.RESYNCED) {
      metrics.deepReorg();
    }
    status.checkpoint(recovered.checkpoint());
    for (MirrorListener listener : listeners) {
      notify(listener, l -> l.onRolledBack(recovered.fork(), recovered.previous()));
    }
    publish(recovered.reserves(), recovered.accounts(), List.of(), recovered.checkpoint().orElseThrow().number());
    return result(recovered.outcome(), recovered.fork() + 1, recovered.previous(), 0, target);
  }

  private void publish(RangeChanges changes) {
    if (listeners.isEmpty()) {
      return;
    }
    Map<Integer, BigInteger> reserves = new LinkedHashMap<>();
    changes.reserves().forEach((tokenId, row) -> reserves.put(tokenId, row.value()));
    List<MirroredAccount> accounts = changes.accounts().keySet().stream().map(changes::mirrored).toList();
    long block = status.checkpointNumber();
    publish(reserves, accounts, changes.batches(), block);
  }

  private void publish(
      Map<Integer, BigInteger> reserves, List<MirroredAccount> accounts, List<MirroredBatch> batches, long block) {
    if (listeners.isEmpty()) {
      return;
    }
    for (MirrorListener listener : listeners) {
      reserves.forEach((tokenId, balance) -> notify(listener, l -> l.onReserveUpdated(tokenId, balance, block)));
      accounts.forEach(account -> notify(listener, l -> l.onAccountUpdated(account)));
      batches.forEach(batch -> notify(listener, l -> l.onBatchProcessed(batch)));
      notify(listener, l -> l.onCheckpoint(block));
    }
  }

  private static void notify(MirrorListener listener, Consumer<MirrorListener> call) {
    try {
      call.accept(listener);
    } catch (RuntimeException e) {
      log.warn("mirror listener {} failed", listener, e);
    }
  }

  private void logProgress(RangeApplier.Applied range, int events, long target) {
    eventsSinceProgress += events;
    Instant now = clock.instant();
    Duration since = Duration.between(lastProgress, now);
    boolean caughtUp = range.to() >= target;
    if (caughtUp && !wasCaughtUp || !caughtUp && since.compareTo(PROGRESS_EVERY) >= 0) {
      log.info("mirror at block {} of {}{}: {} hub events in {} s", range.to(), target, caughtUp ? " (caught up)" : "",
          eventsSinceProgress, since.toSeconds());
      lastProgress = now;
      eventsSinceProgress = 0;
    } else {
      log.debug("mirror applied blocks [{}, {}] ({} hub events), target {}", range.from(), range.to(), events, target);
    }
    wasCaughtUp = caughtUp;
  }

  private PollResult result(Outcome outcome, long from, long to, int events, long target) {
    return new PollResult(outcome, from, to, events, status.checkpointNumber(), target);
  }
}
