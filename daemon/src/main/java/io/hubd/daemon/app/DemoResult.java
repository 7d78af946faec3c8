package io.hubd.daemon.app;

import io.hubd.chainsim.DeployedSuite;
import io.hubd.chainsim.sim.DisputeLog;
import io.hubd.chainsim.sim.TimeSeries;
import io.hubd.daemon.ui.ReportPage;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a demo run measured, printed as a table and written as an HTML report with charts. */
record DemoResult(
    DeployedSuite.DeployedToken token,
    Duration duration,
    long payments,
    long approvals,
    Settlements settlements,
    DisputeLog.Summary disputes,
    long statesReported,
    Map<String, Long> requestOutcomes,
    Map<String, Long> faucetOutcomes,
    long faucetPaid,
    long faucetAsked,
    double reserveUptime,
    List<Long> latenciesMillis,
    long batches,
    long operations,
    BigInteger gasUsed,
    BigInteger reserveBefore,
    BigInteger reserveAfter,
    List<String> violations,
    DemoSampler sampler,
    BigInteger minReserve,
    List<String[]> extraRows) {

  /**
   * The hub's settlement proposals during the run: made, signed by the users, executed on chain; and the R2C funded by
   * C2R and settlement inflows rather than the reserve (reserve saved by netting), in base units.
   */
  record Settlements(long proposed, long signed, long executed, BigInteger savedByNetting) {}

  boolean invariantsHeld() {
    return violations.isEmpty();
  }

  List<String[]> rows() {
    List<String[]> rows = new ArrayList<>();
    rows.add(row("simulated traffic", duration.toSeconds() + " s"));
    rows.add(row("payments through the hub", Long.toString(payments)));
    rows.add(row("C2R approvals signed by users", Long.toString(approvals)));
    rows.add(row("settlements proposed / signed / executed", settlements.proposed() + " / " + settlements.signed()
        + " / " + settlements.executed()));
    rows.add(row("reserve saved by netting (R2C funded by C2R and settlements, " + token.symbol() + ")",
        whole(settlements.savedByNetting())));
    rows.add(row("co-signed account states reported", Long.toString(statesReported)));
    rows.add(row("disputes: stale claims by users / countered by hubd", disputes.counterpartyClaims() + " / "
        + disputes.counterBlocks().size()));
    rows.add(row("blocks from a stale claim to hubd's counter", disputes.counterBlocks().isEmpty() ? "-"
        : disputes.counterBlocks().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))));
    rows.add(row("hub-initiated exits (C2R left unsigned) / disputes finalised", disputes.hubStarts() + " / "
        + disputes.finalised()));
    rows.add(row("collateral back in the hub's reserve by dispute ends (" + token.symbol() + ")",
        whole(disputes.returnedToHub())));
    rows.add(row("rebalance requests", requestOutcomes.toString()));
    rows.add(row("faucet requests", faucetOutcomes.toString()));
    rows.add(row("faucet success rate (paid / asked)",
        percent(faucetAsked == 0 ? 1.0 : (double) faucetPaid / faucetAsked) + " (" + faucetPaid + "/" + faucetAsked
            + ")"));
    rows.add(row("reserve uptime (samples at or above minReserve)", percent(reserveUptime)));
    rows.add(row("rebalance latency p50 (accepted → collateral mirrored)", millis(percentile(0.50))));
    rows.add(row("rebalance latency p99", millis(percentile(0.99))));
    rows.add(row("requests funded", Integer.toString(latenciesMillis.size())));
    rows.add(row("batches landed", Long.toString(batches)));
    rows.add(row("operations per batch", batches == 0 ? "-" : String.format(Locale.ROOT, "%.1f",
        (double) operations / batches)));
    rows.add(row("gas per operation", operations == 0 ? "-"
        : gasUsed.divide(BigInteger.valueOf(operations)).toString()));
    rows.add(row("hub reserve before / after (" + token.symbol() + ")",
        whole(reserveBefore) + " / " + whole(reserveAfter)));
    rows.addAll(extraRows);
    rows.add(row("invariants (value conserved, mirror = chain, every job and R2C once)",
        violations.isEmpty() ? "held" : "BROKEN: " + violations.size()));
    return rows;
  }

  void print(PrintStream out) {
    List<String[]> rows = rows();
    int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(10);
    out.println();
    for (String[] r : rows) {
      out.printf("%-" + width + "s  %s%n", r[0], r[1]);
    }
    violations.forEach(v -> out.println("  violation: " + v));
  }

  void writeReport(Path file) {
    double min = new BigDecimal(minReserve, token.decimals()).doubleValue();
    ReportPage.write(file, "hubd demo", rows(), List.of(
        new ReportPage.Chart("Hub reserve", token.symbol(), List.of(series(sampler.reserve)),
            List.of(new ReportPage.Reference("minReserve", min))),
        new ReportPage.Chart("Hub wallet (top-up source)", token.symbol(), List.of(series(sampler.wallet)),
            List.of()),
        new ReportPage.Chart("Collateral of the hub's accounts", token.symbol(), List.of(series(sampler.collateral)),
            List.of())));
  }

  private static ReportPage.Series series(TimeSeries s) {
    return new ReportPage.Series(s.name(), s.points());
  }

  private long percentile(double p) {
    if (latenciesMillis.isEmpty()) {
      return -1;
    }
    int index = (int) Math.ceil(p * latenciesMillis.size()) - 1;
    return latenciesMillis.get(Math.max(0, Math.min(index, latenciesMillis.size() - 1)));
  }

  private static String millis(long ms) {
    return ms < 0 ? "-" : ms + " ms";
  }

  private static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.2f %%", ratio * 100);
  }

  private String whole(BigInteger units) {
    return new BigDecimal(units, token.decimals()).setScale(2, RoundingMode.DOWN).toPlainString();
  }

  private static String[] row(String k, String v) {
    return new String[] {k, v};
  }
}
