package io.hubd.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletUtils;

class HubKeyLoaderTest {
  @TempDir Path dir;

  private Path keystore(String password, ECKeyPair key) throws Exception {
    String name = WalletUtils.generateWalletFile(password, key, dir.toFile(), false);
    return dir.resolve(name);
  }

  private static KeyConfig keystoreConfig(Path file) {
    return new KeyConfig(Optional.of(file), "PW", Optional.empty());
  }

  @Test
  void opensAKeystoreWithThePasswordFromTheEnvironment() throws Exception {
    ECKeyPair key = Keys.createEcKeyPair();
    Path file = keystore("s3cret", key);
    Credentials loaded = new HubKeyLoader(Map.of("PW", "s3cret")).load(keystoreConfig(file));
    assertThat(loaded.getEcKeyPair().getPrivateKey()).isEqualTo(key.getPrivateKey());
  }

  @Test
  void wrongPasswordIsReportedWithoutThePassword() throws Exception {
    Path file = keystore("s3cret", Keys.createEcKeyPair());
    assertThatThrownBy(() -> new HubKeyLoader(Map.of("PW", "guess")).load(keystoreConfig(file)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("does not open")
        .hasMessageNotContaining("guess");
  }

  @Test
  void missingPasswordVariableIsNamed() throws Exception {
    Path file = keystore("s3cret", Keys.createEcKeyPair());
    assertThatThrownBy(() -> new HubKeyLoader(Map.of()).load(keystoreConfig(file)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("set $PW");
  }

  @Test
  void missingKeystoreFileIsReported() {
    assertThatThrownBy(() -> new HubKeyLoader(Map.of("PW", "x")).load(keystoreConfig(dir.resolve("nope.json"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void garbageKeystoreIsReported() throws Exception {
    Path file = dir.resolve("garbage.json");
    Files.writeString(file, "{not json");
    assertThatThrownBy(() -> new HubKeyLoader(Map.of("PW", "x")).load(keystoreConfig(file)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("is not a web3j/Ethereum V3 keystore");
  }

  @Test
  void directoryInsteadOfKeystoreIsReported() {
    assertThatThrownBy(() -> new HubKeyLoader(Map.of("PW", "x")).load(keystoreConfig(dir)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("is not a readable file");
  }

  @Test
  void rawKeyMustBe32BytesOfHex() {
    KeyConfig config = new KeyConfig(Optional.empty(), null, Optional.of("0x1234"));
    assertThatThrownBy(() -> new HubKeyLoader(Map.of()).load(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("64 hex digits")
        .hasMessageNotContaining("1234");
  }
}
