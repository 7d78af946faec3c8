package io.hubd.daemon.app;

import io.hubd.daemon.config.ConfigException;
import io.hubd.daemon.config.ConfigLoader;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where the commands that call a running daemon ({@code explain}, {@code admin}, {@code tx}) find its operator API:
 * at {@code --daemon URL} with the admin token from {@code $HUBD_HTTP_ADMIN_TOKEN} (never on the command line, where
 * other users of the host could read it), or else where the configuration says ({@code http.opsPort} when set, else
 * {@code http.port}, with {@code http.adminToken}).
 */
final class DaemonOptions {
  static final String TOKEN_ENV = ConfigLoader.environmentName("http.adminToken");

  @Mixin ConfigOptions config;

  @Option(names = "--daemon", paramLabel = "URL", description = "The running daemon's operator API, e.g."
      + " http://127.0.0.1:8080 (its admin token in $HUBD_HTTP_ADMIN_TOKEN); without it, the configuration says.")
  URI daemon;

  OperatorClient client(Map<String, String> environment) {
    if (daemon == null) {
      return new OperatorClient(config.load(environment));
    }
    String scheme = daemon.getScheme() == null ? "" : daemon.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || daemon.getHost() == null) {
      throw new ConfigException("--daemon takes the daemon's http(s) URL, got '" + daemon + "'");
    }
    String token = environment.get(TOKEN_ENV);
    if (token == null || token.isBlank()) {
      throw new ConfigException("--daemon: set $" + TOKEN_ENV + " to the daemon's http.adminToken");
    }
    return new OperatorClient(daemon, token);
  }
}
