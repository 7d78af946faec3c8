package io.hubd.daemon.app;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How each loop fares: when it last stepped successfully ({@code hubd_loop_last_success_seconds{loop}}, unix
 * seconds), how many steps in a row failed and with what. A loop is stalled when it has not succeeded for its bound
 * (since it started, if it never did): that makes the daemon not ready. Thread-safe.
 */
final class LoopHealth {
  private final MeterRegistry meters;
  private final Clock clock;
  private final Map<String, State> loops = new ConcurrentHashMap<>();

  private static final class State {
    final Duration stallAfter;
    volatile Instant lastSuccess;
    volatile int failuresInARow;
    volatile Optional<String> lastFailure = Optional.empty();

    State(Duration stallAfter, Instant started) {
      this.stallAfter = stallAfter;
      this.lastSuccess = started;
    }
  }

  LoopHealth(MeterRegistry meters, Clock clock) {
    this.meters = Objects.requireNonNull(meters, "meters == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  /** Starts watching {@code loop}: stalled once it has not succeeded for {@code stallAfter}. */
  void watch(String loop, Duration stallAfter) {
    State state = new State(stallAfter, clock.instant());
    loops.put(loop, state);
    Gauge.builder("hubd_loop_last_success_seconds", state, s -> s.lastSuccess.getEpochSecond())
        .description("when the loop last stepped successfully (unix seconds)").tag("loop", loop).register(meters);
  }

  void succeeded(String loop) {
    State state = loops.get(loop);
    if (state != null) {
      state.lastSuccess = clock.instant();
      state.failuresInARow = 0;
      state.lastFailure = Optional.empty();
    }
  }

  /** Records a failed step; returns how many failed in a row. */
  int failed(String loop, Throwable failure) {
    State state = loops.get(loop);
    if (state == null) {
      return 1;
    }
    state.failuresInARow++;
    state.lastFailure = Optional.of(failure.toString());
    return state.failuresInARow;
  }

  /** How many steps of {@code loop} failed in a row, and the last failure, when its last step failed. */
  Optional<String> failing(String loop, int atLeast) {
    State state = loops.get(loop);
    return state == null || state.failuresInARow < atLeast
        ? Optional.empty()
        : state.lastFailure.map(f -> state.failuresInARow + " steps in a row failed, last: " + f);
  }

  /** The loops that have not succeeded for their bound, each with since when. */
  List<String> stalled() {
    Instant now = clock.instant();
    List<String> out = new ArrayList<>();
    loops.forEach((name, state) -> {
      if (Duration.between(state.lastSuccess, now).compareTo(state.stallAfter) > 0) {
        out.add(name + " (no successful step since " + state.lastSuccess + state.lastFailure.map(f -> "; " + f)
            .orElse("") + ")");
      }
    });
    out.sort(null);
    return out;
  }
}
