package io.hubd.daemon.chain;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.URI;
import java.util.Objects;

/**
 * One RPC endpoint: its URL, a label safe to log (scheme, host and port only: paths and user info often hold API
 * keys), its circuit breaker, and the last head it reported. Thread-safe.
 */
final class Endpoint {
  private final URI url;
  private final String label;
  private final CircuitBreaker breaker;
  private volatile long head = -1;
  private volatile long headChangedAtMillis;
  private volatile boolean stale;

  Endpoint(URI url, CircuitBreaker breaker) {
    this.url = Objects.requireNonNull(url, "url == null");
    this.breaker = Objects.requireNonNull(breaker, "breaker == null");
    this.label = label(url);
  }

  static String label(URI url) {
    return url.getScheme() + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
  }

  URI url() {
    return url;
  }

  String label() {
    return label;
  }

  CircuitBreaker breaker() {
    return breaker;
  }

  long head() {
    return head;
  }

  long headChangedAtMillis() {
    return headChangedAtMillis;
  }

  void observeHead(long number, long nowMillis) {
    if (number != head) {
      head = number;
      headChangedAtMillis = nowMillis;
    }
  }

  boolean isStale() {
    return stale;
  }

  void markStale(boolean value) {
    stale = value;
  }

  @Override
  public String toString() {
    return label;
  }
}
