package io.hubd.daemon.app;

import io.hubd.chainsim.sim.HubdClient;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.Eip712Domain;
import io.hubd.daemon.config.HubdConfig;
import io.hubd.daemon.ha.Lease;
import io.hubd.daemon.ha.LeaseWatch;
import io.hubd.daemon.jobs.Job;
import io.hubd.daemon.jobs.JobState;
import io.hubd.daemon.jobs.JobStore;
import io.hubd.daemon.mirror.DriftReport;
import io.hubd.daemon.mirror.Mirror;
import io.hubd.daemon.mirror.MirrorSettings;
import io.hubd.daemon.mirror.Reconciler;
import io.hubd.daemon.store.Database;
import io.hubd.daemon.store.Store;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code hubd demo --ha}: two daemons ({@code hubd run}, child JVMs of this one, instances {@code a} and {@code b})
 * with {@code ha.enabled} on an embedded PostgreSQL, the default lease. The demo talks to whichever holds the lease
 * and reads the shared database; halfway it kills the active with {@code kill -9} and starts it again, as the new
 * standby. Its rows: the takeover's time (kill → the standby serving) and the jobs each instance completed.
 */
final class DemoHaPair implements DemoTarget, AutoCloseable {
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  private final EmbeddedPostgres postgres;
  private final Database.Postgres database;
  private final LeaseWatch watch;
  private final Map<String, String> settings;
  private final String hubKey;
  private final Path out;
  private final HubdConfig config;
  private final EntityId hub;
  private final Map<String, Process> instances = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Store store;
  private ChainAccess access;
  private volatile String lastAddress = "http://127.0.0.1:1";
  private long killedAt;
  private long epochBeforeKill;
  private String killed;

  private DemoHaPair(EmbeddedPostgres postgres, Database.Postgres database, Map<String, String> settings,
      String hubKey, Path out, HubdConfig config, EntityId hub) {
    this.postgres = postgres;
    this.database = database;
    this.watch = new LeaseWatch(database);
    this.settings = settings;
    this.hubKey = hubKey;
    this.out = out;
    this.config = config;
    this.hub = hub;
  }

  /** Starts PostgreSQL and the pair ({@code a} the first active, {@code b} its standby); {@code settings} of both. */
  static DemoHaPair start(Map<String, String> settings, String hubKey, Path out, HubdConfig config, EntityId hub,
      PrintStream console) throws IOException {
    console.println("starting an embedded PostgreSQL …");
    EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(out.resolve("postgres"))
        .setCleanDataDirectory(true).start();
    DemoHaPair pair = null;
    try {
      try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE hubd");
      }
      Database.Postgres database = (Database.Postgres) Database.postgres(postgres.getJdbcUrl("postgres", "hubd"),
          Optional.of("postgres"), Optional.empty());
      pair = new DemoHaPair(postgres, database, settings, hubKey, out, config, hub);
      pair.launch("a");
      pair.awaitServing("a");
      pair.launch("b");
      console.printf("HA pair on %s: a is the active, b the standby (lease %d s)%n", database.describe(),
          config.ha().lease().toSeconds());
      pair.store = Store.openReadOnly(database);
      pair.access = ChainAccess.open(config.chain(), Clock.systemUTC(), new SimpleMeterRegistry());
      return pair;
    } catch (SQLException e) {
      throw new IOException("cannot prepare the demo database: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      if (pair != null) {
        pair.close();
      } else {
        postgres.close();
      }
      throw e;
    }
  }

  private void launch(String name) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run"));
    Map<String, String> mine = new HashMap<>(settings);
    mine.put("store.url", database.url());
    mine.put("store.user", database.user().orElseThrow());
    mine.put("store.dataDir", out.resolve("data-" + name).toString());
    mine.put("ha.enabled", "true");
    mine.put("ha.instanceId", name);
    mine.forEach((k, v) -> command.addAll(List.of("--set", k + "=" + v)));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(out.resolve("hubd-" + name + ".log").toFile()));
    builder.environment().keySet().removeIf(k -> k.startsWith("HUBD_"));
    builder.environment().put("HUBD_HUB_PRIVATE_KEY", hubKey);
    try {
      instances.put(name, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start hubd " + name + ": " + e.getMessage(), e);
    }
  }

  private void awaitServing(String name) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!lease().map(l -> l.holder().equals(name) && servingAt(l.epoch()).isPresent()).orElse(false)) {
      if (!instances.get(name).isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("hubd " + name + " did not start serving; see " + out.resolve("hubd-" + name
            + ".log"));
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
  }

  private Optional<Lease> lease() {
    return watch.lease();
  }

  private OptionalLong servingAt(long epoch) {
    return watch.servingAt(epoch);
  }

  private String active() {
    lease().ifPresent(l -> lastAddress = l.address());
    return lastAddress;
  }

  @Override
  public boolean caughtUp() {
    HttpRequest ready = HttpRequest.newBuilder(URI.create(active() + "/ready")).timeout(Duration.ofSeconds(5)).build();
    try {
      return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public long lastBatchNonce() {
    return Mirror.viewOf(store, hub).lastBatchNonce().orElse(0);
  }

  @Override
  public int openDisputes() {
    return Mirror.viewOf(store, hub).openDisputes().size();
  }

  @Override
  public Eip712Domain domain() {
    return Eip712Domain.depository(config.chain().chainId(), config.chain().depository());
  }

  @Override
  public Optional<Job> job(String publicId) {
    return new JobStore(store).byPublicId(publicId);
  }

  @Override
  public Map<JobState, Long> jobsByState() {
    return new JobStore(store).countByState();
  }

  @Override
  public Optional<DriftReport> reconcile() {
    return new Reconciler(access.chain(), store, MirrorSettings.of(config.chain(), hub), new SimpleMeterRegistry())
        .reconcile();
  }

  @Override
  public HubdClient client() {
    return new HubdClient(this::active, config.http().adminToken().orElseThrow());
  }

  @Override
  public Store store() {
    return store;
  }

  @Override
  public void midRun(PrintStream console) {
    Lease lease = lease().orElseThrow();
    killed = lease.holder();
    epochBeforeKill = lease.epoch();
    Process process = instances.get(killed);
    process.destroyForcibly(); // SIGKILL: no shutdown hook, the lease is not given up
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    killedAt = System.currentTimeMillis();
    console.printf("  killed the active %s (kill -9); its standby takes over when the lease runs out%n", killed);
    Thread supervisor = new Thread(() -> { // the supervisor's part: once the standby serves, the killed one returns
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (lease().map(l -> l.epoch() == epochBeforeKill || servingAt(l.epoch()).isEmpty()).orElse(true)
          && System.nanoTime() < deadline) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
      }
      synchronized (instances) {
        launch(killed);
      }
    }, "demo-supervisor");
    supervisor.setDaemon(true);
    supervisor.start();
  }

  @Override
  public List<String[]> extraRows() {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"HA lease (renewed every " + config.ha().renewInterval().toMillis() + " ms)",
        config.ha().lease().toSeconds() + " s"});
    OptionalLong served = watch.servingAfter(epochBeforeKill);
    rows.add(new String[] {"takeover time (kill -9 of the active → standby serving)", killed == null ? "-"
        : served.isPresent() ? (served.getAsLong() - killedAt) + " ms" : "no takeover"});
    Map<String, Long> perInstance = watch.query("SELECT t.holder, count(*) FROM jobs j JOIN ha_takeover t"
        + " ON j.completed_at >= t.acquired_at AND j.completed_at < coalesce((SELECT min(n.acquired_at)"
        + " FROM ha_takeover n WHERE n.epoch > t.epoch), 9223372036854775807) WHERE j.state = 'CONFIRMED'"
        + " GROUP BY t.holder ORDER BY t.holder", rs -> {
          Map<String, Long> m = new LinkedHashMap<>();
          while (rs.next()) {
            m.put(rs.getString(1), rs.getLong(2));
          }
          return m;
        }, Map.of());
    rows.add(new String[] {"jobs completed per instance (by lease holder)", perInstance.toString()});
    return rows;
  }

  @Override
  public void close() {
    List<Process> all;
    synchronized (instances) {
      all = List.copyOf(instances.values());
    }
    all.forEach(Process::destroy); // SIGTERM: a clean stop
    for (Process p : all) {
      try {
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (store != null) {
      store.close();
    }
    if (access != null) {
      access.close();
    }
    try {
      postgres.close();
    } catch (IOException e) {
      // the demo ends anyway
    }
  }
}
