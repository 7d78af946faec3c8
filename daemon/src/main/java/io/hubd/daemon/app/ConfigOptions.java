package io.hubd.daemon.app;

import io.hubd.daemon.config.ConfigException;
import io.hubd.daemon.config.ConfigLoader;
import io.hubd.daemon.config.HubdConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every command that reads the configuration shares. */
final class ConfigOptions {
  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "YAML configuration file.")
  Path file;

  @Option(names = "--profile", paramLabel = "NAME", description = "local, testnet or mainnet (overrides the file).")
  String profile;

  @Option(names = "--rpc", paramLabel = "URL", split = ",", description = "RPC URLs (override chain.rpcUrls).")
  List<String> rpcUrls;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (overrides store.dataDir).")
  Path dataDir;

  @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override any setting, e.g. --set chain.confirmations=2")
  List<String> settings;

  HubdConfig load(Map<String, String> environment) {
    return new ConfigLoader(environment).load(Optional.ofNullable(file), overrides());
  }

  Map<String, String> overrides() {
    Map<String, String> out = new LinkedHashMap<>();
    if (settings != null) {
      for (String s : settings) {
        int eq = s.indexOf('=');
        if (eq <= 0) {
          throw new ConfigException("--set takes PATH=VALUE, got '" + s + "'");
        }
        out.put(s.substring(0, eq).trim(), s.substring(eq + 1).trim());
      }
    }
    if (profile != null) {
      out.put("profile", profile);
    }
    if (rpcUrls != null) {
      out.put("chain.rpcUrls", String.join(",", rpcUrls));
    }
    if (dataDir != null) {
      out.put("store.dataDir", dataDir.toString());
    }
    return out;
  }
}
