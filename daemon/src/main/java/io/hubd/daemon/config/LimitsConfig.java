package io.hubd.daemon.config;

import io.hubd.daemon.limits.RateLimit;
import java.util.Objects;

/** Request rate limits (Bucket4j buckets) by key and overall, and how many keys' buckets are kept. Immutable. */
public record LimitsConfig(
    RateLimit rebalancePerCounterparty,
    RateLimit rebalanceGlobal,
    RateLimit faucetPerRecipient,
    RateLimit faucetGlobal,
    RateLimit perClient,
    int maxKeys) {
  public LimitsConfig {
    Objects.requireNonNull(rebalancePerCounterparty, "limits.rebalancePerCounterparty is required");
    Objects.requireNonNull(rebalanceGlobal, "limits.rebalanceGlobal is required");
    Objects.requireNonNull(faucetPerRecipient, "limits.faucetPerRecipient is required");
    Objects.requireNonNull(faucetGlobal, "limits.faucetGlobal is required");
    Objects.requireNonNull(perClient, "limits.perClient is required");
    if (maxKeys < 1) {
      throw new IllegalArgumentException("limits.maxKeys must be at least 1");
    }
  }
}
