package io.hubd.daemon.config;

import java.time.Duration;

/** Reserve top-up: how often reserves are checked, and whether the faucet contract may refill the hub wallet. */
public record TopUpConfig(Duration interval, boolean useFaucet, String faucetContract) {
  public TopUpConfig {
    Durations.positive(interval, "topup.interval");
    if (faucetContract != null && !faucetContract.isBlank() && !faucetContract.matches("0x[0-9a-fA-F]{40}")) {
      throw new IllegalArgumentException("topup.faucetContract must be a 0x-prefixed 20-byte address");
    }
    faucetContract = faucetContract == null || faucetContract.isBlank() ? null : faucetContract.toLowerCase();
    if (useFaucet && faucetContract == null) {
      throw new IllegalArgumentException("topup.useFaucet needs topup.faucetContract");
    }
  }
}
