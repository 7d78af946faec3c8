package io.hubd.daemon.bench;

import io.hubd.chainsim.ChainControl;
import io.hubd.chainsim.sim.HubdClient;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.store.Store;
import io.hubd.daemon.store.StoreException;
import io.hubd.daemon.submit.IntentState;
import io.hubd.daemon.submit.IntentStatus;
import io.hubd.daemon.submit.JournalView;
import io.hubd.daemon.testkit.DaemonFixture;
import io.hubd.daemon.testkit.DaemonProcess;
import io.hubd.daemon.testkit.ExactlyOnceAudit;
import io.hubd.daemon.testkit.LyingRpc;
import io.hubd.daemon.testkit.TestChain;
import io.hubd.daemon.testkit.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exactly-once soak: the real daemon (a child JVM) behind two {@link LyingRpc} endpoints at different heights
 * whose receipts and logs lag 1 to 5 blocks and whose answers flip between a fresh and a lagging backend, on a chain
 * mining every 250 ms, fed faucet payouts and accounts to collateralise one small piece at a time, killed with
 * {@code kill -9} while a batch is in flight, and put through reorganisations of depths 1, c, c+1, c+3 and c+30
 * (c = its confirmations). At the end every payout and account is audited by direct reads ({@link ExactlyOnceAudit})
 * and a table is printed. Run with {@code scripts/soak-exactly-once.sh} (which writes the table to
 * {@code docs/benchmarks.md}); {@code ExactlyOnceSoakIT} runs a bounded version in the build.
 *
 * <p>Options: {@code --batches=200 --kills=40 --reorg-rounds=1 --seed=N --doc=docs/benchmarks.md}.
 */
public final class ExactlyOnceSoak {
  private static final Logger log = LoggerFactory.getLogger(ExactlyOnceSoak.class);
  static final int CONFIRMATIONS = 2;
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final Duration STALL = Duration.ofSeconds(60);
  private static final String TOKEN = "TUSD";

  /** How much to do. */
  public record Settings(int batches, int kills, int reorgRounds, long seed) {}

  /** What happened, and what the audit found. */
  public record Report(Settings settings, int batches, int work, int kills, Map<Integer, Integer> reorgs,
      int liesTold, int stalls, Duration longestWait, ExactlyOnceAudit.Result audit, Duration took) {

    /** The markdown table. */
    public String table() {
      StringBuilder t = new StringBuilder();
      t.append("| batches landed | jobs (payouts + accounts) | kill -9 restarts | reorgs (depth: count) | lies told"
          + " | double executions | lost jobs | foreign batches | mirror mismatches | pipeline stalls |\n");
      t.append("|---|---|---|---|---|---|---|---|---|---|\n");
      t.append(String.format("| %d | %d | %d | %s | %d | %d | %d | %d | %d | %d |%n", batches, work, kills, reorgs,
          liesTold, audit.doubleExecutions(), audit.lost(), audit.foreignBatches(), audit.mirrorMismatches(),
          stalls));
      return t.toString();
    }
  }

  private final Settings settings;
  private final Path workDir;
  private final Random random;
  private final List<ExactlyOnceAudit.Payout> payouts = new ArrayList<>();
  private final List<ExactlyOnceAudit.Owed> owed = new ArrayList<>();
  private final Map<Integer, Integer> reorgs = new TreeMap<>();
  private TestChain chain;
  private LyingRpc behind;
  private LyingRpc flipping;
  private DaemonProcess daemon;
  private HubdClient client;
  private int kills;
  private int restarts;
  private int stalls;
  private long positionsVersion;
  private long lastProgressNanos;
  private long lastBatchNonce;
  private long longestWaitNanos;
  private int next;

  public ExactlyOnceSoak(Settings settings, Path workDir) {
    this.settings = settings;
    this.workDir = workDir;
    this.random = new Random(settings.seed());
    this.lastProgressNanos = System.nanoTime();
  }

  /** Runs the soak on a fresh Hardhat node; returns the report. */
  public Report run() {
    long started = System.nanoTime();
    log.info("soak: seed {}, work in {}", settings.seed(), workDir);
    chain = TestChain.start();
    try {
      chain.fundHubReserve(TOKEN, 1_000_000);
      behind = new LyingRpc(chain.local().rpcUrl(), new LyingRpc.Lies(1, 1, 1, 0.5), settings.seed());
      flipping = new LyingRpc(chain.local().rpcUrl(), new LyingRpc.Lies(1, 1, 0, 0.8), settings.seed() + 1);
      control().setAutomine(false);
      control().setIntervalMining(250);
      start();
      List<Integer> depths = reorgDepths();
      int work = 0;
      while (landed() < settings.batches() || kills < settings.kills() || !depths.isEmpty()) {
        lie((work % 5) + 1);
        give();
        work++;
        if (kills < settings.kills() && work % Math.max(1, settings.batches() / Math.max(1, settings.kills())) == 0) {
          killWithABatchInFlight();
        } else if (!depths.isEmpty() && work % 7 == 0) {
          reorg(depths.remove(0));
        } else {
          int given = payouts.size();
          int owedGiven = owed.size();
          awaitProgress(() -> done(payouts.subList(Math.max(0, given - 1), given),
              owed.subList(Math.max(0, owedGiven - 1), owedGiven)));
        }
        watchForStalls();
      }
      lie(0);
      awaitProgress(() -> workDone() && openIntents() == 0);
      awaitProgress(() -> daemonMirrorAtHead());
      ExactlyOnceAudit.Result audit = new ExactlyOnceAudit(chain).audit(data(), payouts, owed);
      return new Report(settings, audit.batches(), payouts.size() + owed.size(), kills, reorgs,
          behind.liesTold() + flipping.liesTold(), stalls, Duration.ofNanos(longestWaitNanos), audit,
          Duration.ofNanos(System.nanoTime() - started));
    } finally {
      close();
    }
  }

  // ---------------------------------------------------------------- the daemon

  private Path data() {
    return workDir.resolve("data");
  }

  private void start() {
    Map<String, String> settings = new HashMap<>(DaemonFixture.settings(chain, data(), Map.of(
        "chain.rpcUrls", behind.url() + "," + flipping.url(),
        "chain.confirmations", Integer.toString(CONFIRMATIONS),
        "chain.maxHeadLagBlocks", "3",
        "http.port", Integer.toString(port()))));
    Path config = DaemonFixture.writeConfig(workDir.resolve("hubd.yml"), settings);
    daemon = DaemonProcess.launch(config, Map.of("HUBD_HUB_PRIVATE_KEY", DaemonFixture.hubPrivateKey(chain)),
        workDir.resolve("daemon-" + restarts++ + ".log"));
    client = new HubdClient("http://127.0.0.1:" + port(), "operator-token-for-tests");
    awaitProgress(() -> {
      if (!daemon.isAlive()) {
        throw new IllegalStateException("the daemon died: " + daemon.output());
      }
      return daemon.output().contains("hubd running") && client.get("/ready").ok();
    });
    lastProgressNanos = System.nanoTime();
  }

  private int port = -1;

  private int port() {
    if (port < 0) {
      try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
        port = socket.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return port;
  }

  /** Waits until a batch is signed and not yet confirmed, then kills the daemon outright and starts it again. */
  private void killWithABatchInFlight() {
    awaitProgress(() -> journal().stream().anyMatch(i -> !i.state().isFinal() && i.state() != IntentState.QUEUED));
    daemon.kill(PATIENCE);
    daemon.close();
    kills++;
    log.info("soak: kill -9 number {} with a batch in flight", kills);
    start();
  }

  // ---------------------------------------------------------------- the chain

  private ChainControl control() {
    return chain.local().control();
  }

  private List<Integer> reorgDepths() {
    List<Integer> depths = new ArrayList<>();
    for (int round = 0; round < settings.reorgRounds(); round++) {
      depths.addAll(List.of(1, CONFIRMATIONS, CONFIRMATIONS + 1, CONFIRMATIONS + 3, CONFIRMATIONS + 30));
    }
    return depths;
  }

  /**
   * Takes the {@code depth} newest blocks off the chain, one of them carrying a batch of the daemon's: mines the
   * batch and {@code depth - 1} blocks on it, lets the daemon see them, reverts and mines a longer branch.
   */
  private void reorg(int depth) {
    awaitProgress(() -> openIntents() == 0);
    control().setIntervalMining(0);
    awaitProgress(() -> { // whatever the daemon sent meanwhile is mined by hand, and confirmed by empty blocks
      if (control().pendingTransactionCount() > 0 || openIntents() > 0) {
        control().mine();
      }
      return control().pendingTransactionCount() == 0 && openIntents() == 0;
    });
    String before = control().snapshot();
    give();
    awaitProgress(() -> control().pendingTransactionCount() > 0);
    control().mineEach(depth);
    awaitProgress(() -> journal().stream().filter(i -> i.blockNumber().isPresent()).count() > 0
        && openIntents() == 0 || daemonSawBlock(chain.local().client().blockNumber()));
    if (!control().revert(before)) {
      throw new IllegalStateException("evm_revert refused snapshot " + before);
    }
    control().mineEach(depth + 1);
    control().setIntervalMining(250);
    reorgs.merge(depth, 1, Integer::sum);
    log.info("soak: reorganisation of depth {} done", depth);
  }

  private boolean daemonSawBlock(long block) {
    return readStore(s -> io.hubd.daemon.mirror.Mirror.viewOf(s, chain.hub()).checkpoint()
        .map(c -> c.number() >= block - CONFIRMATIONS).orElse(false));
  }

  private boolean daemonMirrorAtHead() {
    return daemonSawBlock(chain.local().client().blockNumber());
  }

  // ---------------------------------------------------------------- work

  /** One small piece of work: a payout and, every other time, an account the hub owes. */
  private void give() {
    int token = chain.suite().token(TOKEN).tokenId();
    String wallet = address();
    BigInteger amount = chain.suite().token(TOKEN).units(1 + random.nextInt(5));
    HubdClient.Answer paid = client.faucet(wallet, token, amount);
    if (paid.ok()) {
      payouts.add(new ExactlyOnceAudit.Payout(wallet, token, amount));
    } else {
      log.warn("soak: payout refused: {} {}", paid.status(), paid.body());
    }
    if (random.nextBoolean()) {
      EntityId user = EntityId.ofAddress(address());
      BigInteger debt = chain.suite().token(TOKEN).units(101 + random.nextInt(50));
      BigInteger offdelta = chain.hub().isLeftOf(user) ? debt.negate() : debt;
      positionsVersion = Math.max(positionsVersion, System.currentTimeMillis());
      HubdClient.Answer reported = client.positions(positionsVersion++, Map.of(user, Map.of(token, offdelta)));
      if (reported.ok()) {
        owed.add(new ExactlyOnceAudit.Owed(user, token, debt));
      } else {
        log.warn("soak: positions refused: {} {}", reported.status(), reported.body());
      }
    }
  }

  private String address() {
    return String.format("0x%08x%032x", settings.seed() & 0xffffffffL, ++next);
  }

  private boolean workDone() {
    return done(payouts, owed);
  }

  private boolean done(List<ExactlyOnceAudit.Payout> payouts, List<ExactlyOnceAudit.Owed> owed) {
    for (ExactlyOnceAudit.Payout p : payouts) {
      if (chain.driver().walletBalance(chain.suite().token(TOKEN), p.wallet()).compareTo(p.amount()) < 0) {
        return false;
      }
    }
    for (ExactlyOnceAudit.Owed o : owed) {
      if (chain.driver().account(chain.hub(), o.counterparty(), o.tokenId()).collateral().compareTo(o.owed()) < 0) {
        return false;
      }
    }
    return true;
  }

  private void lie(int blocks) {
    behind.lies(blocks == 0 ? LyingRpc.Lies.NONE : new LyingRpc.Lies(blocks, blocks, 1, 0.5));
    flipping.lies(blocks == 0 ? LyingRpc.Lies.NONE : new LyingRpc.Lies(blocks, blocks, 0, 0.8));
  }

  // ---------------------------------------------------------------- progress

  private long landed() {
    return chain.driver().batchNonce(chain.hub()).longValueExact() - 1; // the first is the harness's own deposit
  }

  private List<IntentStatus> journal() {
    return readStore(s -> new JournalView(s).batches());
  }

  private long openIntents() {
    return readStore(s -> (long) new JournalView(s).open().size());
  }

  private <T> T readStore(java.util.function.Function<Store, T> read) {
    for (int attempt = 0; ; attempt++) {
      try (Store store = TestDatabases.openReadOnly(data())) {
        return read.apply(store);
      } catch (StoreException e) {
        if (attempt > 50) {
          throw e;
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100)); // the schema is being created
      }
    }
  }

  /** Counts a stall when no batch landed for {@link #STALL} while work waited. */
  private void watchForStalls() {
    long nonce = landed();
    long now = System.nanoTime();
    if (nonce != lastBatchNonce) {
      lastBatchNonce = nonce;
      lastProgressNanos = now;
      return;
    }
    long waited = now - lastProgressNanos;
    longestWaitNanos = Math.max(longestWaitNanos, waited);
    if (waited > STALL.toNanos()) {
      stalls++;
      log.error("soak: no batch landed for {} s while work waited; {}", TimeUnit.NANOSECONDS.toSeconds(waited),
          dumpThreads());
      lastProgressNanos = now;
    }
  }

  private void awaitProgress(BooleanSupplier condition) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (!daemon.isAlive()) {
        throw new IllegalStateException("the daemon died: " + daemon.output());
      }
      if (System.nanoTime() > deadline) {
        stalls++;
        throw new IllegalStateException("soak stalled for " + PATIENCE.toSeconds() + " s (seed " + settings.seed()
            + "); daemon log in " + workDir + "; " + dumpThreads());
      }
      watchForStalls();
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
  }

  /** Dumps the running daemon's threads into the work folder; says where. */
  private String dumpThreads() {
    Path file = workDir.resolve("threads-" + restarts + "-" + System.currentTimeMillis() + ".txt");
    return daemon != null && daemon.dumpThreads(file) ? "its threads in " + file : "no thread dump";
  }

  private void close() {
    if (client != null) {
      client.close();
    }
    if (daemon != null) {
      daemon.close();
    }
    if (behind != null) {
      behind.close();
    }
    if (flipping != null) {
      flipping.close();
    }
    if (chain != null) {
      chain.close();
    }
  }

  // ---------------------------------------------------------------- command line

  public static void main(String[] args) throws IOException {
    int batches = 200;
    int kills = 40;
    int reorgRounds = 1;
    long seed = System.nanoTime();
    Path doc = Path.of("docs/benchmarks.md");
    for (String arg : args) {
      String[] kv = arg.replaceFirst("^--", "").split("=", 2);
      switch (kv[0]) {
        case "batches" -> batches = Integer.parseInt(kv[1]);
        case "kills" -> kills = Integer.parseInt(kv[1]);
        case "reorg-rounds" -> reorgRounds = Integer.parseInt(kv[1]);
        case "seed" -> seed = Long.parseLong(kv[1]);
        case "doc" -> doc = Path.of(kv[1]);
        default -> throw new IllegalArgumentException("unknown option " + arg);
      }
    }
    Path work = Files.createTempDirectory("hubd-soak");
    Report report = new ExactlyOnceSoak(new Settings(batches, kills, reorgRounds, seed), work).run();
    System.out.println(report.table());
    report.audit().problems().forEach(p -> System.out.println("problem: " + p));
    new BenchmarkDoc(doc).replaceSection(section(report, work));
    if (!report.audit().clean() || report.stalls() > 0) {
      System.exit(1);
    }
  }

  private static String section(Report report, Path work) {
    return "## Exactly once under lying RPC, kill -9 and deep reorganisations\n\n"
        + "`scripts/soak-exactly-once.sh --batches=" + report.settings().batches() + " --kills="
        + report.settings().kills() + " --reorg-rounds=" + report.settings().reorgRounds() + " --seed="
        + report.settings().seed() + "` on " + LocalDate.now() + " (" + report.took().toSeconds() + " s). The daemon"
        + " runs as a child JVM with " + CONFIRMATIONS + " confirmations behind two lying endpoints (one a block"
        + " behind, lying on half the calls; one at the head, lying on 80 % of them), whose receipts and logs lag"
        + " 1 to 5 blocks in turn; blocks every 250 ms. Each job is a faucet payout to a fresh wallet or an account"
        + " the hub owes 101 to 150 TUSD, audited at the end by direct contract reads: a payout made twice or an"
        + " account funded beyond its debt is a double execution, one never made a lost job. A stall is a minute"
        + " without a batch landing while work waited (the longest wait was " + report.longestWait().toSeconds()
        + " s).\n\n" + report.table();
  }
}
