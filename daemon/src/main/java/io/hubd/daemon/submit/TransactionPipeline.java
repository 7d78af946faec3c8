package io.hubd.daemon.submit;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.chain.Chain;
import io.hubd.daemon.chain.TxReceipt;
import io.hubd.daemon.config.SubmitConfig;
import io.hubd.daemon.store.Store;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;

/**
 * Puts the hub's intents on chain exactly once: Depository batches and plain contract calls become EIP-1559
 * transactions signed by the hub key, from one nonce sequence.
 *
 * <p>Everything is journaled in the {@link Store} before it is acted on: the intent when {@link #submit submitted},
 * each signed transaction before it is broadcast. {@link #tick()} moves every open intent on (sign, broadcast, wait
 * for the receipt, replace a transaction stuck for {@code bumpAfterBlocks} with fees raised by {@code bumpPercent} up
 * to the cap, confirm after {@code confirmations} blocks, send again if a reorganisation removed it); a runner calls it
 * every poll interval or new block. {@link #recover()} runs once at start, before the first tick, and settles the
 * journal against the chain: attempts already mined are found by receipt (or a batch by its {@code BatchProcessed}
 * event), the others are broadcast again as signed, never re-signed while one of them could still land.
 *
 * <p>One transaction is in flight at a time: an intent is signed only once every earlier one is mined successfully
 * (or has failed), since the Depository's batch nonces are strictly ordered anyway. Operations that cannot wait
 * ({@link #submitUrgent}) do not queue behind a batch stuck in the mempool: they are added to it, as a new version
 * signed at its transaction nonce and batch nonce, and every intent ahead of an urgent one is replaced under the
 * emergency fee policy. A batch's batch nonce is chosen
 * when it is signed: one past the hub's on-chain batch nonce and its own mined batches. A batch whose gas estimate
 * reverts is {@link IntentState#FAILED} with the decoded custom error and never sent; one that reverts when mined is
 * failed with the error found by replaying it. Outcomes go to the {@link SubmitListener}.
 *
 * <p>Thread-safe: {@link #submit} and {@link #status} may be called from any thread; {@link #tick()} and
 * {@link #recover()} are serialised.
 */
public final class TransactionPipeline {
  private static final Logger log = LoggerFactory.getLogger(TransactionPipeline.class);
  /** Transitions one intent may make in one tick (sign, broadcast, mined, confirmed, with room to spare). */
  private static final int STEPS_PER_TICK = 8;
  /** The {@code meta} key of the hub's batch nonce on chain when this journal was first used. */
  private static final String JOURNAL_START = "submit_journal_start_batch_nonce";

  private final Chain chain;
  private final Journal journal;
  private final JournalView view;
  private final String depository;
  private final IntentStepper stepper;
  private final SubmitMetrics metrics;
  private final SubmitListener listener;
  private final StageListener stages;
  private final SubmitHalts halts;
  private final BatchNonces batchNonces;
  private final Store store;
  private final LandingFinder finder;
  private final String hubAddress;
  /** The lowest block a reorganisation reported since the last tick replaced; landings above it are checked. */
  private final AtomicLong reorganisedAbove = new AtomicLong(Long.MAX_VALUE);
  private volatile BigInteger journalStart;

  private TransactionPipeline(Builder b) {
    this.chain = b.chain;
    this.store = b.store;
    this.journal = new Journal(b.store, b.clock);
    this.view = new JournalView(journal);
    this.depository = b.depository;
    this.metrics = new SubmitMetrics(b.meters);
    this.listener = b.listener;
    this.stages = b.stages;
    this.halts = new SubmitHalts(b.store, b.clock, b.meters);
    TxSigner signer = new TxSigner(b.hubKey, b.chainId);
    this.hubAddress = signer.address();
    this.finder = new LandingFinder(chain, depository, EntityId.ofAddress(b.hubKey.getAddress()));
    this.batchNonces = new BatchNonces(finder, journal, halts, this::journalStart);
    IntentStepper.Parts parts = new IntentStepper.Parts(signer, finder, batchNonces,
        new NonceUse(finder, journal, halts, b.config.receiptPatienceBlocks()), new LandingCheck(chain, finder),
        metrics, stages, halts, new TransactionWatch(chain, signer.address(), b.config, b.clock, b.meters));
    this.stepper = new IntentStepper(chain, journal, parts, b.config, b.confirmations);
  }

  public static Builder builder(Chain chain, Store store, Credentials hubKey) {
    return new Builder(chain, store, hubKey);
  }

  /** Journals {@code intent}; returns its id. The transaction is signed and sent by a later {@link #tick()}. */
  public long submit(Intent intent) {
    return submit(intent, id -> {});
  }

  /**
   * Journals {@code intent} and runs {@code alongside} with its id inside the journal's transaction: what
   * {@code alongside} records in the same {@link Store} (e.g. which jobs the batch carries) commits together with
   * the intent, or neither does, so a crash can never leave an intent nobody knows the purpose of. Returns the id.
   */
  public long submit(Intent intent, LongConsumer alongside) {
    Objects.requireNonNull(intent, "intent == null");
    Objects.requireNonNull(alongside, "alongside == null");
    String target = intent instanceof Intent.ContractCall call ? call.to() : depository;
    long id = journal.insert(intent, target, alongside);
    log.debug("intent {} ({}) journaled", id, intent.purpose());
    stages.reached(Stage.JOURNALED, id);
    return id;
  }

  /**
   * Journals operations that cannot wait (a dispute counter): added to the first batch intent not yet mined when it
   * is the next to land (an amendment, see {@link IntentStepper#amend}), else journaled as a batch of their own
   * ({@link Intent.Lane#SIDE}); either way under the emergency fee policy, as is every intent ahead of them. Returns
   * the id of the intent that carries them. Journaled before anything is signed or sent; any thread.
   *
   * @throws io.hubd.daemon.chain.ChainException when the node fails while amending; nothing is journaled then
   */
  public synchronized long submitUrgent(io.hubd.contracts.Batch ops, String purpose) {
    Objects.requireNonNull(ops, "ops == null");
    Intent.BatchIntent own = Intent.sideBatch(ops, purpose);
    if (!halts.halted()) {
      for (JournaledIntent open : journal.open()) {
        if (open.state() == IntentState.MINED) {
          continue; // mined: it holds no nonce back
        }
        if (stepper.amend(open, ops)) {
          log.info("{} ({} operations) added to intent {} ({})", purpose, ops.operationCount(), open.id(),
              open.intent().purpose());
          return open.id();
        }
        break;
      }
    }
    long id = journal.insert(own, depository, true, x -> {});
    log.info("intent {} ({}) journaled as urgent", id, purpose);
    stages.reached(Stage.JOURNALED, id);
    return id;
  }

  /** Where intent {@code id} is; empty for an id this journal never issued. */
  public Optional<IntentStatus> status(long id) {
    return view.status(id);
  }

  /** Intents submitted and not yet confirmed or failed, oldest first. */
  public List<IntentStatus> openIntents() {
    return view.open();
  }

  /** Intents submitted but not yet confirmed or failed. */
  public int inFlight() {
    return journal.open().size();
  }

  /**
   * The oldest batch intent of the rebalance loop ({@link Intent.Lane#PLANNED}) not yet confirmed or failed: the
   * rebalance batch in flight, also one a reorganisation reopened, or one journaled before a restart.
   */
  public OptionalLong oldestOpenBatch() {
    return journal.open().stream()
        .filter(i -> i.intent() instanceof Intent.BatchIntent b && b.lane() == Intent.Lane.PLANNED)
        .mapToLong(JournaledIntent::id).findFirst();
  }

  /**
   * The batches journaled that may land, or landed, after {@code block}: not failed, and not recorded as mined at or
   * below it. With the mirror's checkpoint as {@code block}, the batches whose effects the mirror does not show yet.
   */
  public List<io.hubd.contracts.Batch> batchesNotLandedBy(long block) {
    return journal.batchesNotLandedBy(block).stream()
        .map(i -> ((Intent.BatchIntent) i.intent()).batch()).toList();
  }

  /** The batch intent {@code id} carries; empty for a call or an unknown id. */
  public Optional<io.hubd.contracts.Batch> batch(long id) {
    return journal.find(id).map(JournaledIntent::intent)
        .filter(i -> i instanceof Intent.BatchIntent).map(i -> ((Intent.BatchIntent) i).batch());
  }

  /**
   * What the chain says now of {@code batch} sent by the hub at its next batch nonce ({@code eth_call} at the latest
   * block): empty when it would go through, else the decoded revert.
   */
  public Optional<io.hubd.contracts.RevertReason> wouldRevert(io.hubd.contracts.Batch batch) {
    io.hubd.contracts.BatchCall call = io.hubd.contracts.BatchCall.of(batch, finder.batchNonce().add(BigInteger.ONE));
    return chain.simulate(hubAddress, depository, call.callData(), OptionalLong.empty())
        .map(e -> e.revertReason().orElse(new io.hubd.contracts.RevertReason("Unknown",
            java.util.Map.of("message", String.valueOf(e.getMessage())))));
  }

  /** The newest batch intent of the rebalance loop ({@link Intent.Lane#PLANNED}) in the journal, in any state. */
  public OptionalLong newestBatch() {
    return journal.newestPlannedBatch();
  }

  /** Why submission is stopped, if it is. */
  public SubmitHalts halts() {
    return halts;
  }

  /**
   * Asks for intent {@code id}'s nonce to be taken by a cancel (a zero-value transfer to the hub, fees raised), so
   * that none of its transactions lands; its work returns to its owner once the cancel is confirmed. False when the
   * intent is not signed and unmined (nothing to cancel).
   */
  public boolean cancel(long id) {
    boolean asked = journal.requestCancel(id);
    if (asked) {
      log.warn("intent {}: cancel requested", id);
    }
    return asked;
  }

  /**
   * The blocks above {@code forkBlock} left the chain: every transaction recorded as mined above it (confirmed ones
   * too) is checked at the next tick, and sent again if it is gone. Any thread.
   */
  public void chainReorganised(long forkBlock) {
    reorganisedAbove.accumulateAndGet(forkBlock, Math::min);
  }

  /**
   * A batch of the hub with {@code batchNonce} and {@code batchHash} landed in {@code transaction} (as the mirror saw
   * it): if the journal never signed it, another process signs with the hub key, and submission stops. Any thread.
   */
  public void batchObserved(BigInteger batchNonce, String batchHash, String transaction) {
    if (journalStart != null) {
      batchNonces.observed(batchNonce, batchHash, transaction);
    }
  }

  /** Reads (on first use of the journal: records) the hub's batch nonce on chain when the journal began. */
  private void readJournalStart() {
    journalStart = new BigInteger(store.meta(JOURNAL_START).orElseGet(
        () -> store.metaOrPut(JOURNAL_START, finder.batchNonce().toString())));
  }

  private BigInteger journalStart() {
    return journalStart == null ? BigInteger.ZERO : journalStart;
  }

  /**
   * Settles the journal against the chain after a start: finds what already landed, broadcasts again what is signed
   * but not mined, re-bases the nonce floor, and delivers outcomes the listener may have missed.
   */
  public synchronized void recover() {
    readJournalStart();
    List<JournaledIntent> open = journal.open();
    stepper.resyncNonces();
    int mined = 0;
    for (JournaledIntent intent : open) {
      if (intent.state() == IntentState.SIGNED || intent.state() == IntentState.SENT) {
        if (stepper.resume(intent).state() == IntentState.MINED) {
          mined++;
        }
      }
    }
    halts.active().forEach(h -> log.error("submission is stopped since {}: {}. Run `hubd resume` once the other"
        + " process signing with the hub key is stopped", h.since(), h.detail()));
    int delivered = deliverOutcomes();
    log.info("journal settled against the chain: {} open intents, {} found mined, {} outcomes delivered",
        open.size(), mined, delivered);
    metrics.inFlight(journal.open().size());
  }

  /**
   * One pass of the state machine over every open intent, oldest first, then delivery of new outcomes.
   *
   * @throws io.hubd.daemon.chain.ChainException when the node fails; the journal is consistent and the next tick
   *     resumes where this one stopped
   */
  public synchronized void tick() {
    if (journalStart == null) {
      readJournalStart();
    }
    verifyLandingsAfterReorganisation();
    boolean mayStartNext = true;
    List<JournaledIntent> open = journal.open();
    int lastEmergency = lastUnminedEmergency(open);
    for (int i = 0; i < open.size(); i++) {
      JournaledIntent after = advance(open.get(i), mayStartNext, i <= lastEmergency);
      if (holdsBackLaterIntents(after)) {
        mayStartNext = false;
      }
    }
    deliverOutcomes();
    metrics.inFlight(journal.open().size());
  }

  /**
   * True from a reported reorganisation until the next tick has checked the landings above it: meanwhile a batch
   * recorded as landed may be gone and about to be sent again, so nothing may be planned on top of it.
   */
  public boolean landingsInDoubt() {
    return reorganisedAbove.get() != Long.MAX_VALUE;
  }

  private void verifyLandingsAfterReorganisation() {
    long above = reorganisedAbove.get();
    if (above == Long.MAX_VALUE) {
      return;
    }
    int reopened = 0;
    boolean undecided = false;
    for (JournaledIntent landed : journal.landedAbove(above)) {
      LandingRepair.Verified verified = stepper.verifyLanding(landed);
      reopened += verified == LandingRepair.Verified.REOPENED ? 1 : 0;
      undecided |= verified == LandingRepair.Verified.UNKNOWN;
    }
    if (reopened > 0) {
      stepper.resyncNonces();
    }
    if (undecided) {
      log.info("reorganisation above block {}: the node has not reached every landing yet; checking again", above);
      return; // still in doubt: the next tick checks again
    }
    reorganisedAbove.compareAndSet(above, Long.MAX_VALUE); // a deeper one reported meanwhile is checked next tick
    log.info("reorganisation above block {}: {} journaled transactions left the chain and are open again", above,
        reopened);
  }

  /** The index of the last open intent in an emergency not mined yet: it and every one ahead of it cannot wait. */
  private static int lastUnminedEmergency(List<JournaledIntent> open) {
    int last = -1;
    for (int i = 0; i < open.size(); i++) {
      if (open.get(i).emergency() && open.get(i).state() != IntentState.MINED) {
        last = i;
      }
    }
    return last;
  }

  private JournaledIntent advance(JournaledIntent intent, boolean mayStart, boolean emergency) {
    JournaledIntent current = intent;
    for (int i = 0; i < STEPS_PER_TICK && !current.state().isFinal(); i++) {
      if (current.state() == IntentState.QUEUED && !mayStart) {
        break;
      }
      JournaledIntent next = stepper.step(current, emergency);
      boolean moved = next.state() != current.state();
      current = next;
      if (!moved) {
        break;
      }
    }
    return current;
  }

  /** Later intents wait while this one is not yet mined, or was mined but reverted (its batch nonce is unused). */
  private static boolean holdsBackLaterIntents(JournaledIntent intent) {
    return switch (intent.state()) {
      case QUEUED, SIGNED, SENT -> true;
      case MINED -> !intent.landing().orElseThrow().succeeded();
      case CONFIRMED, FAILED -> false;
    };
  }

  private int deliverOutcomes() {
    List<JournaledIntent> settled = journal.unnotified();
    for (JournaledIntent intent : settled) {
      try {
        if (intent.state() == IntentState.CONFIRMED) {
          listener.confirmed(intent.id(), intent.intent(), receiptOf(intent.landing().orElseThrow()));
        } else {
          listener.failed(intent.id(), intent.intent(), intent.reason().orElseThrow());
        }
      } catch (RuntimeException e) {
        log.error("listener failed on the outcome of intent {}", intent.id(), e);
      }
      journal.markNotified(intent.id());
    }
    return settled.size();
  }

  private TxReceipt receiptOf(Landing landing) {
    return chain.receipt(landing.txHash())
        .orElseGet(() -> new TxReceipt(landing.txHash(), landing.blockNumber(), landing.blockHash(),
            landing.succeeded(), landing.gasUsed(), BigInteger.ZERO, List.of()));
  }

  /** Collects the pipeline's collaborators and settings. Not thread-safe. */
  public static final class Builder {
    private final Chain chain;
    private final Store store;
    private final Credentials hubKey;
    private long chainId;
    private String depository;
    private SubmitConfig config;
    private int confirmations;
    private MeterRegistry meters;
    private SubmitListener listener = SubmitListener.NONE;
    private StageListener stages = StageListener.NONE;
    private Clock clock = Clock.systemUTC();

    private Builder(Chain chain, Store store, Credentials hubKey) {
      this.chain = Objects.requireNonNull(chain, "chain == null");
      this.store = Objects.requireNonNull(store, "store == null");
      this.hubKey = Objects.requireNonNull(hubKey, "hubKey == null");
    }

    /** The chain id transactions are signed for (required). */
    public Builder chainId(long chainId) {
      this.chainId = chainId;
      return this;
    }

    /** The Depository batches are sent to (required). */
    public Builder depository(String depository) {
      Objects.requireNonNull(depository, "depository == null");
      if (!depository.matches("0x[0-9a-fA-F]{40}")) {
        throw new IllegalArgumentException("depository is not a 0x-prefixed 20-byte address: " + depository);
      }
      this.depository = depository.toLowerCase(Locale.ROOT);
      return this;
    }

    /** Fees, bumps and gas margin (required). */
    public Builder config(SubmitConfig config) {
      this.config = Objects.requireNonNull(config, "config == null");
      return this;
    }

    /** Blocks a mined transaction must be buried under before it counts (default 0). */
    public Builder confirmations(int confirmations) {
      if (confirmations < 0) {
        throw new IllegalArgumentException("confirmations < 0: " + confirmations);
      }
      this.confirmations = confirmations;
      return this;
    }

    /** Where the {@code hubd_submit_*} meters go (required). */
    public Builder meters(MeterRegistry meters) {
      this.meters = Objects.requireNonNull(meters, "meters == null");
      return this;
    }

    public Builder listener(SubmitListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    public Builder stages(StageListener stages) {
      this.stages = Objects.requireNonNull(stages, "stages == null");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    public TransactionPipeline build() {
      if (chainId <= 0) {
        throw new IllegalStateException("chainId is required");
      }
      Objects.requireNonNull(depository, "depository is required");
      Objects.requireNonNull(config, "config is required");
      Objects.requireNonNull(meters, "meters is required");
      return new TransactionPipeline(this);
    }
  }
}
