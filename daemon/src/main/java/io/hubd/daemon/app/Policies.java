package io.hubd.daemon.app;

import io.hubd.daemon.config.ConfigException;
import io.hubd.daemon.config.SettlementConfig;
import io.hubd.daemon.config.TokenConfig;
import io.hubd.daemon.rebalance.SettlementPolicy;
import io.hubd.daemon.rebalance.Strategy;
import io.hubd.daemon.rebalance.TokenPolicy;
import io.hubd.daemon.watch.ExitPolicy;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Turns the token configuration into rebalancing and exit policies, validated at start-up. */
final class Policies {
  private Policies() {}

  static Map<Integer, TokenPolicy> of(Map<Integer, TokenConfig> tokens) {
    Map<Integer, TokenPolicy> out = new TreeMap<>();
    tokens.forEach((id, t) -> out.put(id, policy(t)));
    return out;
  }

  /** The tokens' exit policies ({@code tokens.<id>.exit}); tokens without one are absent. */
  static Map<Integer, ExitPolicy> exits(Map<Integer, TokenConfig> tokens) {
    Map<Integer, ExitPolicy> out = new TreeMap<>();
    tokens.forEach((id, t) -> {
      if (t.exit() != null) {
        out.put(id, new ExitPolicy(t.exit().after(), t.reclaimThreshold()));
      }
    });
    return out;
  }

  private static SettlementPolicy settlement(String symbol, SettlementConfig s) {
    SettlementPolicy.Mode mode;
    try {
      mode = SettlementPolicy.Mode.valueOf(String.valueOf(s.mode()).trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("tokens." + symbol + ".settlement.mode must be repay or secure, not '" + s.mode() + "'");
    }
    return new SettlementPolicy(s.creditSoftLimit(), s.maxPerProposal(), s.lifetime(), mode);
  }

  private static TokenPolicy policy(TokenConfig t) {
    Strategy strategy;
    try {
      strategy = Strategy.valueOf(t.strategy().trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "tokens." + t.symbol() + ".strategy must be amount, time or fee, not '" + t.strategy() + "'");
    }
    try {
      TokenPolicy policy = new TokenPolicy(t.symbol(), t.softLimit(), t.hardLimit(), t.target(), t.reclaimThreshold(),
          t.maxPerTick(), strategy, t.feeBase(), t.feeBps(), t.gasPerOperation(), t.tokenUnitsPerGas());
      return t.settlement() == null ? policy : policy.withSettlement(settlement(t.symbol(), t.settlement()));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), e);
    }
  }
}
