package io.hubd.daemon.app;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.hubd.contracts.DepositoryCalls;
import io.hubd.daemon.chain.Chain;
import io.hubd.daemon.chain.ChainException;
import io.hubd.daemon.chain.FailoverTransport;
import io.hubd.daemon.chain.RpcPolicies;
import io.hubd.daemon.chain.Web3jChain;
import io.hubd.daemon.config.ChainConfig;
import io.hubd.daemon.config.ConfigException;
import io.hubd.daemon.config.Redaction;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Objects;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.web3j.protocol.Web3j;

/**
 * A command's access to the node, built from {@code chain.*}: one OkHttpClient with the configured timeouts, the
 * failover transport over every RPC URL (a circuit breaker each), the one Web3j, and the {@link Chain} over them.
 * {@link #checkServes} refuses a node of another chain or without the Depository; {@link #close()} shuts them down.
 * Each command (and the runtime) builds its own; thread-safe as {@link Chain} is.
 */
final class ChainAccess implements AutoCloseable {
  private final OkHttpClient http;
  private final Web3j web3j;
  private final Chain chain;

  private ChainAccess(OkHttpClient http, Web3j web3j, Chain chain) {
    this.http = http;
    this.web3j = web3j;
    this.chain = chain;
  }

  static ChainAccess open(ChainConfig config, Clock clock, MeterRegistry meters) {
    Objects.requireNonNull(config, "config == null");
    OkHttpClient http =
        new OkHttpClient.Builder()
            .connectTimeout(config.rpcTimeout())
            .readTimeout(config.rpcTimeout())
            .callTimeout(config.rpcTimeout().multipliedBy(2))
            .build();
    FailoverTransport transport =
        FailoverTransport.create(
            config.rpcUrls(), http,
            CircuitBreakerRegistry.of(RpcPolicies.breaker(config.pollInterval().multipliedBy(20))), meters);
    Web3j web3j = Web3j.build(transport);
    Retry retry = Retry.of("rpc", RpcPolicies.retry(config.rpcAttempts(), config.pollInterval()));
    Chain chain = new Web3jChain(web3j, transport, retry, clock, config.maxHeadLagBlocks(), config.headFrozenAfter());
    return new ChainAccess(http, web3j, chain);
  }

  Chain chain() {
    return chain;
  }

  /** Refuses to run against the wrong chain or a missing Depository. */
  void checkServes(ChainConfig config) {
    String where = config.rpcUrls().stream().map(Redaction::url).collect(Collectors.joining(", "));
    long actual;
    try {
      actual = chain.chainId();
    } catch (ChainException e) {
      throw new ConfigException("chain.rpcUrls: no node answers at " + where + " (" + e.getMessage() + ")");
    }
    if (actual != config.chainId()) {
      throw new ConfigException(
          "chain.chainId: the node at " + where + " serves chain " + actual + ", configured "
              + config.chainId() + "; refusing to run on the wrong chain");
    }
    try {
      chain.view(config.depository(), DepositoryCalls.tokenCount());
    } catch (IllegalStateException | ChainException e) {
      throw new ConfigException(
          "chain.depository: no Depository contract at " + config.depository() + " on chain " + actual);
    }
  }

  @Override
  public void close() {
    web3j.shutdown();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
