package io.hubd.daemon.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.hubd.chainsim.LocalChain;
import io.hubd.daemon.testkit.FaultyEndpoint;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.Web3j;

class FailoverIT {
  private static LocalChain node;

  private FaultyEndpoint first;
  private FaultyEndpoint second;
  private OkHttpClient http;
  private Web3j web3j;
  private SimpleMeterRegistry meters;
  private Chain chain;

  @BeforeAll
  static void startNode() {
    node = LocalChain.start();
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @BeforeEach
  void connect() throws Exception {
    first = new FaultyEndpoint(node.rpcUrl());
    second = new FaultyEndpoint(node.rpcUrl());
    http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(2)).callTimeout(Duration.ofSeconds(4)).build();
    meters = new SimpleMeterRegistry();
    FailoverTransport transport =
        FailoverTransport.create(List.of(first.url(), second.url()), http,
            CircuitBreakerRegistry.of(RpcPolicies.breaker(Duration.ofMinutes(1))), meters);
    web3j = Web3j.build(transport);
    chain = new Web3jChain(web3j, transport, Retry.of("rpc", RpcPolicies.retry(3, Duration.ofMillis(10))),
        Clock.systemUTC(), 2, Duration.ZERO);
  }

  @AfterEach
  void disconnect() throws Exception {
    web3j.shutdown();
    http.dispatcher().executorService().shutdown();
    first.close();
    second.close();
  }

  @Test
  void usesTheFirstEndpointWhileItIsHealthy() {
    assertThat(chain.chainId()).isEqualTo(node.chainId());
    assertThat(first.received()).isEqualTo(1);
    assertThat(second.received()).isZero();
  }

  @Test
  void failsOverWhenTheFirstEndpointAnswersHttp500() {
    first.mode(FaultyEndpoint.Mode.HTTP_500);
    assertThat(chain.blockNumber()).isEqualTo(node.client().blockNumber());
    assertThat(second.received()).isEqualTo(1);
    assertThat(meters.counter("hubd_rpc_errors_total", "endpoint", Endpointish.label(first)).count()).isEqualTo(1.0);
  }

  @Test
  void failsOverWhenTheFirstEndpointTimesOut() {
    first.mode(FaultyEndpoint.Mode.NO_RESPONSE);
    assertThat(chain.chainId()).isEqualTo(node.chainId());
    assertThat(second.received()).isEqualTo(1);
  }

  @Test
  void opensTheCircuitOfAFailingEndpointAndStopsCallingIt() {
    first.mode(FaultyEndpoint.Mode.HTTP_500);
    for (int i = 0; i < 10; i++) {
      chain.blockNumber();
    }
    int seenWhileOpen = first.received();
    for (int i = 0; i < 10; i++) {
      chain.blockNumber();
    }
    assertThat(seenWhileOpen).isLessThan(10);
    assertThat(first.received()).isEqualTo(seenWhileOpen);
    assertThat(second.received()).isEqualTo(20);
  }

  @Test
  void skipsAnEndpointWhoseHeadLagsBehind() {
    node.control().mine(10);
    long head = node.client().blockNumber();
    first.staleHead(head - 5);
    chain.refreshHeads();
    assertThat(chain.blockNumber()).isEqualTo(head);
    assertThat(second.received()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void comesBackToTheFirstEndpointWhenItCatchesUp() {
    node.control().mine(10);
    long head = node.client().blockNumber();
    first.staleHead(head - 5);
    chain.refreshHeads();
    first.mode(FaultyEndpoint.Mode.HEALTHY);
    chain.refreshHeads();
    int before = second.received();
    chain.blockNumber();
    assertThat(second.received()).isEqualTo(before);
  }

  @Test
  void reportsUnavailableWhenEveryEndpointFails() {
    first.mode(FaultyEndpoint.Mode.HTTP_500);
    second.mode(FaultyEndpoint.Mode.HTTP_500);
    assertThatThrownBy(chain::blockNumber)
        .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.error()).isEqualTo(ChainError.UNAVAILABLE));
    assertThat(first.received()).isEqualTo(3);
    assertThat(second.received()).isEqualTo(3);
  }

  @Test
  void passesJsonRpcErrorsThroughWithoutFailover() {
    assertThatThrownBy(() -> chain.sendRawTransaction("0x1234"))
        .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.error()).isEqualTo(ChainError.RPC_ERROR));
    assertThat(second.received()).isZero();
  }

  /** The label an endpoint's metrics carry: scheme, host and port, never the path with its key. */
  private static final class Endpointish {
    static String label(FaultyEndpoint e) {
      String label = Endpoint.label(e.url());
      assertThat(label).doesNotContain("SECRET");
      return label;
    }
  }
}
