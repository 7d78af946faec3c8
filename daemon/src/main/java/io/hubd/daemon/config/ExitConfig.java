package io.hubd.daemon.config;

import java.time.Duration;

/**
 * When hubd takes its collateral back from a user who stopped answering ({@code tokens.<id>.exit}; absent: never):
 * once hub free collateral above the token's reclaim threshold has waited {@code after} for the user to sign the
 * C2R hubd proposed, hubd disputes the account with the latest state the user co-signed and finalises it after the
 * challenge period, the hub's share going back to its reserve. Immutable.
 *
 * @param after how long a C2R proposal may wait unsigned before hubd disputes
 */
public record ExitConfig(Duration after) {
  public ExitConfig {
    Durations.positive(after, "tokens.<id>.exit.after");
  }
}
