package io.hubd.daemon.app;

import io.hubd.daemon.api.Readiness;
import io.hubd.daemon.ha.HaState;
import io.hubd.daemon.mirror.DriftGuard;
import io.hubd.daemon.mirror.MirrorView;
import io.hubd.daemon.submit.GasWatch;
import io.hubd.daemon.submit.SubmitHalts;
import io.hubd.daemon.ui.HaStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What {@code /ready} says, and why: not ready while the daemon starts (naming the phase), while its mirror has not
 * caught up, while the node cannot be reached now (the mirror's last polls failed), while a loop is stalled, while
 * the mirror drifted from the contract, or while submission is stopped; the gas balance below its floor, and the
 * counterparties' dispute claims with less than half their challenge period left (the alert condition), are named
 * without failing readiness. Thread-safe: the parts are handed over once, when the daemon has built them.
 */
final class DaemonReadiness implements Readiness {
  /** Polls of the mirror that must fail in a row before the node counts as unreachable. */
  static final int UNREACHABLE_AFTER = 2;

  private volatile String phase = "starting";
  private volatile Parts parts;
  private volatile HaState ha;
  private volatile Runnable onStarted = () -> {};

  /** The daemon's parts that readiness looks at. */
  record Parts(MirrorView mirror, LoopHealth loops, String mirrorLoop, DriftGuard drift, SubmitHalts halts,
      GasWatch gas, Supplier<List<String>> lateDisputes) {
    Parts {
      Objects.requireNonNull(mirror, "mirror == null");
      Objects.requireNonNull(loops, "loops == null");
      Objects.requireNonNull(mirrorLoop, "mirrorLoop == null");
      Objects.requireNonNull(drift, "drift == null");
      Objects.requireNonNull(halts, "halts == null");
      Objects.requireNonNull(gas, "gas == null");
      Objects.requireNonNull(lateDisputes, "lateDisputes == null");
    }
  }

  /** With HA, this instance's role and lease epoch for the operator page; empty for a single instance. */
  Optional<HaStatus.Role> haRole() {
    HaState h = ha;
    return h == null ? Optional.empty()
        : Optional.of(new HaStatus.Role(h.role().name().toLowerCase(java.util.Locale.ROOT), h.epoch()));
  }

  /** What the daemon is doing while it starts. */
  String phase() {
    return phase;
  }

  void phase(String now) {
    this.phase = Objects.requireNonNull(now, "now == null");
  }

  /** With HA: {@code state} is shown under {@code ha} (role, holder, epoch, lease age); a standby is not ready. */
  void ha(HaState state) {
    this.ha = Objects.requireNonNull(state, "state == null");
  }

  /** Where the active's API answers when this instance is not it; empty otherwise, or without HA. */
  Optional<String> activeElsewhere() {
    HaState h = ha;
    return h == null || h.role() == HaState.Role.ACTIVE ? Optional.empty() : h.activeAddress();
  }

  /** Runs {@code then} once the daemon is built and serves (with HA: records the takeover). */
  void onStarted(Runnable then) {
    this.onStarted = Objects.requireNonNull(then, "then == null");
  }

  /** The daemon is built: readiness is judged on {@code built} from now on. */
  void started(Parts built) {
    this.parts = Objects.requireNonNull(built, "built == null");
    onStarted.run();
  }

  @Override
  public Report check() {
    Parts p = parts;
    HaState h = ha;
    if (p == null || (h != null && h.role() != HaState.Role.ACTIVE)) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("starting", phase);
      if (h != null) {
        details.put("ha", h.details());
      }
      return new Report(false, details);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    if (h != null) {
      details.put("ha", h.details());
    }
    boolean ready = p.mirror().isCaughtUp();
    details.put("caughtUp", p.mirror().isCaughtUp());
    details.put("headLagBlocks", p.mirror().headLagBlocks());
    p.mirror().checkpoint().ifPresent(c -> details.put("checkpoint", c.number()));
    Optional<String> unreachable = p.loops().failing(p.mirrorLoop(), UNREACHABLE_AFTER);
    if (unreachable.isPresent()) {
      details.put("chain", "unreachable: " + unreachable.get());
      ready = false;
    }
    List<String> stalled = p.loops().stalled();
    if (!stalled.isEmpty()) {
      details.put("stalledLoops", stalled);
      ready = false;
    }
    if (p.drift().drifted()) {
      details.put("mirror", "drifted from the contract (tokens " + p.drift().driftedTokens()
          + (p.drift().driftedDisputes().isEmpty() ? "" : ", disputes of " + p.drift().driftedDisputes())
          + "); re-reading it, planning for those tokens paused");
      ready = false;
    }
    if (p.halts().halted()) {
      details.put("submission", "halted: " + p.halts().active().get(0).detail()
          + "; stop the other process signing with the hub key, then run `hubd resume`");
      ready = false;
    }
    p.gas().warning().ifPresent(w -> details.put("gas", w));
    List<String> late = p.lateDisputes().get();
    if (!late.isEmpty()) {
      details.put("disputes", late);
    }
    return new Report(ready, details);
  }
}
