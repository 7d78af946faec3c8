package io.hubd.daemon.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the hub's signing key comes from: a web3j (V3) keystore file whose password is read from the environment
 * variable {@code passwordEnv}, or, in the local profile only, a raw private key (normally passed as
 * {@code HUBD_HUB_PRIVATE_KEY}). Immutable. {@link #toString()} never shows the key.
 */
public record KeyConfig(Optional<Path> keystore, String passwordEnv, Optional<String> privateKey) {
  public KeyConfig {
    keystore = keystore == null ? Optional.empty() : keystore;
    privateKey = privateKey == null ? Optional.empty() : privateKey.filter(k -> !k.isBlank());
    if (passwordEnv == null || passwordEnv.isBlank()) {
      passwordEnv = "HUBD_KEYSTORE_PASSWORD";
    }
    if (keystore.isEmpty() && privateKey.isEmpty()) {
      throw new IllegalArgumentException(
          "hub.keystore is required (a web3j keystore file, with its password in $" + passwordEnv + ")");
    }
    if (keystore.isPresent() && privateKey.isPresent()) {
      throw new IllegalArgumentException("set either hub.keystore or hub.privateKey, not both");
    }
  }

  @Override
  public String toString() {
    return "KeyConfig[keystore=" + keystore + ", passwordEnv=" + passwordEnv + ", privateKey="
        + (privateKey.isPresent() ? "<set>" : "<unset>") + "]";
  }
}
