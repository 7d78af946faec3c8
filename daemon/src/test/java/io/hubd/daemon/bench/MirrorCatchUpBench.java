package io.hubd.daemon.bench;

import io.hubd.contracts.DepositoryEvents;
import io.hubd.daemon.mirror.DriftReport;
import io.hubd.daemon.mirror.Mirror;
import io.hubd.daemon.mirror.MirrorSettings;
import io.hubd.daemon.mirror.PollResult;
import io.hubd.daemon.mirror.Reconciler;
import io.hubd.daemon.store.Store;
import io.hubd.daemon.testkit.TestChain;
import io.hubd.daemon.testkit.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirror catch-up rate against the node's raw {@code eth_getLogs} rate, over the same blocks and ranges: starts a
 * Hardhat node, deploys the suite, generates at least 50,000 hub events (R2C batches of 256 pairs), then times in
 * alternating rounds (a) a raw client fetching the logs and discarding them, (b) hubd's {@code Chain.logs} (the
 * same requests, JSON parsed) and (c) the mirror catching up from the deployment block into a fresh SQLite file.
 * Prints a markdown table and writes it to {@code docs/benchmarks.md}. Run with {@code scripts/bench-mirror.sh}.
 *
 * <p>Options: {@code --batches=200 --batches-per-block=4 --log-range=5 --rounds=3 --doc=docs/benchmarks.md}.
 */
public final class MirrorCatchUpBench {
  private static final Logger log = LoggerFactory.getLogger(MirrorCatchUpBench.class);
  private static final int REORG_WINDOW = 64;

  private record Options(int batches, int batchesPerBlock, int logRange, int rounds, Path doc) {
    static Options parse(String[] args) {
      int batches = 200;
      int perBlock = 4;
      int range = 5;
      int rounds = 3;
      Path doc = Path.of("docs/benchmarks.md");
      for (String arg : args) {
        String[] kv = arg.replaceFirst("^--", "").split("=", 2);
        if (kv.length != 2) {
          throw new IllegalArgumentException("options look like --name=value: " + arg);
        }
        switch (kv[0]) {
          case "batches" -> batches = Integer.parseInt(kv[1]);
          case "batches-per-block" -> perBlock = Integer.parseInt(kv[1]);
          case "log-range" -> range = Integer.parseInt(kv[1]);
          case "rounds" -> rounds = Integer.parseInt(kv[1]);
          case "doc" -> doc = Path.of(kv[1]);
          default -> throw new IllegalArgumentException("unknown option " + arg);
        }
      }
      return new Options(batches, perBlock, range, rounds, doc);
    }
  }

  /** One timed pass: seconds taken, events delivered, and the CPU seconds the node and this JVM spent (-1: unknown). */
  private record Sample(double seconds, long events, double nodeCpu, double jvmCpu) {
    double rate() {
      return events / seconds;
    }
  }

  private final CpuClock cpu;
  /** The mirror's log prefetching thread, as the daemon runs it. */
  private final ExecutorService prefetch;

  private MirrorCatchUpBench(CpuClock cpu, ExecutorService prefetch) {
    this.cpu = cpu;
    this.prefetch = prefetch;
  }

  public static void main(String[] args) {
    Options options = Options.parse(args);
    ExecutorService prefetch = Executors.newSingleThreadExecutor(r -> new Thread(r, "mirror-log-prefetch"));
    try (TestChain chain = TestChain.start()) {
      R2cLoad.Generated load = new R2cLoad(chain).generate(options.batches(), options.batchesPerBlock());
      // the events end up more than a reorg window behind the head, as history to catch up on
      chain.local().control().mine(REORG_WINDOW);
      long from = chain.suite().deploymentBlock();
      long to = chain.chain().blockNumber();
      long events = countLogs(chain, from, to, options.logRange());
      if (events < 50_000) {
        throw new IllegalStateException("only " + events + " events; use more --batches");
      }
      log.info("{} events in blocks [{}, {}] ({} generated in R2C batches)", events, from, to, load.events());
      new MirrorCatchUpBench(new CpuClock(chain.local().node()), prefetch).run(options, chain, from, to, events);
    } finally {
      prefetch.shutdownNow();
    }
  }

  private void run(Options options, TestChain chain, long from, long to, long events) {
    MirrorSettings settings =
        new MirrorSettings(chain.suite().depository(), chain.hub(), from, 0, options.logRange(), REORG_WINDOW);
    List<Sample> raw = new ArrayList<>();
    List<Sample> parsed = new ArrayList<>();
    List<Sample> mirror = new ArrayList<>();
    int requests;
    long bytes;
    try (RawLogsClient rawClient = new RawLogsClient(chain.local().rpcUrl(), chain.suite().depository())) {
      RawLogsClient.Pass pass = rawClient.fetch(from, to, options.logRange()); // warm-up
      requests = pass.requests();
      bytes = pass.bytes();
      countLogs(chain, from, to, options.logRange());
      checkMirror(chain, settings, events);
      for (int round = 0; round < options.rounds(); round++) {
        List<Runnable> passes = new ArrayList<>(List.of(
            () -> raw.add(time(events, () -> rawClient.fetch(from, to, options.logRange()).requests())),
            () -> parsed.add(time(events, () -> countLogs(chain, from, to, options.logRange()))),
            () -> mirror.add(mirrorPass(chain, settings, events))));
        if (round % 2 == 1) {
          java.util.Collections.reverse(passes);
        }
        passes.forEach(Runnable::run);
        log.info("round {}: raw {} ev/s, parsed {} ev/s, mirror {} ev/s", round + 1,
            (long) last(raw).rate(), (long) last(parsed).rate(), (long) last(mirror).rate());
      }
    }
    String section = section(options, from, to, events, requests, bytes, raw, parsed, mirror);
    System.out.println(section);
    new BenchmarkDoc(options.doc()).replaceSection(section);
    log.info("wrote {}", options.doc().toAbsolutePath());
  }

  /** Logs of [from, to] through hubd's chain access, in the mirror's ranges. */
  private static long countLogs(TestChain chain, long from, long to, int range) {
    long count = 0;
    for (long start = from; start <= to; start += range) {
      count += chain.chain()
          .logs(chain.suite().depository(), start, Math.min(to, start + range - 1), DepositoryEvents.MIRRORED_TOPICS)
          .size();
    }
    return count;
  }

  /** An untimed catch-up whose result the reconciler must find equal to the contract. */
  private void checkMirror(TestChain chain, MirrorSettings settings, long events) {
    mirrorPass(chain, settings, events);
    Path dir = tempDir();
    try (Store store = TestDatabases.open(dir)) {
      Mirror mirror =
          new Mirror(chain.chain(), store, settings, Clock.systemUTC(), new SimpleMeterRegistry(), prefetch);
      while (mirror.pollOnce().outcome() != PollResult.Outcome.IDLE) {
        // catching up
      }
      DriftReport report =
          new Reconciler(chain.chain(), store, settings, new SimpleMeterRegistry()).reconcile().orElseThrow();
      if (!report.isClean()) {
        throw new IllegalStateException("the mirror differs from the contract: " + report.mismatches());
      }
      log.info("mirror checked against the contract: {} keys equal", report.keysChecked());
    } finally {
      delete(dir);
    }
  }

  /** The mirror catching up from the deployment block into a fresh database; the store opens before the clock. */
  private Sample mirrorPass(TestChain chain, MirrorSettings settings, long events) {
    Path dir = tempDir();
    try (Store store = TestDatabases.open(dir)) {
      SimpleMeterRegistry meters = new SimpleMeterRegistry();
      Mirror mirror = new Mirror(chain.chain(), store, settings, Clock.systemUTC(), meters, prefetch);
      Sample sample = time(events, () -> {
        long polls = 0;
        while (mirror.pollOnce().outcome() != PollResult.Outcome.IDLE) {
          polls++;
        }
        return polls;
      });
      double applied = meters.get("hubd_mirror_events_applied_total").counter().count();
      if (applied != events) {
        throw new IllegalStateException("the mirror applied " + applied + " events, expected " + events);
      }
      return sample;
    } finally {
      delete(dir);
    }
  }

  private Sample time(long events, LongSupplier work) {
    long node = cpu.nodeNanos();
    long jvm = cpu.jvmNanos();
    long start = System.nanoTime();
    work.getAsLong();
    double seconds = (System.nanoTime() - start) / 1e9;
    long nodeAfter = cpu.nodeNanos();
    return new Sample(seconds, events, node < 0 || nodeAfter < 0 ? -1 : (nodeAfter - node) / 1e9,
        (cpu.jvmNanos() - jvm) / 1e9);
  }

  private static Sample last(List<Sample> samples) {
    return samples.get(samples.size() - 1);
  }

  private static Sample median(List<Sample> samples) {
    List<Sample> sorted = new ArrayList<>(samples);
    sorted.sort(Comparator.comparingDouble(Sample::seconds));
    return sorted.get(sorted.size() / 2);
  }

  private static String section(
      Options o, long from, long to, long events, int requests, long bytes, List<Sample> raw, List<Sample> parsed,
      List<Sample> mirror) {
    Sample r = median(raw);
    Sample p = median(parsed);
    Sample m = median(mirror);
    double[] ratios = new double[mirror.size()];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = mirror.get(i).rate() / raw.get(i).rate();
    }
    StringBuilder out = new StringBuilder();
    out.append("## Mirror catch-up rate\n\n");
    out.append("How fast the mirror catches up from the deployment block, against the node serving the same\n")
        .append("`eth_getLogs` requests. Run `scripts/bench-mirror.sh` (it compiles the test classes with\n")
        .append("`./mvnw -q -B -pl daemon -am test-compile dependency:build-classpath`, then runs\n")
        .append("`io.hubd.daemon.bench.MirrorCatchUpBench` on the test classpath; options such as `--batches=400`\n")
        .append("pass through). It starts its own Hardhat node and generates the events.\n\n");
    out.append(String.format(Locale.ROOT,
        "Setup: %,d Depository events in blocks %d–%d: %d R2C batches of 256 pairs by the hub to 4,096%n"
            + "counterparties on both sides of it, %d per block, then %d empty blocks. `eth_getLogs` over %d-block%n"
            + "ranges with the mirror's filter: %d requests, %.1f MB of JSON. The mirror: confirmations 0, reorg%n"
            + "window %d, log prefetching on, a fresh SQLite file per run, one transaction per range. Median of %d%n"
            + "alternating rounds after a warm-up; %d cores, Java %s, %s.%n%n",
        events, from, to, o.batches(), o.batchesPerBlock(), REORG_WINDOW, o.logRange(), requests, bytes / 1e6,
        REORG_WINDOW, o.rounds(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        LocalDate.now()));
    out.append("| client | time (s) | events/s | vs raw | node CPU (s) | hubd JVM CPU (s) |\n")
        .append("|---|---:|---:|---:|---:|---:|\n");
    row(out, "raw `eth_getLogs` (OkHttp, body read and discarded)", r, r);
    row(out, "hubd `Chain.logs` (web3j: JSON parsed into logs)", p, r);
    row(out, "mirror catch-up (fetch, decode, apply, commit)", m, r);
    out.append(String.format(Locale.ROOT,
        "%nRatio mirror/raw: **%.2f** (goal ≥ 0.8); per round: %s.%n",
        m.rate() / r.rate(), Arrays.stream(ratios).mapToObj(x -> String.format(Locale.ROOT, "%.2f", x)).toList()));
    out.append(String.format(Locale.ROOT,
        "%nWhere the difference goes: the mirror has the node do more than serve the logs (per range it reads%n"
            + "the range end's header; within the reorg window also the checkpoint's and every other header), %s%n"
            + "node CPU seconds more than the raw client here; and its own work (parsing the JSON, decoding, SQLite%n"
            + "writes and one fsync'd commit per range: %.2f JVM CPU seconds) shares the %d cores with the node. Log%n"
            + "prefetching overlaps applying one range with the node serving the next; undo entries and headers are%n"
            + "only written and read within the window of the head, so the history before it costs logs alone.%n",
        m.nodeCpu() < 0 || r.nodeCpu() < 0 ? "an unmeasured number of"
            : String.format(Locale.ROOT, "%.2f", m.nodeCpu() - r.nodeCpu()),
        m.jvmCpu(), Runtime.getRuntime().availableProcessors()));
    return out.toString();
  }

  private static void row(StringBuilder out, String name, Sample s, Sample raw) {
    out.append(String.format(Locale.ROOT, "| %s | %.2f | %,.0f | %.2f | %s | %.2f |%n", name, s.seconds(), s.rate(),
        s.rate() / raw.rate(), s.nodeCpu() < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", s.nodeCpu()), s.jvmCpu()));
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("hubd-bench-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      log.warn("cannot delete {}: {}", dir, e.getMessage());
    }
  }
}
