package io.hubd.daemon.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.web3j.crypto.exception.CipherException;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;

/**
 * Loads the hub's signing key as {@link KeyConfig} says: from a web3j keystore file with the password in an
 * environment variable, or (local profile) from a raw private key. Every failure is a {@link ConfigException}
 * an operator can act on; no message ever contains the key or the password.
 */
public final class HubKeyLoader {
  private final Map<String, String> environment;

  public HubKeyLoader(Map<String, String> environment) {
    this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment == null"));
  }

  public Credentials load(KeyConfig config) {
    if (config.privateKey().isPresent()) {
      return fromRawKey(config.privateKey().get());
    }
    Path file = config.keystore().orElseThrow();
    if (!Files.exists(file)) {
      throw new ConfigException("hub.keystore: " + file + " does not exist");
    }
    if (!Files.isReadable(file) || Files.isDirectory(file)) {
      throw new ConfigException("hub.keystore: " + file + " is not a readable file");
    }
    String password = environment.get(config.passwordEnv());
    if (password == null) {
      throw new ConfigException(
          "hub.keystore: set $" + config.passwordEnv() + " to the password of " + file.getFileName());
    }
    try {
      return WalletUtils.loadCredentials(password, file.toFile());
    } catch (CipherException e) {
      throw new ConfigException(
          "hub.keystore: the password in $" + config.passwordEnv() + " does not open " + file.getFileName());
    } catch (IOException | RuntimeException e) {
      throw new ConfigException(
          "hub.keystore: " + file + " is not a web3j/Ethereum V3 keystore (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static Credentials fromRawKey(String key) {
    String hex = key.startsWith("0x") || key.startsWith("0X") ? key.substring(2) : key;
    if (!hex.matches("[0-9a-fA-F]{64}")) {
      throw new ConfigException("hub.privateKey must be 32 bytes of hex (64 hex digits)");
    }
    return Credentials.create(hex);
  }
}
