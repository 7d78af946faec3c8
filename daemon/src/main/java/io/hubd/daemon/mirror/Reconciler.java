package io.hubd.daemon.mirror;

import io.hubd.contracts.AccountState;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.chain.Chain;
import io.hubd.daemon.mirror.ProgressTables.CheckpointRow;
import io.hubd.daemon.mirror.Rows.AccountKey;
import io.hubd.daemon.mirror.Rows.AmountRow;
import io.hubd.daemon.store.Store;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares the mirror with the contract: reads the mirrored state and its checkpoint, then the same keys straight
 * from the Depository at the checkpoint block (token registry, the hub's reserves, its accounts with every known
 * counterparty in every token, its batch nonce, and disputes: every one the mirror holds open plus
 * {@value #DISPUTES_PER_ROUND} more counterparties in turn, see {@link DisputeCheck}). Reports the number of
 * mismatching keys as the gauge {@code hubd_mirror_drift} and lists the first few in a WARN log. It never changes
 * the mirror. Thread-safe: comparisons are serialised.
 */
public final class Reconciler {
  private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
  private static final int LOGGED_MISMATCHES = 5;
  /** Counterparties whose dispute is compared per round besides those the mirror holds open. */
  static final int DISPUTES_PER_ROUND = 100;

  private final Chain chain;
  private final MirrorTables tables;
  private final DirectReads reads;
  private final EntityId hub;
  private final AtomicInteger drift = new AtomicInteger();
  private final DisputeCheck disputes;

  public Reconciler(Chain chain, Store store, MirrorSettings settings, MeterRegistry meters) {
    this.chain = Objects.requireNonNull(chain, "chain == null");
    Objects.requireNonNull(settings, "settings == null");
    this.tables = MirrorTables.of(Objects.requireNonNull(store, "store == null"), settings.hub());
    this.reads = new DirectReads(chain, settings.depository(), settings.hub());
    this.hub = settings.hub();
    this.disputes = new DisputeCheck(reads, DISPUTES_PER_ROUND);
    Gauge.builder("hubd_mirror_drift", drift, AtomicInteger::get)
        .description("mirrored keys that differ from direct contract reads at the checkpoint")
        .register(Objects.requireNonNull(meters, "meters == null"));
  }

  /**
   * Compares the mirror with the contract at the mirror's checkpoint. Empty when there is no checkpoint yet, or when
   * the checkpoint block left the chain during the comparison (the mirror will recover; compare again later).
   */
  public synchronized Optional<DriftReport> reconcile() {
    Optional<Mirrored> read = tables.store().inTransaction(this::mirrored);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    Mirrored mirrored = read.get();
    long block = mirrored.checkpoint().number();
    HubState onChain = reads.read(block, mirrored.tokenIds(), mirrored.nonces().keySet());
    DisputeCheck.Result disputed = disputes.compare(block, mirrored.disputes(), mirrored.disputeCandidates());
    if (!chain.block(block).map(h -> h.hash().equalsIgnoreCase(mirrored.checkpoint().hash())).orElse(false)) {
      log.info("checkpoint block {} left the chain during reconciliation; skipped", block);
      return Optional.empty();
    }
    Set<Integer> grid = new TreeSet<>(mirrored.tokenIds());
    grid.addAll(onChain.reserves().keySet());
    HubState mirror = mirrored.over(grid);
    List<DriftReport.Mismatch> mismatches = new ArrayList<>(mirror.diff(onChain));
    mismatches.addAll(disputed.mismatches());
    DriftReport report =
        new DriftReport(block, mirror.keysCompared(onChain) + disputed.compared(), mismatches);
    drift.set(report.mismatches().size());
    if (report.isClean()) {
      log.debug("mirror equals the contract at block {} ({} keys)", block, report.keysChecked());
    } else {
      log.warn("mirror drifted from the contract at block {}: {} of {} keys differ, first: {}", block,
          report.mismatches().size(), report.keysChecked(),
          report.mismatches().subList(0, Math.min(LOGGED_MISMATCHES, report.mismatches().size())));
    }
    return Optional.of(report);
  }

  /** The mirror's rows as of its checkpoint. */
  private record Mirrored(
      Checkpoint checkpoint,
      Map<Integer, String> tokens,
      Map<Integer, BigInteger> reserves,
      Map<AccountKey, AccountState> accounts,
      Map<EntityId, BigInteger> nonces,
      long batchNonce,
      List<MirroredDispute> disputes,
      List<EntityId> disputeCandidates) {

    /** Token ids the mirror knows of: registered, or with a reserve or an account. */
    Set<Integer> tokenIds() {
      Set<Integer> ids = new TreeSet<>(tokens.keySet());
      ids.addAll(reserves.keySet());
      accounts.keySet().forEach(k -> ids.add(k.tokenId()));
      return ids;
    }

    /** The state over every counterparty and the {@code tokenIds}, zero where the mirror holds no row. */
    HubState over(Set<Integer> tokenIds) {
      Map<Integer, BigInteger> allReserves = new HashMap<>(reserves);
      Map<AccountKey, AccountState> grid = new HashMap<>(accounts);
      for (int tokenId : tokenIds) {
        allReserves.putIfAbsent(tokenId, BigInteger.ZERO);
        nonces.forEach(
            (counterparty, nonce) ->
                grid.putIfAbsent(
                    new AccountKey(counterparty, tokenId),
                    new AccountState(BigInteger.ZERO, BigInteger.ZERO, nonce)));
      }
      return new HubState(checkpoint.number(), tokens, allReserves, grid, batchNonce);
    }
  }

  private Optional<Mirrored> mirrored(Connection c) throws SQLException {
    Optional<CheckpointRow> checkpoint = tables.progress().checkpoint(c);
    if (checkpoint.isEmpty()) {
      return Optional.empty();
    }
    StateTables state = tables.state();
    Map<AccountKey, AccountState> accounts = new HashMap<>();
    state.forEachAccount(
        c, OptionalInt.empty(),
        a -> accounts.put(
            new AccountKey(a.counterparty(), a.tokenId()), new AccountState(a.collateral(), a.ondelta(), a.nonce())));
    Map<EntityId, BigInteger> nonces = new HashMap<>();
    for (EntityId counterparty : state.counterparties(c)) {
      nonces.put(counterparty, state.nonce(c, counterparty).map(AmountRow::value).orElse(BigInteger.ZERO));
    }
    Set<EntityId> candidates = new TreeSet<>(nonces.keySet());
    candidates.addAll(tables.disputes().counterparties(c));
    return Optional.of(
        new Mirrored(checkpoint.get().checkpoint(), state.tokens(c), state.reserves(c), accounts, nonces,
            state.lastBatchNonce(c).orElse(0), tables.disputes().open(c), List.copyOf(candidates)));
  }

  @Override
  public String toString() {
    return "Reconciler[hub=" + hub + "]";
  }
}
