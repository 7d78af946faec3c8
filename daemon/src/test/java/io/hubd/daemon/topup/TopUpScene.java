package io.hubd.daemon.topup;

import io.hubd.chainsim.DeployedSuite;
import io.hubd.contracts.FaucetCalls;
import io.hubd.daemon.app.HubdRuntime;
import io.hubd.daemon.testkit.TestChain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;

/**
 * What the top-up integration tests share: daemon settings with small TUSD reserve levels (TETH's left at zero, so
 * only TUSD is topped up), the faucet contract allowed and a fast monitor; the faucet contract driven by its owner;
 * and the daemon's own {@code /metrics}.
 */
final class TopUpScene {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private TopUpScene() {}

  /** TUSD kept between {@code minWhole} and {@code targetWhole} tokens, refilled from the faucet if need be. */
  static Map<String, String> settings(DeployedSuite.DeployedToken usd, long minWhole, long targetWhole) {
    return Map.of(
        "tokens.1.minReserve", usd.units(minWhole).toString(),
        "tokens.1.targetReserve", usd.units(targetWhole).toString(),
        "tokens.2.minReserve", "0",
        "tokens.2.targetReserve", "0",
        "topup.useFaucet", "true",
        "topup.interval", "200ms");
  }

  /** The faucet's owner sets {@code token}'s per-drip cap and cooldown. */
  static void configureFaucet(TestChain chain, DeployedSuite.DeployedToken token, BigInteger cap, long cooldown) {
    chain.local().client().send(chain.local().account(0), chain.suite().faucet(),
        FaucetCalls.configure(token.address(), cap, cooldown, true));
  }

  /** Anyone may ask the faucet to drip to anyone: this starts {@code to}'s cooldown. */
  static void drip(TestChain chain, DeployedSuite.DeployedToken token, String to, BigInteger amount) {
    chain.local().client().send(chain.local().account(0), chain.suite().faucet(),
        FaucetCalls.drip(token.address(), to, amount));
  }

  static BigInteger faucetHolds(TestChain chain, DeployedSuite.DeployedToken token) {
    return chain.local().client().call(chain.suite().faucet(), FaucetCalls.available(token.address()));
  }

  /** The value of the first sample of {@code name} whose labels include all of {@code labels}; NaN when none. */
  static double metric(HubdRuntime daemon, String name, String... labels) {
    String scrape = scrape(daemon);
    return scrape.lines()
        .filter(l -> l.startsWith(name + "{") && Arrays.stream(labels).allMatch(l::contains))
        .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst().orElse(Double.NaN);
  }

  private static String scrape(HubdRuntime daemon) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.httpPort() + "/metrics")).GET().build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while scraping /metrics", e);
    }
  }
}
