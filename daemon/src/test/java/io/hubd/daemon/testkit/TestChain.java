package io.hubd.daemon.testkit;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.hubd.chainsim.DeployedSuite;
import io.hubd.chainsim.DepositoryDriver;
import io.hubd.chainsim.LocalChain;
import io.hubd.chainsim.SuiteDeployer;
import io.hubd.chainsim.SuiteSpec;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.chain.Chain;
import io.hubd.daemon.chain.FailoverTransport;
import io.hubd.daemon.chain.RpcPolicies;
import io.hubd.daemon.chain.Web3jChain;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;

/**
 * A real Hardhat chain with the contract suite deployed and a hub key funded, plus hubd's {@link Chain} pointed at
 * it: the fixture daemon integration tests share. Close it to stop the node.
 */
public final class TestChain implements AutoCloseable {
  private final LocalChain local;
  private final DeployedSuite suite;
  private final Credentials hub;
  private final OkHttpClient http;
  private final Web3j web3j;
  private final MeterRegistry meters = new SimpleMeterRegistry();
  private final Chain chain;

  private TestChain(LocalChain local) {
    this.local = local;
    this.suite = new SuiteDeployer(local.client()).deploy(local.account(0), SuiteSpec.standard());
    this.hub = local.account(1);
    this.http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();
    FailoverTransport transport =
        FailoverTransport.create(
            List.of(URI.create(local.rpcUrl())), http,
            CircuitBreakerRegistry.of(RpcPolicies.breaker(Duration.ofSeconds(5))), meters);
    this.web3j = Web3j.build(transport);
    this.chain =
        new Web3jChain(web3j, transport, Retry.of("rpc", RpcPolicies.retry(3, Duration.ofMillis(50))),
            Clock.systemUTC(), 5, Duration.ZERO);
  }

  /** Starts a node, deploys the standard suite (TUSD 6 decimals, TETH 18) and picks account 1 as the hub. */
  public static TestChain start() {
    LocalChain local = LocalChain.start();
    try {
      return new TestChain(local);
    } catch (RuntimeException e) {
      local.close();
      throw e;
    }
  }

  public LocalChain local() {
    return local;
  }

  public DeployedSuite suite() {
    return suite;
  }

  public DepositoryDriver driver() {
    return new DepositoryDriver(local.client(), suite);
  }

  public Credentials hubKey() {
    return hub;
  }

  public EntityId hub() {
    return EntityId.ofAddress(hub.getAddress());
  }

  /** hubd's chain access to this node. */
  public Chain chain() {
    return chain;
  }

  public MeterRegistry meters() {
    return meters;
  }

  /** Mints {@code whole} tokens to the hub's wallet and deposits them into its reserve. */
  public void fundHubReserve(String symbol, long whole) {
    fundReserve(hub, symbol, whole);
  }

  /** Mints {@code whole} tokens to {@code holder}'s wallet and deposits them into its reserve. */
  public void fundReserve(Credentials holder, String symbol, long whole) {
    DeployedSuite.DeployedToken token = suite.token(symbol);
    DepositoryDriver driver = driver();
    driver.mint(local.account(0), token, holder.getAddress(), token.units(whole));
    driver.deposit(holder, token, token.units(whole));
  }

  @Override
  public void close() {
    try {
      web3j.shutdown();
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    } finally {
      local.close();
    }
  }
}
