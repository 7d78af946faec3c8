package io.hubd.daemon.testkit;

import static org.awaitility.Awaitility.await;

import io.hubd.daemon.ha.Lease;
import io.hubd.daemon.ha.LeaseWatch;
import io.hubd.daemon.store.Database;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two (or more) real daemons as child JVMs sharing one database of the embedded PostgreSQL with {@code ha.enabled},
 * against a {@link TestChain}: starts instances by name (each start a new process and log), reads the lease row
 * directly, finds the active's API, and hands work to whichever instance is active over HTTP ({@link #desk}).
 * Closing kills every instance still running. Not thread-safe.
 */
public final class HaPair implements AutoCloseable {
  /** The lease and renewal of the tests: short, so that a takeover takes seconds. */
  public static final Duration LEASE = Duration.ofSeconds(5);
  public static final Duration RENEW = Duration.ofMillis(500);
  private static final Pattern LISTENING = Pattern.compile("HTTP API listening on [^:]+:(\\d+)");

  private final TestChain chain;
  private final Path dir;
  private final Database.Postgres database;
  private final LeaseWatch watch;
  private final Map<String, String> extra;
  private final Map<String, DaemonProcess> running = new HashMap<>();
  private final java.util.List<Path> logs = new java.util.ArrayList<>();
  private final String databaseName;
  private final AtomicInteger starts = new AtomicInteger();

  /** A pair on a fresh database {@code name} of the shared embedded PostgreSQL; {@code extra} settings for all. */
  public HaPair(TestChain chain, Path dir, String name, Map<String, String> extra) {
    this.chain = chain;
    this.dir = dir;
    this.database = TestDatabases.postgres(name);
    this.watch = new LeaseWatch(database);
    this.databaseName = name;
    this.extra = Map.copyOf(extra);
  }

  public Database.Postgres database() {
    return database;
  }

  /** Starts instance {@code name} (a new process; any earlier one of that name must have ended). */
  public DaemonProcess start(String name, Map<String, String> environment) {
    Map<String, String> settings = new HashMap<>(DaemonFixture.settings(chain, dir.resolve(name), Map.of()));
    settings.put("store.url", database.url());
    settings.put("store.user", database.user().orElseThrow());
    settings.put("ha.enabled", "true");
    settings.put("ha.instanceId", name);
    settings.put("ha.lease", LEASE.toMillis() + "ms");
    settings.put("ha.renewInterval", RENEW.toMillis() + "ms");
    settings.putAll(extra);
    Path config = DaemonFixture.writeConfig(dir.resolve(name + ".yml"), settings);
    Map<String, String> env = new HashMap<>(environment);
    env.put("HUBD_HUB_PRIVATE_KEY", DaemonFixture.hubPrivateKey(chain));
    Path log = dir.resolve(name + "-" + starts.incrementAndGet() + ".log");
    logs.add(log);
    DaemonProcess process = DaemonProcess.launch(config, env, log);
    running.put(name, process);
    return process;
  }

  /** The configuration file instance {@code name} was last started with. */
  public Path config(String name) {
    return dir.resolve(name + ".yml");
  }

  public DaemonProcess process(String name) {
    return running.get(name);
  }

  /** The lease as the database holds it; empty before the first. */
  public Optional<Lease> lease() {
    return watch.lease();
  }

  /** When (database clock, epoch ms) the holder of {@code epoch} began to serve; empty while it does not yet. */
  public OptionalLong servingAt(long epoch) {
    return watch.servingAt(epoch);
  }

  /** Waits until {@code name} holds the lease and serves; returns the epoch. */
  public long awaitServing(String name, Duration patience) {
    DaemonProcess process = running.get(name);
    return await().atMost(patience).until(() -> {
      if (!process.isAlive()) {
        throw new AssertionError(name + " ended:\n" + process.output());
      }
      Optional<Lease> lease = lease();
      if (lease.isEmpty() || !lease.get().holder().equals(name)) {
        return OptionalLong.empty();
      }
      return servingAt(lease.get().epoch()).isPresent() ? OptionalLong.of(lease.get().epoch()) : OptionalLong.empty();
    }, OptionalLong::isPresent).getAsLong();
  }

  /** Waits until {@code name} runs as a standby (its API up, waiting for the lease). */
  public void awaitStandby(String name, Duration patience) {
    DaemonProcess process = running.get(name);
    await().atMost(patience).until(() -> {
      if (!process.isAlive()) {
        throw new AssertionError(name + " ended:\n" + process.output());
      }
      return process.output().contains("standby: ") && port(name).isPresent();
    });
  }

  /** The HTTP port instance {@code name} listens on, once it says so. */
  public Optional<Integer> port(String name) {
    Matcher m = LISTENING.matcher(running.get(name).output());
    return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }

  /** Work handed over HTTP to whichever instance the lease names as the active. */
  public HttpDesk desk() {
    return new HttpDesk(() -> URI.create(lease().orElseThrow(() -> new HttpDesk.Refused(0, "no active")).address()),
        "operator-token-for-tests");
  }

  /** Kills every instance still running, as {@code kill -9}, and keeps their logs in {@code target/ha-logs}. */
  @Override
  public void close() {
    running.values().forEach(DaemonProcess::close);
    Path kept = Path.of("target", "ha-logs", databaseName);
    try {
      java.nio.file.Files.createDirectories(kept);
      for (Path log : logs) {
        java.nio.file.Files.copy(log, kept.resolve(log.getFileName()),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (java.io.IOException e) {
      // the logs are a help for a failure, not part of the test
    }
  }
}
