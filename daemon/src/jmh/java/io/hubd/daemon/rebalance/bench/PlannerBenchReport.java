package io.hubd.daemon.rebalance.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hubd.chainsim.bench.MarkdownSections;
import io.hubd.daemon.rebalance.CandidateIndex;
import io.hubd.daemon.rebalance.Plan;
import io.hubd.daemon.rebalance.Planner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes the "Planner: one tick" section of {@code docs/benchmarks.md} from a JMH JSON result file of
 * {@link PlannerBench}, {@link NaiveMatcherBench} and {@link IndexUpdateBench}, keeping the other sections. Usage:
 * {@code PlannerBenchReport <results.json> <benchmarks.md> <jmh options used>}.
 */
public final class PlannerBenchReport {
  static final String HEADING = "## Planner: one tick";

  private PlannerBenchReport() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: PlannerBenchReport <results.json> <benchmarks.md> [jmh options]");
    }
    JsonNode json = new ObjectMapper().readTree(Path.of(args[0]).toFile());
    List<BenchResult> results = BenchResult.parse(json);
    String options = String.join(" ", List.of(args).subList(2, args.length));
    String jvm = json.size() == 0 ? "?" : json.get(0).path("vmName").asText() + " " + json.get(0).path("jdkVersion").asText();
    Path doc = Path.of(args[1]);
    String document = Files.exists(doc) ? Files.readString(doc) : "# Benchmarks\n";
    String section = section(results, options, jvm);
    Files.writeString(doc, MarkdownSections.replace(document, HEADING, section));
    System.out.println(section);
  }

  static String section(List<BenchResult> results, String options, String jvm) {
    StringBuilder out = new StringBuilder(HEADING).append("\n\n");
    Map<Integer, Double> cpuMillis = new HashMap<>();
    out.append("Time for `Planner.plan` to turn one tick into one batch plan, over a synthetic hub whose candidate index ")
        .append("is already up to date, and for comparison a naive pairwise matcher (every receiver scanned against ")
        .append("every account for a spender: no index, no ranking, no batch bounds, O(n²)). The mix, per account: ")
        .append("10 % above the soft limit (a tenth of them with a request too), 5 % with hub free collateral above ")
        .append("the reclaim threshold and a signed C2R in hand, 2 % above it without one (proposed), 1 % with a request ")
        .append("below the soft limit, 0.1 % in flight, 3 % owing the hub beyond their collateral above the settlement ")
        .append("soft limit with reserve to repay from (a third with a signed repayment in hand, the rest proposed); ")
        .append("two tokens (ranked by amount and by time), 256 operations per token per tick.\n\n");
    out.append("| Benchmark | Accounts | Kept in the index | R2C pairs / C2Rs / settlements / queued / proposals "
        + "(C2R + settlement) | Time per tick (ms) | ± 99.9 % (ms) | CPU time per tick (ms) |\n");
    out.append("|---|---:|---:|---|---:|---:|---:|\n");
    for (BenchResult r : of(results, "PlannerBench.plan")) {
      Population population = Population.generate(r.accounts(), Population.SEED);
      CandidateIndex index = population.index();
      Plan plan = new Planner(index).plan(population.tick());
      double cpu = PlannerCpuTime.medianMillis(population);
      cpuMillis.put(r.accounts(), cpu);
      out.append(String.format(Locale.ROOT, "| `Planner.plan` | %d | %d | %d / %d / %d / %d / %d + %d | %s | %s | %s |%n",
          r.accounts(), index.size(), plan.fundings().size(), plan.usedApprovals().size(),
          plan.usedSettlements().size(), plan.queued().size(), plan.proposals().size(),
          plan.settlementProposals().size(), number(r.score()), number(r.error()), number(cpu)));
    }
    for (BenchResult r : of(results, "NaiveMatcherBench.match")) {
      out.append(String.format(Locale.ROOT, "| naive pairwise matcher | %d | — | — | %s | %s | — |%n",
          r.accounts(), number(r.score()), number(r.error())));
    }
    out.append('\n');
    for (BenchResult naive : of(results, "NaiveMatcherBench.match")) {
      find(results, "PlannerBench.plan", naive.accounts()).ifPresent(planner -> out.append(String.format(Locale.ROOT,
          "- Naive matcher / planner at %d accounts: **%.1f×**.%n", naive.accounts(), naive.score() / planner.score())));
    }
    find(results, "PlannerBench.plan", 1_000_000).ifPresent(r -> {
      double cpu = cpuMillis.get(1_000_000);
      out.append(String.format(Locale.ROOT,
          "- 1000000 accounts: one tick took **%s ms** of wall time (JMH average) and **%s ms** of the planning "
              + "thread's CPU time (goal: under 1 s — %s).%n",
          number(r.score()), number(cpu), Math.max(r.score(), cpu) < 1_000 ? "met"
              : cpu < 1_000 ? "met in CPU time; the wall time includes waiting for a core" : "not met"));
    });
    for (BenchResult r : of(results, "IndexUpdateBench.update")) {
      out.append(String.format(Locale.ROOT,
          "- Keeping the index current: **%s ns** per account change (mirror event or positions update) at %d accounts.%n",
          number(r.score()), r.accounts()));
    }
    out.append("- CPU time per tick: the median over ").append(PlannerCpuTime.RUNS).append(" plans after at least ")
        .append(PlannerCpuTime.WARM_UP).append(" and 3 s to warm up, of the planning thread's CPU time (ThreadMXBean): ")
        .append("what other processes on the machine do not inflate (garbage collection on other threads not ")
        .append("counted).\n");
    out.append("- Measured: ").append(LocalDate.now(ZoneOffset.UTC)).append(" (UTC), a single run (JMH ").append(options)
        .append(", average time) on ").append(Runtime.getRuntime().availableProcessors())
        .append(" CPU cores, load average ").append(loadAverage())
        .append(" when the report was written: wall times on a loaded machine are indicative; compare ratios within ")
        .append("one run.\n");
    out.append("- JVM: ").append(jvm).append(", heap 3 GB\n");
    out.append("- Reproduce: `scripts/bench-planner.sh` from the repository root\n");
    return out.toString();
  }

  /** The 1-minute load average, or "unknown" where /proc is missing. */
  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static List<BenchResult> of(List<BenchResult> results, String benchmark) {
    return results.stream().filter(r -> r.benchmark().equals(benchmark)).toList();
  }

  private static Optional<BenchResult> find(List<BenchResult> results, String benchmark, int accounts) {
    return of(results, benchmark).stream().filter(r -> r.accounts() == accounts).findFirst();
  }

  private static String number(double value) {
    if (Double.isNaN(value)) {
      return "—";
    }
    return String.format(Locale.ROOT, value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.3f", value);
  }
}
