package io.hubd.daemon.api;

import io.hubd.daemon.config.HttpConfig;
import io.hubd.daemon.rebalance.TokenPolicy;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the API needs besides the services: the HTTP settings (admin token, body limit), the served tokens' policies
 * and faucet caps it publishes on {@code /v1/hub}, the longest request lifetime accepted, and the {@code Retry-After}
 * of a spent budget. Immutable.
 */
public record ApiSettings(
    HttpConfig http,
    Map<Integer, TokenPolicy> policies,
    boolean faucetEnabled,
    Map<Integer, BigInteger> faucetMaxPerRequest,
    Duration maxRequestLifetime,
    Duration retryAfter) {
  public ApiSettings {
    Objects.requireNonNull(http, "http == null");
    policies = Collections.unmodifiableMap(new TreeMap<>(policies)); // /v1/hub lists tokens by id
    faucetMaxPerRequest = Map.copyOf(faucetMaxPerRequest);
    Objects.requireNonNull(maxRequestLifetime, "maxRequestLifetime == null");
    Objects.requireNonNull(retryAfter, "retryAfter == null");
  }
}
