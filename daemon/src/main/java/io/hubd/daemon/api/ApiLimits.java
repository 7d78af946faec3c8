package io.hubd.daemon.api;

import io.hubd.daemon.limits.KeyedRateLimiter;
import java.util.Objects;

/**
 * The API's rate limiters, built by the composition root: rebalance requests by claimed counterparty under a global
 * bucket, faucet requests by recipient under a global bucket, and every API request by client address.
 */
public record ApiLimits(KeyedRateLimiter rebalance, KeyedRateLimiter faucet, KeyedRateLimiter clients) {
  public ApiLimits {
    Objects.requireNonNull(rebalance, "rebalance == null");
    Objects.requireNonNull(faucet, "faucet == null");
    Objects.requireNonNull(clients, "clients == null");
  }
}
