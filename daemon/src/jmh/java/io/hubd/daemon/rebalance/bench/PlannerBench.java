package io.hubd.daemon.rebalance.bench;

import io.hubd.daemon.rebalance.Plan;
import io.hubd.daemon.rebalance.Planner;
import io.hubd.daemon.rebalance.Tick;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** One tick's planning over a synthetic hub of {@link Population}: the index is built once, then planned from. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class PlannerBench {
  @Param({"10000", "20000", "100000", "1000000"})
  public int accounts;

  private Planner planner;
  private Tick tick;

  @Setup(Level.Trial)
  public void setUp() {
    Population population = Population.generate(accounts, Population.SEED);
    planner = new Planner(population.index());
    tick = population.tick();
  }

  @Benchmark
  public Plan plan() {
    return planner.plan(tick);
  }
}
