package io.hubd.daemon.rebalance.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One benchmark's figure from JMH's JSON result file ({@code -rf json}). Immutable.
 *
 * @param benchmark the benchmark method's simple class and method name, e.g. {@code PlannerBench.plan}
 * @param accounts the {@code accounts} parameter
 * @param score the mean time per operation
 * @param error the half-width of the 99.9 % confidence interval, NaN when JMH could not compute it
 * @param unit JMH's unit, e.g. {@code ms/op}
 */
record BenchResult(String benchmark, int accounts, double score, double error, String unit) {
  BenchResult {
    Objects.requireNonNull(benchmark, "benchmark == null");
    Objects.requireNonNull(unit, "unit == null");
  }

  static List<BenchResult> parse(JsonNode results) {
    List<BenchResult> parsed = new ArrayList<>();
    for (JsonNode result : results) {
      String[] name = result.get("benchmark").asText().split("\\.");
      JsonNode metric = result.get("primaryMetric");
      parsed.add(new BenchResult(
          name[name.length - 2] + "." + name[name.length - 1],
          result.path("params").path("accounts").asInt(),
          metric.get("score").asDouble(),
          metric.path("scoreError").asDouble(Double.NaN),
          metric.get("scoreUnit").asText()));
    }
    return parsed;
  }
}
