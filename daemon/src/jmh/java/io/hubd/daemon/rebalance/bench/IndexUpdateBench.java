package io.hubd.daemon.rebalance.bench;

import io.hubd.daemon.rebalance.CandidateIndex;
import io.hubd.daemon.rebalance.HubAccount;
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

/**
 * The cost of keeping the candidate index current: one account change (a mirror event or positions update) applied
 * to an index of a synthetic hub. The changes replay the accounts of a second population with the same keys, so an
 * update moves an account into, out of or within the kept set as real changes do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class IndexUpdateBench {
  private static final int CHANGES = 1 << 16;

  @Param({"1000000"})
  public int accounts;

  private CandidateIndex index;
  private HubAccount[] changes;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    index = Population.generate(accounts, Population.SEED).index();
    HubAccount[] other = Population.generate(accounts, 7).accounts;
    changes = new HubAccount[CHANGES];
    for (int i = 0; i < CHANGES; i++) {
      changes[i] = other[(int) ((i * 2_654_435_761L) % accounts)];
    }
  }

  @Benchmark
  public void update() {
    index.update(changes[next++ & (CHANGES - 1)]);
  }
}
