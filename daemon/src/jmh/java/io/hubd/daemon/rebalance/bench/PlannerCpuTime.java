package io.hubd.daemon.rebalance.bench;

import io.hubd.daemon.rebalance.Planner;
import io.hubd.daemon.rebalance.Tick;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The CPU time one planning tick costs the planning thread: unlike wall time, other processes competing for the
 * cores do not inflate it, so it says what a tick costs on a machine of its own.
 */
final class PlannerCpuTime {
  static final int WARM_UP = 5;
  static final long WARM_UP_NANOS = 3_000_000_000L;
  static final int RUNS = 10;

  private PlannerCpuTime() {}

  /**
   * The median CPU time of {@link #RUNS} plans over {@code population}, after unmeasured ones: at least {@link
   * #WARM_UP} and for at least {@link #WARM_UP_NANOS} of CPU time, so that the compiler has done its work.
   */
  static double medianMillis(Population population) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    if (!threads.isCurrentThreadCpuTimeSupported()) {
      return Double.NaN;
    }
    Planner planner = new Planner(population.index());
    Tick tick = population.tick();
    long warmUpStart = threads.getCurrentThreadCpuTime();
    for (int i = 0; i < WARM_UP || threads.getCurrentThreadCpuTime() - warmUpStart < WARM_UP_NANOS; i++) {
      planner.plan(tick);
    }
    double[] millis = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long start = threads.getCurrentThreadCpuTime();
      planner.plan(tick);
      millis[i] = (threads.getCurrentThreadCpuTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    return (millis[RUNS / 2 - 1] + millis[RUNS / 2]) / 2;
  }
}
