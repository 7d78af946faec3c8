package io.hubd.daemon.topup;

import io.hubd.chainsim.DeployedSuite;
import io.hubd.contracts.FaucetCalls;
import io.hubd.daemon.app.HubdRuntime;
import io.hubd.daemon.testkit.OpsClient;
import io.hubd.daemon.testkit.TestChain;
import java.math.BigInteger;
import java.util.Map;

/**
 * What the top-up integration tests share: daemon settings with small TUSD reserve levels (TETH's left at zero, so
 * only TUSD is topped up), the faucet contract allowed and a fast monitor; the faucet contract driven by its owner;
 * and the daemon's own {@code /metrics}.
 */
final class TopUpScene {

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
    return OpsClient.sample(new OpsClient(daemon.httpPort()).scrape(), name, labels).orElse(Double.NaN);
  }

}
