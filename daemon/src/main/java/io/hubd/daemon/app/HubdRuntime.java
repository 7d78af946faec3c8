package io.hubd.daemon.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.hubd.contracts.DepositoryCalls;
import io.hubd.daemon.api.ApiServer;
import io.hubd.daemon.api.Readiness;
import io.hubd.daemon.chain.Chain;
import io.hubd.daemon.chain.ChainException;
import io.hubd.daemon.chain.FailoverTransport;
import io.hubd.daemon.chain.RpcPolicies;
import io.hubd.daemon.chain.Web3jChain;
import io.hubd.daemon.config.ConfigException;
import io.hubd.daemon.config.HubKeyLoader;
import io.hubd.daemon.config.HubdConfig;
import io.hubd.daemon.config.Redaction;
import io.hubd.daemon.metrics.Metrics;
import io.hubd.daemon.store.Store;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;

/**
 * The composition root: builds every long-lived object (HTTP client, the one Web3j, Resilience4j policies, store,
 * metrics, API server), checks the chain before anything runs, and closes it all in reverse order. No other class
 * builds these.
 */
public final class HubdRuntime implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HubdRuntime.class);

  private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
  private final HubdConfig config;
  private Chain chain;
  private Store store;
  private ApiServer api;
  private Credentials hubKey;

  private HubdRuntime(HubdConfig config) {
    this.config = config;
  }

  /** Builds and starts everything; on failure closes what was built and rethrows. */
  public static HubdRuntime start(HubdConfig config, Map<String, String> environment) {
    HubdRuntime runtime = new HubdRuntime(config);
    try {
      runtime.build(environment);
      return runtime;
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
  }

  private void build(Map<String, String> environment) {
    Clock clock = Clock.systemUTC();
    hubKey = new HubKeyLoader(environment).load(config.hub());
    PrometheusMeterRegistry meters = Metrics.prometheus();
    closeables.push(meters::close);

    OkHttpClient http =
        new OkHttpClient.Builder()
            .connectTimeout(config.chain().rpcTimeout())
            .readTimeout(config.chain().rpcTimeout())
            .callTimeout(config.chain().rpcTimeout().multipliedBy(2))
            .build();
    closeables.push(() -> {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    });
    FailoverTransport transport =
        FailoverTransport.create(
            config.chain().rpcUrls(), http,
            CircuitBreakerRegistry.of(RpcPolicies.breaker(config.chain().pollInterval().multipliedBy(20))), meters);
    Web3j web3j = Web3j.build(transport);
    closeables.push(web3j::shutdown);
    Retry retry = Retry.of("rpc", RpcPolicies.retry(config.chain().rpcAttempts(), config.chain().pollInterval()));
    chain =
        new Web3jChain(web3j, transport, retry, clock, config.chain().maxHeadLagBlocks(),
            config.chain().headFrozenAfter());
    checkChain();

    store = Store.open(config.store().dataDir());
    closeables.push(store);
    store.bind(config.chain().chainId(), config.chain().depository(), hubKey.getAddress());

    ObjectMapper json = new ObjectMapper().registerModule(new Jdk8Module());
    Readiness readiness = () -> new Readiness.Report(true, Map.of());
    api = ApiServer.start(config.http(), json, readiness, meters::scrape, app -> {});
    closeables.push(api);
    log.info("hubd running for hub {} on chain {} (profile {})", hubKey.getAddress(), config.chain().chainId(),
        config.profile().id());
  }

  /** Refuses to run against the wrong chain or a missing Depository. */
  private void checkChain() {
    String where = config.chain().rpcUrls().stream().map(Redaction::url).collect(Collectors.joining(", "));
    long actual;
    try {
      actual = chain.chainId();
    } catch (ChainException e) {
      throw new ConfigException("chain.rpcUrls: no node answers at " + where + " (" + e.getMessage() + ")");
    }
    if (actual != config.chain().chainId()) {
      throw new ConfigException(
          "chain.chainId: the node at " + where + " serves chain " + actual + ", configured "
              + config.chain().chainId() + "; refusing to run on the wrong chain");
    }
    try {
      chain.view(config.chain().depository(), DepositoryCalls.tokenCount());
    } catch (IllegalStateException | ChainException e) {
      throw new ConfigException(
          "chain.depository: no Depository contract at " + config.chain().depository() + " on chain " + actual);
    }
  }

  public int httpPort() {
    return api.port();
  }

  public Chain chain() {
    return chain;
  }

  public Store store() {
    return store;
  }

  @Override
  public synchronized void close() {
    while (!closeables.isEmpty()) {
      AutoCloseable c = closeables.pop();
      try {
        c.close();
      } catch (Exception e) {
        log.warn("error while closing: {}", e.toString());
      }
    }
  }
}
