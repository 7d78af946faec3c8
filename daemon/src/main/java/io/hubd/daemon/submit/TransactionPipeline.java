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
 * (or has failed), since the Depository's batch nonces are strictly ordered anyway. A batch's batch nonce is chosen
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

  private final Chain chain;
  private final Journal journal;
  private final JournalView view;
  private final String depository;
  private final IntentStepper stepper;
  private final SubmitMetrics metrics;
  private final SubmitListener listener;
  private final StageListener stages;

  private TransactionPipeline(Builder b) {
    this.chain = b.chain;
    this.journal = new Journal(b.store, b.clock);
    this.view = new JournalView(journal);
    this.depository = b.depository;
    this.metrics = new SubmitMetrics(b.meters);
    this.listener = b.listener;
    this.stages = b.stages;
    TxSigner signer = new TxSigner(b.hubKey, b.chainId);
    LandingFinder finder = new LandingFinder(chain, depository, EntityId.ofAddress(b.hubKey.getAddress()));
    this.stepper = new IntentStepper(chain, journal, signer, finder, metrics, stages, b.config, b.confirmations);
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

  /** Where intent {@code id} is; empty for an id this journal never issued. */
  public Optional<IntentStatus> status(long id) {
    return view.status(id);
  }

  /** Intents submitted but not yet confirmed or failed. */
  public int inFlight() {
    return journal.open().size();
  }

  /**
   * Settles the journal against the chain after a start: finds what already landed, broadcasts again what is signed
   * but not mined, re-bases the nonce floor, and delivers outcomes the listener may have missed.
   */
  public synchronized void recover() {
    List<JournaledIntent> open = journal.open();
    stepper.resyncNonces();
    int mined = 0;
    for (JournaledIntent intent : open) {
      if (intent.state() == IntentState.SIGNED || intent.state() == IntentState.SENT) {
        if (stepper.settleAfterRestart(intent).state() == IntentState.MINED) {
          mined++;
        }
      }
    }
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
    boolean mayStartNext = true;
    for (JournaledIntent intent : journal.open()) {
      JournaledIntent after = advance(intent, mayStartNext);
      if (holdsBackLaterIntents(after)) {
        mayStartNext = false;
      }
    }
    deliverOutcomes();
    metrics.inFlight(journal.open().size());
  }

  private JournaledIntent advance(JournaledIntent intent, boolean mayStart) {
    JournaledIntent current = intent;
    for (int i = 0; i < STEPS_PER_TICK && !current.state().isFinal(); i++) {
      if (current.state() == IntentState.QUEUED && !mayStart) {
        break;
      }
      JournaledIntent next = stepper.step(current);
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
