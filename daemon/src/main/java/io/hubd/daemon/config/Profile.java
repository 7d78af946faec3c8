package io.hubd.daemon.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/** Where hubd runs; each profile brings its own defaults and its own rules. */
public enum Profile {
  /** A Hardhat node on this machine: no confirmations, a raw dev key allowed, the faucet on. */
  LOCAL,
  /** A public test network: a few confirmations, keystore keys, the faucet allowed. */
  TESTNET,
  /** Real money: many confirmations, keystore keys only, no faucet. */
  MAINNET;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Profile parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("profile must be local, testnet or mainnet, not '" + value + "'");
    }
  }
}
