package io.hubd.daemon.topup;

import io.hubd.contracts.Batch;
import io.hubd.contracts.Erc20Calls;
import io.hubd.daemon.limits.RollingBudget;
import io.hubd.daemon.limits.SpendRefs;
import io.hubd.daemon.topup.TopUpState.Progress;
import io.hubd.daemon.mirror.MirrorView;
import io.hubd.daemon.submit.Intent;
import io.hubd.daemon.submit.IntentStatus;
import io.hubd.daemon.topup.TopUpMetrics.Source;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One token's top-up: a small state machine ({@link TopUpPhase}) with at most one top-up in progress.
 *
 * <p>In {@link TopUpPhase#IDLE}, each {@link #step} judges the reserve the hub can still spend — the mirrored
 * reserve less what is already promised (open faucet payouts, R2C in the batch in flight) — and, when it is below
 * {@code minReserve}, wants {@code targetReserve} minus that, capped by what is left of the rolling budget. If the
 * hub wallet holds less and the faucet may be used, it first drips what is missing (within the faucet's cap, its
 * holdings and the recipient's cooldown); otherwise it deposits what the wallet has: an approval of exactly that
 * amount when the allowance is short, then the deposit is offered for the coordinator's next batch. When the wallet
 * is empty and the faucet dry, or the budget spent, the {@link DryAlarm} is raised. A step that fails (an approval
 * or drip that reverts, a batch that fails) returns to idle, refunds the budget, and waits {@code retryAfter}
 * doubled per consecutive failure (up to 64 times) before the reserve is judged again; a drip stopped by the
 * cooldown is also held back by the chain's {@code nextDripAt} until the faucet is ready.
 *
 * <p>Threads: {@link #step} runs on the monitor's thread and is the only one to move the machine out of
 * {@code IDLE}, {@code DRIPPING} and {@code APPROVING}; {@link #offered}, {@link #include} and {@link #settled} run
 * on the coordinator's thread and are the only ones to move it out of {@code READY} and {@code IN_BATCH}. The
 * progress, failure count and retry time are guarded by this object's lock, which is never held during a chain
 * read or a journal write; each transition checks the phase it leaves.
 */
final class TokenTopUp {
  private static final Logger log = LoggerFactory.getLogger(TokenTopUp.class);

  private final int tokenId;
  private final ReserveTopUp.Levels levels;
  private final HubWallet wallet;
  private final Optional<FaucetTap> faucet;
  private final MirrorView mirror;
  private final Supplier<Map<Integer, BigInteger>> committed;
  private final Intents intents;
  private final RollingBudget budget;
  private final Clock clock;
  private final Duration retryAfter;
  private final TopUpMetrics metrics;
  private final ReserveUptime uptime;
  private final DryAlarm alarm;
  private final Hooks hooks;

  private static final Duration FORECAST_WINDOW = Duration.ofSeconds(30);

  private final DrainForecast forecast;
  private final TopUpState state;

  /** What to wake when a deposit is ready (the coordinator) or a batch settled (the monitor). */
  interface Hooks {
    void depositReady();

    void batchSettled();
  }

  /** The chain, the journal and the rest of the daemon, as one token's top-up sees them. */
  record Context(HubWallet wallet, Optional<FaucetTap> faucet, MirrorView mirror,
      Supplier<Map<Integer, BigInteger>> committed, Intents intents, Clock clock, Duration retryAfter,
      Hooks hooks) {
    Context {
      Objects.requireNonNull(wallet, "wallet == null");
      Objects.requireNonNull(faucet, "faucet == null");
      Objects.requireNonNull(mirror, "mirror == null");
      Objects.requireNonNull(committed, "committed == null");
      Objects.requireNonNull(intents, "intents == null");
      Objects.requireNonNull(clock, "clock == null");
      Objects.requireNonNull(retryAfter, "retryAfter == null");
      Objects.requireNonNull(hooks, "hooks == null");
    }
  }

  TokenTopUp(int tokenId, ReserveTopUp.Levels levels, RollingBudget budget, TopUpState state, Context context,
      MeterRegistry meters) {
    this.tokenId = tokenId;
    this.levels = Objects.requireNonNull(levels, "levels == null");
    this.budget = Objects.requireNonNull(budget, "budget == null");
    this.wallet = context.wallet();
    this.faucet = context.faucet();
    this.mirror = context.mirror();
    this.committed = context.committed();
    this.intents = context.intents();
    this.clock = context.clock();
    this.retryAfter = context.retryAfter();
    this.hooks = context.hooks();
    this.uptime = new ReserveUptime(clock, levels.minReserve());
    this.metrics = new TopUpMetrics(meters, levels.symbol(), uptime);
    this.alarm = new DryAlarm(levels.symbol(), metrics);
    this.forecast = new DrainForecast(FORECAST_WINDOW, retryAfter.multipliedBy(2));
    this.state = Objects.requireNonNull(state, "state == null");
  }

  Progress progress() {
    return state.progress();
  }

  boolean dry() {
    return metrics.dry();
  }

  /** The mirror committed a new reserve balance (any thread). */
  void reserveChanged(BigInteger balance) {
    if (mirror.isCaughtUp()) {
      uptime.observe(balance);
    }
  }

  /** One monitor step: follow the drip or approval in progress, or judge the reserve when idle. */
  void step() {
    if (mirror.isCaughtUp() && mirror.checkpoint().isPresent()) {
      uptime.observe(mirror.reserve(tokenId));
    } else {
      uptime.pause();
    }
    Progress p = progress();
    switch (p.phase()) {
      case IDLE -> judge();
      case DRIPPING -> followDrip(p);
      case APPROVING -> followApproval(p);
      case READY, IN_BATCH -> { } // the coordinator moves these on
      default -> throw new IllegalStateException("unknown phase " + p.phase());
    }
  }

  // ---- coordinator's thread

  Optional<Batch.ExternalToReserve> offered() {
    Progress p = state.progress();
    return p.phase() == TopUpPhase.READY
        ? Optional.of(new Batch.ExternalToReserve(tokenId, p.amount()))
        : Optional.empty();
  }

  /** The offered deposit of {@code amount} is in the batch journaled as {@code intentId}. */
  boolean include(BigInteger amount, long intentId) {
    Progress p = state.progress();
    if (p.phase() != TopUpPhase.READY || !p.amount().equals(amount)) {
      return false;
    }
    return state.moveIf(p, p.to(TopUpPhase.IN_BATCH, OptionalLong.of(intentId)));
  }

  /** The batch {@code intentId} landed and is mirrored, or failed; ignored unless it carries this deposit. */
  void settled(long intentId, boolean landed) {
    Progress p = state.progress();
    if (p.phase() != TopUpPhase.IN_BATCH || p.intentId().getAsLong() != intentId || !state.moveIf(p, Progress.IDLE)) {
      return;
    }
    metrics.step(Source.WALLET, landed);
    if (landed) {
      state.succeeded();
      forecast.refillLanded(clock.instant());
      metrics.deposited(p.amount());
      log.info("{} reserve topped up by {} from the hub wallet (batch {})", levels.symbol(), p.amount(), intentId);
    } else {
      forecast.refillFailed();
      state.backOff(retryAfter);
      p.spendRef().ifPresent(budget::refund);
      log.warn("{} deposit of {} failed with batch {}; offered again later", levels.symbol(), p.amount(), intentId);
    }
    hooks.batchSettled();
  }

  // ---- monitor's thread

  private void followDrip(Progress p) {
    Optional<Outcome> outcome = outcome(p);
    if (outcome.isEmpty()) {
      return;
    }
    metrics.step(Source.FAUCET, outcome.get().done());
    if (!outcome.get().done()) {
      failedStep(p, "drip", outcome.get().reason());
      return;
    }
    state.move(p, Progress.IDLE);
    log.info("{}: the faucet dripped {} into the hub wallet", levels.symbol(), p.amount());
    judge();
  }

  private void followApproval(Progress p) {
    Optional<Outcome> outcome = outcome(p);
    if (outcome.isEmpty()) {
      return;
    }
    if (!outcome.get().done()) {
      metrics.step(Source.WALLET, false);
      p.spendRef().ifPresent(budget::refund);
      failedStep(p, "approval", outcome.get().reason());
      return;
    }
    state.move(p, p.to(TopUpPhase.READY, OptionalLong.empty()));
    log.info("{}: deposit of {} approved; offered for the next batch", levels.symbol(), p.amount());
    hooks.depositReady();
  }

  /** How the intent {@code p} waits for ended: confirmed, or failed and why; empty while it is open. */
  private Optional<Outcome> outcome(Progress p) {
    Optional<IntentStatus> status = intents.status(p.intentId().getAsLong());
    if (status.isEmpty()) {
      return Optional.of(new Outcome(false, "lost from the journal"));
    }
    IntentStatus s = status.get();
    return switch (s.state()) {
      case CONFIRMED -> Optional.of(new Outcome(true, ""));
      case FAILED -> Optional.of(new Outcome(false, s.reason().map(Object::toString).orElse("failed")));
      default -> Optional.empty();
    };
  }

  private record Outcome(boolean done, String reason) {}

  private void failedStep(Progress p, String what, String reason) {
    Duration wait = state.backOff(retryAfter);
    state.move(p, Progress.IDLE);
    log.warn("{}: {} of {} failed: {}; judging the reserve again in {}", levels.symbol(), what, p.amount(), reason,
        wait);
  }

  private void judge() {
    if (clock.instant().isBefore(state.retryAt()) || !mirror.isCaughtUp() || mirror.checkpoint().isEmpty()) {
      return;
    }
    BigInteger spendable =
        mirror.reserve(tokenId).subtract(committed.get().getOrDefault(tokenId, BigInteger.ZERO));
    forecast.observe(clock.instant(), spendable);
    // start early enough that the reserve is still at or above the minimum when the refill lands
    BigInteger room = levels.targetReserve().subtract(levels.minReserve()).shiftRight(1);
    BigInteger threshold = levels.minReserve().add(forecast.margin().min(room));
    if (spendable.compareTo(threshold) >= 0) {
      alarm.clear();
      return;
    }
    forecast.refillStarted(clock.instant());
    BigInteger need = levels.targetReserve().subtract(spendable);
    BigInteger wanted = need.min(budget.remaining());
    if (wanted.signum() <= 0) {
      alarm.raise("the top-up budget is spent for now", spendable, need);
      return;
    }
    String token = wallet.token(tokenId);
    BigInteger held = wallet.balance(token);
    boolean cooling = false;
    if (held.compareTo(wanted) < 0 && faucet.isPresent()) {
      FaucetTap.Plan plan = faucet.get().plan(token, wanted.subtract(held), wallet.latestBlockTime());
      if (plan instanceof FaucetTap.Drip drip) {
        drip(token, drip.amount());
        return;
      }
      cooling = plan instanceof FaucetTap.Cooling;
      log.debug("{}: the faucet cannot drip now: {}", levels.symbol(), plan);
    }
    BigInteger amount = wanted.min(held);
    if (amount.signum() > 0) {
      deposit(token, amount, held, spendable);
    } else if (cooling) {
      alarm.clear();
      log.debug("{}: the hub wallet is empty; waiting for the faucet's cooldown", levels.symbol());
    } else {
      alarm.raise(faucet.isPresent() ? "the hub wallet and the faucet are dry" : "the hub wallet is dry", spendable,
          need);
    }
  }

  private void drip(String token, BigInteger amount) {
    FaucetTap tap = faucet.orElseThrow();
    long id = state.atomically(() -> { // the drip and the progress that remembers it commit together
      long intent = intents.submit(
          Intent.call(tap.address(), tap.dripCall(token, amount), "faucet drip " + levels.symbol()));
      state.move(Progress.IDLE,
          new Progress(TopUpPhase.DRIPPING, amount, OptionalLong.of(intent), Optional.empty()));
      return intent;
    });
    alarm.clear();
    log.info("{}: the hub wallet is short; asked the faucet for {} (intent {})", levels.symbol(), amount, id);
  }

  /**
   * Deposits {@code amount}; when the allowance is short, approves the whole wallet balance {@code held}, so the
   * next top-ups from the same wallet funds need no approval transaction of their own (the Depository pulls tokens
   * only in the hub's own batches, so the allowance gives nobody else anything).
   */
  private void deposit(String token, BigInteger amount, BigInteger held, BigInteger spendable) {
    BigInteger allowance = wallet.allowance(token);
    boolean approved = allowance.compareTo(amount) >= 0;
    String ref = SpendRefs.topUp(tokenId, clock.millis());
    boolean started = state.atomically(() -> { // the spend, the approval and the progress commit together
      if (!budget.trySpend(amount, ref)) {
        return false; // cannot happen while this is the budget's only spender; judged again next step
      }
      OptionalLong approval = approved ? OptionalLong.empty() : OptionalLong.of(intents.submit(
          Intent.call(token, Erc20Calls.approve(wallet.depository(), held.max(amount)), "approve " + levels.symbol())));
      state.move(Progress.IDLE, new Progress(approved ? TopUpPhase.READY : TopUpPhase.APPROVING, amount, approval,
          Optional.of(ref)));
      return true;
    });
    if (!started) {
      return;
    }
    if (approved) {
      hooks.depositReady();
    }
    alarm.clear();
    log.info("{} reserve spendable {} is near or below the minimum {}: depositing {} from the hub wallet ({})",
        levels.symbol(),
        spendable, levels.minReserve(), amount, allowance.compareTo(amount) >= 0 ? "already approved" : "approving");
  }
}
