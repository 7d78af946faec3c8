package io.hubd.daemon.api;

import static org.awaitility.Awaitility.await;

import io.hubd.chainsim.DeployedSuite;
import io.hubd.contracts.Eip712Domain;
import io.hubd.daemon.app.HubdRuntime;
import io.hubd.daemon.testkit.DaemonFixture;
import io.hubd.daemon.testkit.TestChain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * A Hardhat chain and the whole daemon on it, ready to serve, with clients of its API (anonymous and operator).
 * Closing it stops the daemon, then the chain.
 */
final class ApiDaemon implements AutoCloseable {
  static final String TOKEN = "operator-token-for-tests";

  final TestChain chain;
  final HubdRuntime daemon;
  final DeployedSuite.DeployedToken usd;
  final DeployedSuite.DeployedToken eth;
  final Eip712Domain domain;
  final ApiClient api;
  final ApiClient operator;

  private ApiDaemon(TestChain chain, HubdRuntime daemon) {
    this.chain = chain;
    this.daemon = daemon;
    this.usd = chain.suite().token("TUSD");
    this.eth = chain.suite().token("TETH");
    this.domain = daemon.services().domain();
    this.api = new ApiClient(daemon.httpPort());
    this.operator = api.operator(TOKEN);
  }

  /**
   * Starts a chain, lets {@code setUp} prepare it and name the daemon's settings, starts the daemon (operator token
   * {@link #TOKEN}) and waits until {@code /ready} says so.
   */
  static ApiDaemon start(Path dataDir, Function<TestChain, Map<String, String>> setUp) {
    TestChain chain = TestChain.start();
    try {
      HubdRuntime daemon = DaemonFixture.start(chain, dataDir, setUp.apply(chain));
      ApiDaemon node = new ApiDaemon(chain, daemon);
      await().atMost(Duration.ofSeconds(30)).until(() -> node.api.get("/ready").status() == 200);
      return node;
    } catch (RuntimeException | Error e) {
      chain.close();
      throw e;
    }
  }

  /** Job rows, whatever their state. */
  long jobCount() {
    return daemon.services().jobs().countByState().values().stream().mapToLong(Long::longValue).sum();
  }

  @Override
  public void close() {
    try {
      daemon.close();
    } finally {
      chain.close();
    }
  }
}
