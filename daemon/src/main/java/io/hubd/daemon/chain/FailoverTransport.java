package io.hubd.daemon.chain;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Service;

/**
 * The web3j transport behind hubd's single {@code Web3j}: posts each JSON-RPC payload to the first endpoint that is
 * fresh and whose circuit is closed, falling over to the next on a transport failure (connection error, timeout,
 * HTTP status other than 2xx). JSON-RPC errors are answers, not failures, and are passed back. Thread-safe.
 */
public final class FailoverTransport extends Service {
  private static final Logger log = LoggerFactory.getLogger(FailoverTransport.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final OkHttpClient http;
  private final List<Endpoint> endpoints;
  private final MeterRegistry meters;
  /** The endpoint every call of the current thread goes to, while {@link #pinned} runs; null otherwise. */
  private final ThreadLocal<Endpoint> pin = new ThreadLocal<>();

  /** One endpoint per URL, each with its own circuit breaker from {@code breakers}, named after its label. */
  public static FailoverTransport create(
      List<java.net.URI> urls, OkHttpClient http, CircuitBreakerRegistry breakers, MeterRegistry meters) {
    List<Endpoint> endpoints = new ArrayList<>();
    for (int i = 0; i < urls.size(); i++) {
      java.net.URI url = urls.get(i);
      endpoints.add(new Endpoint(url, breakers.circuitBreaker("rpc-" + i + "-" + Endpoint.label(url))));
    }
    return new FailoverTransport(http, endpoints, meters);
  }

  FailoverTransport(OkHttpClient http, List<Endpoint> endpoints, MeterRegistry meters) {
    super(false);
    this.http = Objects.requireNonNull(http, "http == null");
    this.endpoints = List.copyOf(endpoints);
    this.meters = Objects.requireNonNull(meters, "meters == null");
    if (this.endpoints.isEmpty()) {
      throw new IllegalArgumentException("at least one RPC endpoint is needed");
    }
    for (Endpoint endpoint : this.endpoints) {
      meters.counter("hubd_rpc_errors_total", "endpoint", endpoint.label()); // scraped as 0 before the first error
    }
  }

  List<Endpoint> endpoints() {
    return endpoints;
  }

  /** Fresh endpoints first, in configured order; stale ones after them as a last resort. */
  List<Endpoint> candidates() {
    List<Endpoint> ordered = new ArrayList<>(endpoints);
    ordered.sort(Comparator.comparing(Endpoint::isStale)); // stable: keeps configured order within each group
    return ordered;
  }

  /**
   * Runs {@code calls} with every request of this thread sent to {@code endpoint} only (no failover), so that the
   * answers it combines come from one node. Nested calls keep the outer pin.
   */
  <T> T pinned(Endpoint endpoint, java.util.function.Supplier<T> calls) {
    if (pin.get() != null) {
      return calls.get();
    }
    pin.set(Objects.requireNonNull(endpoint, "endpoint == null"));
    try {
      return calls.get();
    } finally {
      pin.remove();
    }
  }

  @Override
  protected InputStream performIO(String payload) throws IOException {
    Endpoint pinnedTo = pin.get();
    if (pinnedTo != null) {
      return new ByteArrayInputStream(post(pinnedTo, payload));
    }
    IOException last = null;
    for (Endpoint endpoint : candidates()) {
      if (!endpoint.breaker().tryAcquirePermission()) {
        continue;
      }
      try {
        return new ByteArrayInputStream(post(endpoint, payload));
      } catch (IOException e) {
        last = e;
        log.debug("RPC call to {} failed: {}", endpoint.label(), e.toString());
      }
    }
    throw new IOException("no RPC endpoint answered", last);
  }

  /** Posts to one endpoint, recording the outcome in its circuit breaker and metrics. */
  byte[] post(Endpoint endpoint, String payload) throws IOException {
    long start = System.nanoTime();
    Request request =
        new Request.Builder().url(endpoint.url().toString()).post(RequestBody.create(payload, JSON)).build();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody body = response.body();
      if (!response.isSuccessful() || body == null) {
        throw new IOException("HTTP " + response.code() + " from " + endpoint.label());
      }
      byte[] bytes = body.bytes();
      endpoint.breaker().onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      meters.counter("hubd_rpc_requests_total", "endpoint", endpoint.label(), "outcome", "ok").increment();
      return bytes;
    } catch (IOException e) {
      endpoint.breaker().onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
      meters.counter("hubd_rpc_requests_total", "endpoint", endpoint.label(), "outcome", "error").increment();
      meters.counter("hubd_rpc_errors_total", "endpoint", endpoint.label()).increment();
      throw e;
    }
  }

  @Override
  public void close() {
    // the OkHttpClient belongs to the composition root, which closes it
  }
}
