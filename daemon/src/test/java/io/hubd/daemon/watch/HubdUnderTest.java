package io.hubd.daemon.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hubd.chainsim.sim.HubdClient;
import io.hubd.daemon.testkit.DaemonFixture;
import io.hubd.daemon.testkit.DaemonProcess;
import io.hubd.daemon.testkit.OpsClient;
import io.hubd.daemon.testkit.TestChain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The real daemon ({@code hubd run} in a child JVM, the local profile) on a {@link TestChain}: one data directory and
 * one HTTP port (free when chosen) kept across its launches, so that a test can stop it, kill it and start it again
 * as an operator would. Not thread-safe. Closing kills it if it runs.
 */
final class HubdUnderTest implements AutoCloseable {
  static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final String ADMIN_TOKEN = "operator-token-for-tests";

  private final TestChain chain;
  private final Path dir;
  private final Map<String, String> settings;
  private final int port;
  private Optional<DaemonProcess> process = Optional.empty();
  private int launches;

  HubdUnderTest(TestChain chain, Path dir, Map<String, String> extra) {
    this.chain = Objects.requireNonNull(chain, "chain == null");
    this.dir = Objects.requireNonNull(dir, "dir == null");
    this.port = freePort();
    Map<String, String> s = new HashMap<>(extra);
    s.put("http.port", Integer.toString(port));
    s.put("http.adminToken", ADMIN_TOKEN);
    this.settings = DaemonFixture.settings(chain, dir.resolve("data"), s);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Launches the daemon and waits until {@code /ready} answers 200. */
  void start() {
    if (process.isPresent() && process.get().isAlive()) {
      throw new IllegalStateException("the daemon runs already");
    }
    Path config = DaemonFixture.writeConfig(dir.resolve("hubd.yml"), settings);
    DaemonProcess launched = DaemonProcess.launch(config,
        Map.of("HUBD_HUB_PRIVATE_KEY", DaemonFixture.hubPrivateKey(chain)), dir.resolve("hubd-" + ++launches + ".log"));
    process = Optional.of(launched);
    OpsClient ops = ops();
    await().atMost(PATIENCE).ignoreException(UncheckedIOException.class).until(() -> {
      assertThat(launched.isAlive()).as(launched::output).isTrue();
      return ops.get("/ready").statusCode() == 200;
    });
  }

  /** Kills the daemon outright, as {@code kill -9} does. */
  void kill() {
    running().kill(PATIENCE);
  }

  /** Stops the daemon with SIGTERM; it closes cleanly. */
  void stop() {
    running().terminate(PATIENCE);
  }

  HubdClient client() {
    return new HubdClient("http://127.0.0.1:" + port, ADMIN_TOKEN);
  }

  OpsClient ops() {
    return new OpsClient(port);
  }

  /** What the current launch has written so far. */
  String output() {
    return process.map(DaemonProcess::output).orElse("");
  }

  private DaemonProcess running() {
    return process.filter(DaemonProcess::isAlive).orElseThrow(() -> new IllegalStateException("not running"));
  }

  @Override
  public void close() {
    process.ifPresent(DaemonProcess::close);
  }
}
