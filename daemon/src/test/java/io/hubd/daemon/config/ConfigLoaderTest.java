package io.hubd.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static final String DEPOSITORY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
  private static final String DEV_KEY = "ab".repeat(32);

  @TempDir Path dir;

  private Path file(String yaml) throws IOException {
    Path f = dir.resolve("hubd.yml");
    Files.writeString(f, yaml);
    return f;
  }

  private static HubdConfig load(Map<String, String> env, Optional<Path> file, Map<String, String> overrides) {
    return new ConfigLoader(env).load(file, overrides);
  }

  private static Map<String, String> minimalEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("HUBD_CHAIN_RPC_URLS", "http://127.0.0.1:8545");
    env.put("HUBD_CHAIN_DEPOSITORY", DEPOSITORY);
    env.put("HUBD_HUB_PRIVATE_KEY", DEV_KEY);
    return env;
  }

  @Test
  void trustedProxiesAndTheOpsListenerAreOffByDefault() {
    HttpConfig http = load(minimalEnv(), Optional.empty(), Map.of()).http();
    assertThat(http.trustedProxies()).isEmpty();
    assertThat(http.opsPort()).isEmpty();
  }

  @Test
  void trustedProxiesAndTheOpsListenerComeFromTheEnvironment() {
    Map<String, String> env = minimalEnv();
    env.put("HUBD_HTTP_TRUSTED_PROXIES", "10.0.0.0/8, 192.0.2.7,fd00::/8");
    env.put("HUBD_HTTP_OPS_PORT", "9090");
    HttpConfig http = load(env, Optional.empty(), Map.of()).http();
    assertThat(http.trustedProxies()).containsExactly(IpRange.parse("10.0.0.0/8"), IpRange.parse("192.0.2.7/32"),
        IpRange.parse("fd00::/8"));
    assertThat(http.opsPort()).contains(9090);
    assertThat(http.opsHost()).isEqualTo("127.0.0.1");
  }

  @Test
  void aTrustedProxyThatIsNotAnAddressIsNamed() {
    assertThatThrownBy(() -> load(minimalEnv(), Optional.empty(), Map.of("http.trustedProxies", "proxy.internal")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.trustedProxies")
        .hasMessageContaining("'proxy.internal' is not an IP address or a CIDR block");
  }

  @Test
  void theOpsListenerNeedsItsOwnPort() {
    assertThatThrownBy(() -> load(minimalEnv(), Optional.empty(), Map.of("http.port", "8080", "http.opsPort",
        "8080"))).isInstanceOf(ConfigException.class).hasMessageContaining("http.opsPort must differ from http.port");
  }

  @Test
  void localProfileDefaultsApplyWithoutAFile() {
    HubdConfig config = load(minimalEnv(), Optional.empty(), Map.of());
    assertThat(config.profile()).isEqualTo(Profile.LOCAL);
    assertThat(config.chain().chainId()).isEqualTo(31337);
    assertThat(config.chain().confirmations()).isZero();
    assertThat(config.chain().pollInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.chain().depository()).isEqualTo(DEPOSITORY.toLowerCase());
    assertThat(config.submit().maxFeePerGasCap()).isEqualTo(new BigInteger("500000000000"));
  }

  @Test
  void environmentOverridesTheFileAndFlagsOverrideTheEnvironment() throws IOException {
    Path f = file("""
        chain:
          rpcUrls: [http://file-node:8545]
          confirmations: 1
          depository: "%s"
        hub:
          privateKey: "%s"
        """.formatted(DEPOSITORY, DEV_KEY));
    Map<String, String> env = Map.of("HUBD_CHAIN_CONFIRMATIONS", "2",
        "HUBD_CHAIN_RPC_URLS", "http://a:1, http://b:2");
    HubdConfig fromEnv = load(env, Optional.of(f), Map.of());
    assertThat(fromEnv.chain().confirmations()).isEqualTo(2);
    assertThat(fromEnv.chain().rpcUrls()).containsExactly(URI.create("http://a:1"), URI.create("http://b:2"));
    HubdConfig fromFlag = load(env, Optional.of(f), Map.of("chain.confirmations", "4"));
    assertThat(fromFlag.chain().confirmations()).isEqualTo(4);
  }

  @Test
  void theLocalProfileTakesCollateralBackFromSilentUsersAndMainnetTokensDoNotUnlessTheySaySo() throws IOException {
    HubdConfig local = load(minimalEnv(), Optional.empty(), Map.of());
    assertThat(local.tokens().get(1).exit()).isEqualTo(new ExitConfig(Duration.ofMinutes(10)));
    assertThat(local.tokens().get(2).exit()).isNotNull();
    assertThat(local.watch().interval()).isEqualTo(Duration.ofMillis(250));

    Path f = file("""
        tokens:
          "7":
            symbol: XUSD
            softLimit: "1"
            hardLimit: "10"
            target: "0"
            reclaimThreshold: "5"
            maxPerTick: 8
            strategy: time
            feeBase: "0"
            feeBps: 0
            gasPerOperation: 30000
            tokenUnitsPerGas: "0"
            minReserve: "0"
            targetReserve: "0"
            r2cBudget: "0"
            topUpBudget: "0"
            faucetMaxPerRequest: "0"
            faucetBudget: "0"
        """);
    Map<String, String> env = minimalEnv();
    env.remove("HUBD_HUB_PRIVATE_KEY");
    env.put("HUBD_HUB_KEYSTORE", "/etc/hubd/key.json");
    HubdConfig mainnet = load(env, Optional.of(f), Map.of("profile", "mainnet", "chain.chainId", "1"));
    assertThat(mainnet.tokens().get(7).exit()).isNull();
    assertThat(mainnet.watch().interval()).isEqualTo(Duration.ofSeconds(1));
    HubdConfig withExit = load(env, Optional.of(f), Map.of("profile", "mainnet", "chain.chainId", "1",
        "tokens.7.exit.after", "48h"));
    assertThat(withExit.tokens().get(7).exit()).isEqualTo(new ExitConfig(Duration.ofHours(48)));
  }

  @Test
  void emergencyFeesHaveTheirOwnSettingsNeverBelowTheOrdinaryOnes() {
    SubmitConfig submit = load(minimalEnv(), Optional.empty(), Map.of()).submit();
    assertThat(submit.emergency().maxFeePerGasCap()).isEqualTo(new BigInteger("2000000000000"));
    assertThat(submit.emergency().bumpAfterBlocks()).isEqualTo(1);

    assertThatThrownBy(() -> load(minimalEnv(), Optional.empty(),
        Map.of("submit.emergency.maxFeePerGasCap", "100000000000")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("submit.emergency.maxFeePerGasCap must not be below submit.maxFeePerGasCap");
    assertThatThrownBy(() -> load(minimalEnv(), Optional.empty(), Map.of("submit.emergency.bumpPercent", "5")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("submit.emergency.bumpPercent must be in [10, 200], got 5");
    assertThatThrownBy(() -> load(minimalEnv(), Optional.empty(), Map.of("tokens.1.exit.after", "0s")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("exit.after must be positive");
  }

  @Test
  void mainnetProfileRefusesARawKey() {
    Map<String, String> env = minimalEnv();
    env.put("HUBD_PROFILE", "mainnet");
    env.put("HUBD_CHAIN_CHAIN_ID", "1");
    assertThatThrownBy(() -> load(env, Optional.empty(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("hub.privateKey is accepted in the local profile only");
  }

  @Test
  void mainnetProfileDefaultsToTwelveConfirmations() {
    Map<String, String> env = minimalEnv();
    env.remove("HUBD_HUB_PRIVATE_KEY");
    env.put("HUBD_HUB_KEYSTORE", "/etc/hubd/key.json");
    HubdConfig config = load(env, Optional.empty(), Map.of("profile", "mainnet", "chain.chainId", "1"));
    assertThat(config.chain().confirmations()).isEqualTo(12);
    assertThat(config.hub().keystore()).contains(Path.of("/etc/hubd/key.json"));
  }

  @Test
  void missingKeyNamesTheSettingAndThePasswordVariable() {
    Map<String, String> env = minimalEnv();
    env.remove("HUBD_HUB_PRIVATE_KEY");
    assertThatThrownBy(() -> load(env, Optional.empty(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("hub.keystore is required")
        .hasMessageContaining("HUBD_KEYSTORE_PASSWORD");
  }

  @Test
  void badUrlIsRejectedWithoutLeakingItsPath() {
    Map<String, String> env = minimalEnv();
    env.put("HUBD_CHAIN_RPC_URLS", "ftp://node.example/v3/SECRETKEY");
    assertThatThrownBy(() -> load(env, Optional.empty(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("chain.rpcUrls")
        .hasMessageNotContaining("SECRETKEY");
  }

  @Test
  void unknownSettingIsNamed() throws IOException {
    Path f = file("chain:\n  rpcUrl: http://x:1\n");
    assertThatThrownBy(() -> load(minimalEnv(), Optional.of(f), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown setting chain.rpcUrl");
  }

  @Test
  void wrongTypeNamesTheSetting() {
    assertThatThrownBy(() -> load(minimalEnv(), Optional.empty(), Map.of("chain.confirmations", "many")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("confirmations");
  }

  @Test
  void invalidDurationExplainsTheFormat() {
    assertThatThrownBy(() -> load(minimalEnv(), Optional.empty(), Map.of("chain.pollInterval", "soon")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not a duration");
  }

  @Test
  void depositoryMustBeAnAddress() {
    Map<String, String> env = minimalEnv();
    env.put("HUBD_CHAIN_DEPOSITORY", "0x1234");
    assertThatThrownBy(() -> load(env, Optional.empty(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("chain.depository must be a 0x-prefixed 20-byte address");
  }

  @Test
  void unreadableFileIsReported() {
    assertThatThrownBy(() -> load(minimalEnv(), Optional.of(dir.resolve("missing.yml")), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot read configuration file");
  }

  @Test
  void environmentNamesFollowThePath() {
    assertThat(ConfigLoader.environmentName("chain.rpcUrls")).isEqualTo("HUBD_CHAIN_RPC_URLS");
    assertThat(ConfigLoader.environmentName("hub.privateKey")).isEqualTo("HUBD_HUB_PRIVATE_KEY");
    assertThat(List.of(ConfigLoader.environmentName("submit.maxFeePerGasCap")))
        .containsExactly("HUBD_SUBMIT_MAX_FEE_PER_GAS_CAP");
  }

  @Test
  void keyConfigNeverPrintsTheKey() {
    KeyConfig key = new KeyConfig(Optional.empty(), null, Optional.of(DEV_KEY));
    assertThat(key.toString()).doesNotContain(DEV_KEY).contains("<set>");
  }
}
