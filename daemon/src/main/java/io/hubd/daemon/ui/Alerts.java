package io.hubd.daemon.ui;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The alerts the cockpit shows as firing, evaluated in process from the same meters the Prometheus rules in
 * {@code docker/prometheus/alerts.yml} read (without their {@code for:} delays): reserve below minimum, mirror lag
 * and drift, gas low, transactions stuck or short of gas, submission halted, a loop stalled, a budget exhausted, a
 * top-up dry, a dispute against the hub open or late. Thread-safe.
 */
final class Alerts {
  /** A firing alert, named as in {@code alerts.yml}. */
  record Alert(String name, String severity, String text) {}

  private static final long STALL_SECONDS = 60;
  private static final long MAX_LAG_BLOCKS = 20;

  private final MeterRegistry meters;
  private final Clock clock;

  Alerts(MeterRegistry meters, Clock clock) {
    this.meters = Objects.requireNonNull(meters, "meters == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  List<Alert> firing() {
    List<Alert> out = new ArrayList<>();
    meters.find("hubd_reserve").gauges().forEach(g -> {
      String token = g.getId().getTag("token");
      Gauge min = meters.find("hubd_reserve_min").tag("token", token).gauge();
      if (min != null && g.value() < min.value()) {
        out.add(new Alert("HubdReserveBelowMinimum", "critical", "reserve of " + token + " is below minReserve"));
      }
    });
    meters.find("hubd_budget_remaining").gauges().forEach(g -> {
      if (g.value() <= 0) {
        out.add(new Alert("HubdBudgetExhausted", "warning", g.getId().getTag("budget") + " budget of "
            + g.getId().getTag("token") + " is exhausted for its window"));
      }
    });
    positive("hubd_topup_dry", "HubdTopUpDry", "critical", "reserve below minimum and nothing can refill it", out);
    positive("hubd_hub_gas_low", "HubdGasBalanceLow", "warning", "the hub key's native balance is below"
        + " submit.minGasBalance", out);
    positive("hubd_submit_stuck", "HubdTransactionStuck", "critical", "a transaction waits at the fee cap"
        + " (hubd tx cancel)", out);
    positive("hubd_submit_short_of_gas", "HubdShortOfGas", "critical", "a transaction cannot pay for its gas", out);
    positive("hubd_submit_halted", "HubdSubmissionHalted", "critical", "another process signs with the hub key;"
        + " submission stopped (hubd resume)", out);
    positive("hubd_mirror_drift", "HubdMirrorDrift", "critical", "the mirror differs from the contract", out);
    Gauge againstHub = meters.find("hubd_disputes_open").tag("claimant", "counterparty").gauge();
    if (againstHub != null && againstHub.value() > 0) {
      out.add(new Alert("HubdDisputeAgainstHub", "critical", (long) againstHub.value()
          + " counterparty claim(s) against the hub open: the challenge period is running"));
    }
    positive("hubd_disputes_late", "HubdDisputeLate", "critical", "a claim against the hub has less than half its"
        + " period left", out);
    Gauge lag = meters.find("hubd_mirror_head_lag_blocks").gauge();
    if (lag != null && lag.value() > MAX_LAG_BLOCKS) {
      out.add(new Alert("HubdMirrorLagging", "warning", "the mirror is " + (long) lag.value() + " blocks behind"));
    }
    long now = clock.instant().getEpochSecond();
    meters.find("hubd_loop_last_success_seconds").gauges().forEach(g -> {
      if (now - g.value() > STALL_SECONDS) {
        out.add(new Alert("HubdLoopStalled", "critical", "loop " + g.getId().getTag("loop") + " has not stepped"
            + " successfully for " + (now - (long) g.value()) + " s"));
      }
    });
    return out;
  }

  private void positive(String meter, String name, String severity, String text, List<Alert> out) {
    meters.find(meter).gauges().forEach(g -> {
      if (g.value() > 0) {
        String token = g.getId().getTag("token");
        out.add(new Alert(name, severity, token == null ? text : token + ": " + text));
      }
    });
  }
}
