package io.hubd.daemon.testkit;

import io.hubd.chainsim.DeployedSuite;
import io.hubd.daemon.app.HubdRuntime;
import io.hubd.daemon.config.ConfigLoader;
import io.hubd.daemon.config.HubdConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the whole daemon in-process against a {@link TestChain}: the local profile's defaults (tokens 1 = TUSD,
 * 2 = TETH as the suite deploys them), the suite's addresses, the hub key, a data directory and a free HTTP port.
 * Extra settings override the defaults as {@code --set} would.
 */
public final class DaemonFixture {
  private DaemonFixture() {}

  public static HubdConfig config(TestChain chain, Path dataDir, Map<String, String> extra) {
    DeployedSuite suite = chain.suite();
    Map<String, String> settings = new HashMap<>();
    settings.put("profile", "local");
    settings.put("chain.rpcUrls", chain.local().rpcUrl());
    settings.put("chain.chainId", Long.toString(chain.local().chainId()));
    settings.put("chain.depository", suite.depository());
    settings.put("chain.deploymentBlock", Long.toString(suite.deploymentBlock()));
    settings.put("chain.pollInterval", "100ms");
    settings.put("rebalance.tickInterval", "100ms");
    settings.put("store.dataDir", dataDir.toString());
    settings.put("http.port", "0");
    settings.put("http.adminToken", "operator-token-for-tests");
    settings.put("topup.faucetContract", suite.faucet());
    settings.putAll(extra);
    Map<String, String> env = Map.of("HUBD_HUB_PRIVATE_KEY",
        chain.hubKey().getEcKeyPair().getPrivateKey().toString(16));
    return new ConfigLoader(env).load(Optional.empty(), settings);
  }

  public static HubdRuntime start(TestChain chain, Path dataDir, Map<String, String> extra) {
    return HubdRuntime.start(config(chain, dataDir, extra), Map.of());
  }
}
