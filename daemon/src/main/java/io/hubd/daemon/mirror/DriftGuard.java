package io.hubd.daemon.mirror;

import io.hubd.contracts.EntityId;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the mirror right, not only watched: each {@link #check} compares it with the contract ({@link Reconciler});
 * on drift it marks the drifted tokens (planning for them pauses), re-reads the mirrored state from the contract
 * ({@link Mirror#repair}) and compares again; the tokens are released once a comparison comes back clean. Meter:
 * {@code hubd_mirror_drifted_tokens}. Thread-safe: checks are serialised; {@link #driftedTokens} is read from any
 * thread.
 */
public final class DriftGuard {
  private static final Logger log = LoggerFactory.getLogger(DriftGuard.class);

  private final Reconciler reconciler;
  private final Mirror mirror;
  private final Supplier<Set<EntityId>> counterparties;
  private volatile Set<Integer> drifted = Set.of();
  private volatile boolean batchNonceDrifted;
  private volatile Set<EntityId> driftedDisputes = Set.of();

  /**
   * @param counterparties entities the hub may have accounts with that the mirror may not know of (the positions
   *     feed's, say): re-read too, in case an event that named them was missed
   */
  public DriftGuard(Reconciler reconciler, Mirror mirror, Supplier<Set<EntityId>> counterparties,
      MeterRegistry meters) {
    this.reconciler = Objects.requireNonNull(reconciler, "reconciler == null");
    this.mirror = Objects.requireNonNull(mirror, "mirror == null");
    this.counterparties = Objects.requireNonNull(counterparties, "counterparties == null");
    Gauge.builder("hubd_mirror_drifted_tokens", this, g -> g.drifted.size())
        .description("tokens whose planning pauses until the mirror is repaired").register(meters);
  }

  /** Tokens whose mirrored state differs from the contract and is not repaired yet. */
  public Set<Integer> driftedTokens() {
    return drifted;
  }

  /** Counterparties whose dispute the mirror holds otherwise than the contract, not repaired yet. */
  public Set<EntityId> driftedDisputes() {
    return driftedDisputes;
  }

  /** Whether any drift is unrepaired (a token's, the hub's batch nonce, or a dispute). */
  public boolean drifted() {
    return !drifted.isEmpty() || batchNonceDrifted || !driftedDisputes.isEmpty();
  }

  /** One comparison, and a repair and a second comparison when the first finds drift. */
  public synchronized Optional<DriftReport> check() {
    Optional<DriftReport> report = reconciler.reconcile();
    if (report.isEmpty() || report.get().isClean()) {
      report.ifPresent(r -> release());
      return report;
    }
    Set<Integer> tokens = new TreeSet<>(drifted);
    tokens.addAll(report.get().tokens());
    drifted = Set.copyOf(tokens);
    batchNonceDrifted = report.get().batchNonce();
    driftedDisputes = report.get().disputes();
    log.warn("planning paused for tokens {} while the mirror is re-read from the contract{}", drifted,
        driftedDisputes.isEmpty() ? "" : " (and the disputes of " + driftedDisputes + " from their logs)");
    mirror.repair(counterparties.get(), driftedDisputes);
    Optional<DriftReport> again = reconciler.reconcile();
    again.filter(DriftReport::isClean).ifPresent(r -> release());
    return again.isPresent() ? again : report;
  }

  private void release() {
    if (drifted()) {
      log.info("mirror equals the contract again; planning resumes for tokens {}", drifted);
    }
    drifted = Set.of();
    batchNonceDrifted = false;
    driftedDisputes = Set.of();
  }
}
