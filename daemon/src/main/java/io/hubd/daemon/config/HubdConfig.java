package io.hubd.daemon.config;

import java.util.Objects;

/**
 * The whole configuration, merged from defaults, the profile, the file, the environment and flags by
 * {@link ConfigLoader}, and checked against the profile's rules. Immutable.
 */
public record HubdConfig(
    Profile profile,
    ChainConfig chain,
    KeyConfig hub,
    StoreConfig store,
    HttpConfig http,
    SubmitConfig submit,
    java.util.Map<Integer, TokenConfig> tokens,
    RebalanceConfig rebalance,
    TopUpConfig topup,
    FaucetConfig faucet,
    LimitsConfig limits,
    HaConfig ha,
    WatchConfig watch) {

  public HubdConfig {
    Objects.requireNonNull(profile, "profile is required");
    Objects.requireNonNull(chain, "chain is required");
    Objects.requireNonNull(hub, "hub is required");
    Objects.requireNonNull(store, "store is required");
    Objects.requireNonNull(http, "http is required");
    Objects.requireNonNull(submit, "submit is required");
    tokens = java.util.Map.copyOf(tokens == null ? java.util.Map.of() : tokens);
    for (Integer id : tokens.keySet()) {
      if (id <= 0) {
        throw new IllegalArgumentException("tokens: token ids are positive, got " + id);
      }
    }
    Objects.requireNonNull(rebalance, "rebalance is required");
    Objects.requireNonNull(topup, "topup is required");
    Objects.requireNonNull(faucet, "faucet is required");
    Objects.requireNonNull(limits, "limits is required");
    Objects.requireNonNull(ha, "ha is required");
    if (ha.enabled() && store.postgresUrl().isEmpty()) {
      throw new IllegalArgumentException("ha.enabled needs store.url: the instances share one PostgreSQL database");
    }
    Objects.requireNonNull(watch, "watch is required");
    if (profile == Profile.MAINNET && (faucet.enabled() || topup.useFaucet())) {
      throw new IllegalArgumentException("faucet.enabled and topup.useFaucet must be false on mainnet");
    }
    if (profile != Profile.LOCAL && hub.privateKey().isPresent()) {
      throw new IllegalArgumentException(
          "hub.privateKey is accepted in the local profile only; on " + profile.id() + " use hub.keystore");
    }
    if (profile == Profile.MAINNET && chain.confirmations() < 1) {
      throw new IllegalArgumentException("chain.confirmations must be at least 1 on mainnet");
    }
  }
}
