package io.hubd.daemon.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hubd.chainsim.DeployedSuite;
import io.hubd.daemon.app.HubdRuntime;
import io.hubd.daemon.config.ConfigLoader;
import io.hubd.daemon.config.HubdConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs the whole daemon in-process against a {@link TestChain}: the local profile's defaults (tokens 1 = TUSD,
 * 2 = TETH as the suite deploys them), the suite's addresses, the hub key, a data directory and a free HTTP port.
 * Extra settings override the defaults as {@code --set} would.
 */
public final class DaemonFixture {
  /** The operator's bearer token ({@code http.adminToken}) of every daemon this fixture configures. */
  public static final String ADMIN_TOKEN = "operator-token-for-tests";

  private DaemonFixture() {}

  /** The settings (setting path to value, as {@code --set} takes them) of a daemon on {@code chain}. */
  public static Map<String, String> settings(TestChain chain, Path dataDir, Map<String, String> extra) {
    DeployedSuite suite = chain.suite();
    Map<String, String> settings = new TreeMap<>();
    settings.put("profile", "local");
    settings.put("chain.rpcUrls", chain.local().rpcUrl());
    settings.put("chain.chainId", Long.toString(chain.local().chainId()));
    settings.put("chain.depository", suite.depository());
    settings.put("chain.deploymentBlock", Long.toString(suite.deploymentBlock()));
    settings.put("chain.pollInterval", "100ms");
    settings.put("rebalance.tickInterval", "100ms");
    settings.putAll(TestDatabases.settings(dataDir)); // store.dataDir, and store.url in the PostgreSQL run
    settings.put("http.port", "0");
    settings.put("http.adminToken", ADMIN_TOKEN);
    settings.put("topup.faucetContract", suite.faucet());
    settings.putAll(extra);
    return settings;
  }

  /** The hub key as {@code HUBD_HUB_PRIVATE_KEY} takes it. */
  public static String hubPrivateKey(TestChain chain) {
    return chain.hubKey().getEcKeyPair().getPrivateKey().toString(16);
  }

  public static HubdConfig config(TestChain chain, Path dataDir, Map<String, String> extra) {
    Map<String, String> env = Map.of("HUBD_HUB_PRIVATE_KEY", hubPrivateKey(chain));
    return new ConfigLoader(env).load(Optional.empty(), settings(chain, dataDir, extra));
  }

  /**
   * Writes {@code settings} as the YAML file {@code hubd run --config} reads: dotted paths become nested mappings,
   * {@code chain.rpcUrls} a list.
   */
  public static Path writeConfig(Path file, Map<String, String> settings) {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    ObjectNode root = yaml.createObjectNode();
    settings.forEach((path, value) -> {
      String[] parts = path.split("\\.");
      ObjectNode node = root;
      for (int i = 0; i < parts.length - 1; i++) {
        node = node.has(parts[i]) ? (ObjectNode) node.get(parts[i]) : node.putObject(parts[i]);
      }
      String leaf = parts[parts.length - 1];
      if (path.equals("chain.rpcUrls")) {
        ArrayNode urls = node.putArray(leaf);
        Arrays.stream(value.split(",")).map(String::trim).forEach(urls::add);
      } else {
        node.put(leaf, value);
      }
    });
    try {
      yaml.writeValue(file.toFile(), root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  public static HubdRuntime start(TestChain chain, Path dataDir, Map<String, String> extra) {
    return HubdRuntime.start(config(chain, dataDir, extra), Map.of());
  }
}
