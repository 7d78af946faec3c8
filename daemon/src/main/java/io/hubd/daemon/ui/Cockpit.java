package io.hubd.daemon.ui;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.admin.AuditLog;
import io.hubd.daemon.jobs.Job;
import io.hubd.daemon.jobs.JobKind;
import io.hubd.daemon.jobs.JobStore;
import io.hubd.daemon.jobs.ProposalStore;
import io.hubd.daemon.limits.RollingBudget;
import io.hubd.daemon.margin.MoneyMeters;
import io.hubd.daemon.mirror.Checkpoint;
import io.hubd.daemon.mirror.MirrorView;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Publishes {@code hubd_ha_active} from its HA source, and assembles the operator page's {@link CockpitView} on
 * request from what is cheap to read now (mirror and its open disputes, job and proposal stores, journal, meters,
 * audit log) and what the {@link CockpitSampler} keeps (history, exposure scan, wallet balances). Bounded: at most
 * {@link #ROWS} rows per list. Thread-safe.
 */
public final class Cockpit {
  static final int ROWS = 25;

  /** What the page reads. */
  public record Sources(String hub, MirrorView mirror, JobStore jobs, ProposalStore proposals, JournalSource journal,
      MoneyMeters money, AuditLog audit, Supplier<Set<Integer>> operatorPaused, Supplier<Set<Integer>> driftPaused,
      Map<String, Map<Integer, RollingBudget>> budgets, Supplier<Readiness> readiness,
      HaStatus ha, MeterRegistry meters) {
    public Sources {
      Objects.requireNonNull(hub, "hub == null");
      Objects.requireNonNull(mirror, "mirror == null");
      Objects.requireNonNull(jobs, "jobs == null");
      Objects.requireNonNull(proposals, "proposals == null");
      Objects.requireNonNull(journal, "journal == null");
      Objects.requireNonNull(money, "money == null");
      Objects.requireNonNull(audit, "audit == null");
      Objects.requireNonNull(operatorPaused, "operatorPaused == null");
      Objects.requireNonNull(driftPaused, "driftPaused == null");
      budgets = Map.copyOf(budgets);
      Objects.requireNonNull(readiness, "readiness == null");
      Objects.requireNonNull(ha, "ha == null");
      Objects.requireNonNull(meters, "meters == null");
    }
  }

  /** The daemon's readiness: whether it serves, and why not. */
  public record Readiness(boolean ready, Map<String, Object> details) {}

  /** The operation count of a journaled batch, by intent id (the pipeline decodes its journal). */
  @FunctionalInterface
  public interface JournalSource {
    Optional<Integer> operations(long intentId);
  }

  private final Sources s;
  private final CockpitSampler sampler;
  private final JournalView journal;
  private final Alerts alerts;
  private final ProposalsView proposals;
  private final EntityId hub;
  private final Clock clock;

  public Cockpit(Sources sources, CockpitSampler sampler, io.hubd.daemon.store.Store store, Clock clock) {
    this.s = Objects.requireNonNull(sources, "sources == null");
    this.sampler = Objects.requireNonNull(sampler, "sampler == null");
    this.journal = new JournalView(store);
    this.alerts = new Alerts(sources.meters(), clock);
    this.hub = EntityId.ofAddress(sources.hub());
    this.proposals = new ProposalsView(sources.proposals(), hub, sources.meters(), ROWS);
    this.clock = Objects.requireNonNull(clock, "clock == null");
    HaStatus ha = sources.ha();
    Gauge.builder("hubd_ha_active", ha, h -> h.role().map(r -> "active".equals(r.role()) ? 1 : 0).orElse(1))
        .description("1 while this instance may write (a single instance always may)").register(sources.meters());
  }

  public CockpitView snapshot() {
    Instant now = clock.instant();
    Readiness ready = s.readiness().get();
    MirrorView m = s.mirror();
    CockpitView.Chain chain = new CockpitView.Chain(m.checkpoint().map(Checkpoint::number).orElse(null),
        m.headLagBlocks(), m.isCaughtUp(), ready.ready(), ready.details());
    CockpitView.Ha ha = s.ha().role().map(r -> new CockpitView.Ha(r.role(), r.epoch()))
        .orElse(new CockpitView.Ha("single", null));
    Gauge gasBalance = s.meters().find("hubd_hub_gas_balance_wei").gauge();
    Gauge gasLow = s.meters().find("hubd_hub_gas_low").gauge();
    CockpitView.Gas gas = new CockpitView.Gas(
        gasBalance == null || Double.isNaN(gasBalance.value()) ? null
            : new BigDecimal(gasBalance.value()).toBigInteger().toString(),
        gasLow != null && gasLow.value() > 0, spentWei());
    return new CockpitView(now.toString(), s.hub(), chain, ha, gas, tokens(), jobs(now), proposals.view(now),
        batches(), inFlight(now), disputes(), alerts.firing(), audit());
  }

  private String spentWei() {
    double total = s.meters().find("hubd_gas_spent_wei_total").counters().stream()
        .mapToDouble(c -> c.count()).sum();
    return new BigDecimal(total).toBigInteger().toString();
  }

  private List<CockpitView.Token> tokens() {
    Set<Integer> operator = s.operatorPaused().get();
    Set<Integer> drift = s.driftPaused().get();
    List<CockpitView.Token> out = new ArrayList<>();
    sampler.tokens().values().stream().sorted(Comparator.comparingInt(CockpitSampler.TokenInfo::id)).forEach(t -> {
      Map<String, CockpitView.Budget> budgets = new LinkedHashMap<>();
      s.budgets().forEach((name, perToken) -> {
        RollingBudget b = perToken.get(t.id());
        if (b != null) {
          budgets.put(name, new CockpitView.Budget(b.remaining().toString(), b.limit().toString()));
        }
      });
      CockpitView.Exposure exposure = sampler.summary(t.id()).map(x -> new CockpitView.Exposure(
          x.exposure().toString(), x.credit().toString(), x.accounts(), ExposureScan.BUCKETS, x.buckets(),
          t.creditSoftLimit().map(BigInteger::toString).orElse(null), ExposureScan.CREDIT_BUCKETS,
          x.creditBuckets(), CockpitView.Ranked.of(x.topExposure()), CockpitView.Ranked.of(x.topCredit())))
          .orElse(null);
      CockpitView.Money money = new CockpitView.Money(s.money().quoted(t.id()).toString(),
          s.money().collected(t.id()).toString(), s.money().gasCost(t.id()).toString(),
          s.money().gasCostPerOperation(t.id()).toString(),
          s.money().netMargin(t.id()).toString(), s.money().savedByNetting(t.id()).toString());
      String paused = operator.contains(t.id()) ? "operator" : drift.contains(t.id()) ? "drift" : null;
      out.add(new CockpitView.Token(t.id(), t.symbol(), sampler.decimals(t.id()),
          s.mirror().reserve(t.id()).toString(), t.minReserve().toString(), t.targetReserve().toString(),
          sampler.wallet(t.id()).map(BigInteger::toString).orElse(null), paused, budgets, exposure, money,
          sampler.history(t.id())));
    });
    return out;
  }

  private CockpitView.Jobs jobs(Instant now) {
    Map<String, Long> byState = new LinkedHashMap<>();
    s.jobs().countByState().forEach((state, n) -> byState.put(state.name(), n));
    List<Job> open = new ArrayList<>(s.jobs().open(JobKind.R2C));
    open.addAll(s.jobs().open(JobKind.FAUCET));
    open.sort(Comparator.comparing(Job::acceptedAt));
    return new CockpitView.Jobs(byState, open.stream().limit(ROWS).map(j -> row(j, now)).toList(),
        s.jobs().recentlyClosed(ROWS).stream().map(j -> row(j, now)).toList());
  }

  private static CockpitView.JobRow row(Job j, Instant now) {
    Instant end = j.completedAt().orElse(now);
    return new CockpitView.JobRow(j.id(), j.kind().name(), j.state().name(), j.tokenId(), j.counterparty().hex(),
        j.amount().toString(), j.funded().toString(), Duration.between(j.acceptedAt(), end).toSeconds(),
        j.reason().orElse(null));
  }

  private List<CockpitView.Batch> batches() {
    return journal.recent(ROWS).stream().map(i -> new CockpitView.Batch(i.id(), i.kind(), i.purpose(), i.state(),
        "BATCH".equals(i.kind()) ? s.journal().operations(i.id()).orElse(null) : null, i.gasUsed(),
        s.money().fee(i.id()).map(BigInteger::toString).orElse(null),
        "CONFIRMED".equals(i.state()) ? Duration.between(i.createdAt(), i.updatedAt()).toMillis() : null,
        i.block(), i.createdAt().toString())).toList();
  }

  private List<CockpitView.InFlight> inFlight(Instant now) {
    return journal.open().stream().map(i -> new CockpitView.InFlight(i.id(), i.purpose(), i.state(), i.attempts(),
        Math.max(0, i.attempts() - i.cancels() - 1), i.cancels(), i.maxFeePerGas(), i.priorityFeePerGas(),
        Duration.between(i.createdAt(), now).toSeconds(), i.sentBlock())).toList();
  }

  private List<CockpitView.Dispute> disputes() {
    long head = s.mirror().checkpoint().map(Checkpoint::number).orElse(0L);
    return s.mirror().openDisputes().stream().limit(ROWS).map(d -> new CockpitView.Dispute(d.counterparty().hex(),
        d.claimedBy(hub) ? "hub" : "counterparty", d.nonce().toString(), d.startBlock(), d.claimBlock(),
        d.finaliseAfterBlock(), d.blocksLeft(head))).toList();
  }

  private List<CockpitView.Audit> audit() {
    return s.audit().recent(ROWS).stream().map(e -> new CockpitView.Audit(e.id(), e.at().toString(), e.actor(),
        e.action().name(), e.target(), e.detail())).toList();
  }
}
