package io.hubd.daemon.app;

import io.hubd.contracts.EntityId;
import io.hubd.contracts.Erc20Calls;
import io.hubd.daemon.chain.Chain;
import io.hubd.daemon.chain.ChainException;
import io.hubd.daemon.config.HubdConfig;
import io.hubd.daemon.config.TokenConfig;
import io.hubd.daemon.jobs.JobState;
import io.hubd.daemon.jobs.JobStore;
import io.hubd.daemon.mirror.Checkpoint;
import io.hubd.daemon.mirror.Mirror;
import io.hubd.daemon.mirror.MirrorView;
import io.hubd.daemon.ha.Lease;
import io.hubd.daemon.ha.LeaseReport;
import io.hubd.daemon.store.Store;
import io.hubd.daemon.submit.IntentStatus;
import io.hubd.daemon.submit.JournalView;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hubd status}: what the daemon's database says, read-only beside a running daemon — the mirror's checkpoint,
 * the hub's reserves, the mirrored accounts, open jobs and the transactions in flight — and, unless
 * {@code --offline}, the chain head and how far the mirror lags behind it. One line per figure, {@code label value}.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Print the mirror, reserves, accounts, jobs and pending transactions from the database.")
final class StatusCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Option(names = "--offline", description = "Do not ask the node for the chain head and token decimals.")
  boolean offline;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    HubdConfig config = options.load(System.getenv());
    PrintWriter out = spec.commandLine().getOut();
    try (Store store = Store.openReadOnly(StoreSetup.database(config.store(), System.getenv()))) {
      line(out, "store", store.location());
      printLease(out, config, store);
      line(out, "chain id", store.meta("chain_id").orElse("?"));
      line(out, "depository", store.meta("depository").orElse("?"));
      Optional<String> hub = store.meta("hub");
      line(out, "hub", hub.orElse("? (the daemon has not run with this data directory yet)"));
      if (offline) {
        printMirror(out, config, store, hub, Optional.empty());
      } else {
        try (ChainAccess access = ChainAccess.open(config.chain(), Clock.systemUTC(), new SimpleMeterRegistry())) {
          printMirror(out, config, store, hub, Optional.of(access.chain()));
        }
      }
      printJobs(out, store);
      printPending(out, store);
    }
    out.flush();
    return 0;
  }

  private void printMirror(
      PrintWriter out, HubdConfig config, Store store, Optional<String> hub, Optional<Chain> chain) {
    if (hub.isEmpty()) {
      return;
    }
    MirrorView view = Mirror.viewOf(store, EntityId.ofAddress(hub.get()));
    Optional<Checkpoint> checkpoint = view.checkpoint();
    line(out, "checkpoint", checkpoint.map(c -> "block " + c.number() + " " + c.hash())
        .orElse("none yet (the mirror has not polled)"));
    printHead(out, config.chain().confirmations(), checkpoint, chain);

    Map<Integer, String> tokens = view.tokens();
    Map<Integer, BigInteger> reserves = view.reserves();
    Set<Integer> ids = new TreeSet<>(config.tokens().keySet());
    ids.addAll(reserves.keySet());
    for (int id : ids) {
      BigInteger reserve = reserves.getOrDefault(id, BigInteger.ZERO);
      String whole = chain.flatMap(c -> decimals(c, tokens.get(id)))
          .map(d -> " (" + Amounts.whole(reserve, d) + " " + symbol(config, id) + ")").orElse("");
      line(out, "reserve", token(config, id) + " " + reserve + " base units" + whole);
    }

    Map<Integer, Long> perToken = new TreeMap<>();
    AtomicReference<EntityId> previous = new AtomicReference<>();
    AtomicLong counterparties = new AtomicLong();
    view.forEachAccount(a -> { // ordered by counterparty
      perToken.merge(a.tokenId(), 1L, Long::sum);
      if (!a.counterparty().equals(previous.getAndSet(a.counterparty()))) {
        counterparties.incrementAndGet();
      }
    });
    line(out, "accounts", perToken.values().stream().mapToLong(Long::longValue).sum() + " (" + counterparties
        + " counterparties)");
    perToken.forEach((id, n) -> line(out, "accounts", token(config, id) + " " + n));
  }

  private static void printHead(
      PrintWriter out, int confirmations, Optional<Checkpoint> checkpoint, Optional<Chain> chain) {
    if (chain.isEmpty()) {
      line(out, "chain head", "not asked (offline)");
      return;
    }
    long head;
    try {
      head = chain.get().blockNumber();
    } catch (ChainException e) {
      line(out, "chain head", "unreachable: " + e.getMessage());
      return;
    }
    line(out, "chain head", head);
    long target = head - confirmations;
    long lag = Math.max(0, target - checkpoint.map(Checkpoint::number).orElse(-1L));
    line(out, "lag", lag + " blocks (head " + head + " - " + confirmations + " confirmations - checkpoint "
        + checkpoint.map(c -> Long.toString(c.number())).orElse("none") + ")");
  }

  /** With HA: the lease's holder, epoch and age, this configuration's role, and the takeovers. */
  private static void printLease(PrintWriter out, HubdConfig config, Store store) {
    if (!config.ha().enabled()) {
      return;
    }
    Optional<LeaseReport> report = LeaseReport.read(store);
    if (report.isEmpty()) {
      line(out, "ha lease", "never held yet");
      return;
    }
    Lease lease = report.get().lease();
    line(out, "ha lease", "held by " + lease.holder() + " (API at " + lease.address() + "), epoch " + lease.epoch()
        + ", renewed " + lease.ageMillis() + " ms ago, " + (lease.expired() ? "EXPIRED "
        + (lease.readAt() - lease.expiresAt()) + " ms ago" : "expires in " + (lease.expiresAt() - lease.readAt())
        + " ms"));
    config.ha().instance().ifPresent(me -> line(out, "ha role", me + " is "
        + (me.equals(lease.holder()) && !lease.expired() ? "the active" : "a standby")));
    line(out, "takeovers", report.get().takeovers() + report.get().lastTakeoverMillis().stream()
        .mapToObj(ms -> " (the last served " + ms + " ms after its predecessor was last seen)").findFirst()
        .orElse(""));
  }

  private static void printJobs(PrintWriter out, Store store) {
    Map<JobState, Long> counts = new JobStore(store).countByState();
    line(out, "open jobs", counts.entrySet().stream().filter(e -> e.getKey().isOpen())
        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
  }

  private static void printPending(PrintWriter out, Store store) {
    List<IntentStatus> open = new JournalView(store).open();
    if (open.isEmpty()) {
      line(out, "pending", "none");
    }
    for (IntentStatus s : open) {
      line(out, "pending", "intent " + s.id() + " purpose=" + s.purpose() + " state=" + s.state()
          + " tx=" + s.transactionHash().or(s::latestAttemptHash).orElse("-") + " attempts=" + s.attempts()
          + s.batchNonce().map(n -> " batchNonce=" + n).orElse(""));
    }
  }

  private static Optional<Integer> decimals(Chain chain, String tokenAddress) {
    if (tokenAddress == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(chain.view(tokenAddress, Erc20Calls.decimals()));
    } catch (ChainException | IllegalStateException e) {
      return Optional.empty();
    }
  }

  private static String token(HubdConfig config, int id) {
    return "token " + id + " " + symbol(config, id);
  }

  private static String symbol(HubdConfig config, int id) {
    return Optional.ofNullable(config.tokens().get(id)).map(TokenConfig::symbol).orElse("?");
  }

  private static void line(PrintWriter out, String label, Object value) {
    out.printf("%-11s %s%n", label, value);
  }
}
