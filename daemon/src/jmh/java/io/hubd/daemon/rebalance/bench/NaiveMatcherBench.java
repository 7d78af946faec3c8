package io.hubd.daemon.rebalance.bench;

import io.hubd.daemon.rebalance.C2RApproval;
import io.hubd.daemon.rebalance.HubAccount;
import io.hubd.daemon.rebalance.TokenBook;
import io.hubd.daemon.rebalance.TokenPolicy;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

/** {@link NaiveMatcher} over the same synthetic hubs as {@link PlannerBench}, at sizes its O(n²) allows. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class NaiveMatcherBench {
  @Param({"10000", "20000"})
  public int accounts;

  private HubAccount[] population;
  private List<C2RApproval> approvals;
  private Map<Integer, TokenPolicy> policies;
  private Map<Integer, BigInteger> reserves;

  @Setup(Level.Trial)
  public void setUp() {
    Population generated = Population.generate(accounts, Population.SEED);
    population = generated.accounts;
    approvals = generated.approvals;
    policies = generated.policies;
    reserves = new HashMap<>();
    for (TokenBook book : generated.tick().tokens()) {
      reserves.put(book.tokenId(), book.reserve());
    }
  }

  @Benchmark
  public long match() {
    return NaiveMatcher.match(population, approvals, policies, reserves);
  }
}
