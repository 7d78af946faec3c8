package io.hubd.daemon.bench;

import static org.awaitility.Awaitility.await;

import io.hubd.chainsim.DeployedSuite;
import io.hubd.daemon.store.Store;
import io.hubd.daemon.submit.JournalView;
import io.hubd.daemon.testkit.DaemonFixture;
import io.hubd.daemon.testkit.ExactlyOnceAudit;
import io.hubd.daemon.testkit.HaPair;
import io.hubd.daemon.testkit.HttpDesk;
import io.hubd.daemon.testkit.HubWork;
import io.hubd.daemon.testkit.TestChain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HA crash loop: two real daemons (child JVMs, instances {@code a} and {@code b}) on one PostgreSQL database
 * against a Hardhat chain, under faucet and rebalance load handed over HTTP to whichever is active. Round after round
 * the active is killed with {@code kill -9} (while a batch is in flight when there is one), the standby takes over,
 * and the killed one is started again as the new standby. Each takeover's time runs from the kill to the new active
 * serving (its journal settled against the chain). At the end every job is audited by direct reads
 * ({@link ExactlyOnceAudit}) and the spending budgets are compared with what was paid. Run with
 * {@code scripts/bench-ha-takeover.sh} (which writes the table to {@code docs/benchmarks.md});
 * {@code HaCrashLoopIT} runs a bounded version in the build.
 *
 * <p>Options: {@code --takeovers=30 --lease=10s --renew=1s --seed=N --doc=docs/benchmarks.md}.
 */
public final class HaTakeoverSoak {
  private static final Logger log = LoggerFactory.getLogger(HaTakeoverSoak.class);
  private static final Duration PATIENCE = Duration.ofSeconds(180);
  /** How long a round waits for a batch in flight before it kills the active anyway. */
  private static final Duration IN_FLIGHT_PATIENCE = Duration.ofSeconds(4);

  /** How much to do, and the lease the pair runs with. */
  public record Settings(int takeovers, Duration lease, Duration renew, long seed) {}

  /** What happened, and what the audit found. */
  public record Report(Settings settings, List<Long> takeoverMillis, int killedInFlight, int work,
      ExactlyOnceAudit.Result audit, BudgetCheck budgets, Duration took) {

    public long median() {
      List<Long> sorted = takeoverMillis.stream().sorted().toList();
      return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }

    public long max() {
      return takeoverMillis.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    public boolean clean() {
      return audit.clean() && budgets.held();
    }

    /** The markdown table. */
    public String table() {
      return "| takeovers | killed with a batch in flight | takeover median | takeover max | batches landed | jobs"
          + " (payouts + accounts) | double executions | lost jobs | foreign batches | mirror mismatches | budgets"
          + " (every payment charged, within the cap) |\n"
          + "|---|---|---|---|---|---|---|---|---|---|---|\n"
          + String.format("| %d | %d | %.1f s | %.1f s | %d | %d | %d | %d | %d | %d | %s |%n", takeoverMillis.size(),
              killedInFlight, median() / 1000.0, max() / 1000.0, audit.batches(), work, audit.doubleExecutions(),
              audit.lost(), audit.foreignBatches(), audit.mirrorMismatches(), budgets.held() ? "held" : "BROKEN");
    }
  }

  private final Settings settings;
  private final Path workDir;
  private final Random random;

  public HaTakeoverSoak(Settings settings, Path workDir) {
    this.settings = settings;
    this.workDir = workDir;
    this.random = new Random(settings.seed());
  }

  /** Runs the crash loop on a fresh Hardhat node and database; returns the report. */
  public Report run() {
    long started = System.nanoTime();
    try (TestChain chain = TestChain.start()) {
      chain.fundHubReserve("TUSD", 100_000);
      DeployedSuite.DeployedToken usd = chain.suite().token("TUSD");
      String database = "ha_soak_" + Long.toHexString(settings.seed() & 0xffffffL) + "_" + ProcessHandle.current().pid();
      try (HaPair pair = new HaPair(chain, workDir, database, Map.of("ha.lease", settings.lease().toMillis() + "ms",
          "ha.renewInterval", settings.renew().toMillis() + "ms"))) {
        HubWork work = new HubWork(chain, usd, settings.seed());
        HttpDesk desk = pair.desk();
        pair.start("a", Map.of());
        pair.awaitServing("a", PATIENCE);
        pair.start("b", Map.of());
        pair.awaitStandby("b", PATIENCE);
        List<Long> takeovers = new ArrayList<>();
        int inFlight = 0;
        for (int round = 1; round <= settings.takeovers(); round++) {
          String active = pair.lease().orElseThrow().holder();
          String standby = active.equals("a") ? "b" : "a";
          give(work, desk);
          boolean caught = awaitBatchInFlight(pair);
          inFlight += caught ? 1 : 0;
          pair.process(active).kill(PATIENCE);
          long killedAt = System.currentTimeMillis();
          long epoch = pair.awaitServing(standby, PATIENCE);
          long took = pair.servingAt(epoch).orElseThrow() - killedAt;
          takeovers.add(took);
          log.info("round {}: killed {}{}, {} served at epoch {} after {} ms", round, active,
              caught ? " with a batch in flight" : "", standby, epoch, took);
          pair.start(active, Map.of());
          pair.awaitStandby(active, PATIENCE);
        }
        await().atMost(PATIENCE).until(work::done);
        ExactlyOnceAudit.Result audit = new ExactlyOnceAudit(chain).audit(pair.database(), work.payouts(),
            work.owed());
        BudgetCheck budgets = BudgetCheck.of(pair.database(), usd.tokenId(),
            DaemonFixture.config(chain, workDir, Map.of()).tokens().get(usd.tokenId()), work);
        return new Report(settings, takeovers, inFlight, work.payouts().size() + work.owed().size(), audit, budgets,
            Duration.ofNanos(System.nanoTime() - started));
      }
    }
  }

  /** Faucet payouts (1 to 3 of 1 to 5 TUSD) and, every other round, accounts owed 101 to 150 TUSD. */
  private void give(HubWork work, HttpDesk desk) {
    work.payouts(desk, 1 + random.nextInt(3), 1 + random.nextInt(5));
    if (random.nextBoolean()) {
      work.owed(desk, 1 + random.nextInt(2), 101 + random.nextInt(50));
    }
  }

  /** Waits until the journal holds an open intent (a batch in flight) or a few seconds passed; true for the first. */
  private static boolean awaitBatchInFlight(HaPair pair) {
    try {
      await().atMost(IN_FLIGHT_PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> {
        try (Store store = Store.openReadOnly(pair.database())) {
          return !new JournalView(store).open().isEmpty();
        }
      });
      return true;
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      return false;
    }
  }

  // ---------------------------------------------------------------- command line

  public static void main(String[] args) throws IOException {
    int takeovers = 30;
    Duration lease = Duration.ofSeconds(10);
    Duration renew = Duration.ofSeconds(1);
    long seed = System.nanoTime();
    Path doc = Path.of("docs/benchmarks.md");
    for (String arg : args) {
      String[] kv = arg.replaceFirst("^--", "").split("=", 2);
      switch (kv[0]) {
        case "takeovers" -> takeovers = Integer.parseInt(kv[1]);
        case "lease" -> lease = io.hubd.daemon.config.Durations.parse(kv[1]);
        case "renew" -> renew = io.hubd.daemon.config.Durations.parse(kv[1]);
        case "seed" -> seed = Long.parseLong(kv[1]);
        case "doc" -> doc = Path.of(kv[1]);
        default -> throw new IllegalArgumentException("unknown option " + arg);
      }
    }
    Path work = Files.createTempDirectory("hubd-ha-soak");
    Report report = new HaTakeoverSoak(new Settings(takeovers, lease, renew, seed), work).run();
    System.out.println(report.table());
    report.audit().problems().forEach(p -> System.out.println("problem: " + p));
    report.budgets().problems().forEach(p -> System.out.println("problem: " + p));
    new BenchmarkDoc(doc).replaceSection(section(report));
    System.exit(report.clean() ? 0 : 1);
  }

  private static String section(Report report) {
    Settings s = report.settings();
    return "## HA takeover: active killed, standby takes over\n\n"
        + "`scripts/bench-ha-takeover.sh --takeovers=" + s.takeovers() + " --lease=" + s.lease().toSeconds() + "s"
        + " --renew=" + s.renew().toMillis() + "ms --seed=" + s.seed() + "` on " + LocalDate.now() + " ("
        + report.took().toSeconds() + " s). Two daemons (child JVMs) share one embedded PostgreSQL 14 against a"
        + " Hardhat node mining on demand; faucet payouts and accounts to collateralise are handed over HTTP to the"
        + " active. Each round kills the active with `kill -9` (with a batch in flight when one shows within "
        + IN_FLIGHT_PATIENCE.toSeconds() + " s), waits for the standby to serve and starts the killed one again as"
        + " the new standby. A takeover runs from the kill to the new active serving: lease expiry (up to one lease"
        + " after the last renewal), the standby's next look at the lease, then settling the journal against the"
        + " chain. Jobs are audited by direct contract reads; budgets compare the recorded spending with what"
        + " landed.\n\n" + report.table();
  }
}
