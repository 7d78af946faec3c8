package io.hubd.daemon.config;

import java.time.Duration;

/**
 * Reserve top-up: how often reserves are checked, whether the faucet contract may refill the hub wallet, and the
 * cold address an operator may sweep reserve above target to ({@code hubd admin sweep --to cold}; null: none).
 */
public record TopUpConfig(Duration interval, boolean useFaucet, String faucetContract, String coldAddress) {
  public TopUpConfig(Duration interval, boolean useFaucet, String faucetContract) {
    this(interval, useFaucet, faucetContract, null);
  }

  public TopUpConfig {
    if (coldAddress != null && !coldAddress.isBlank() && !coldAddress.matches("0x[0-9a-fA-F]{40}")) {
      throw new IllegalArgumentException("topup.coldAddress must be a 0x-prefixed 20-byte address");
    }
    coldAddress = coldAddress == null || coldAddress.isBlank() ? null : coldAddress.toLowerCase();
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
