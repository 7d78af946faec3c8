package io.hubd.daemon.config;

import java.math.BigInteger;
import java.util.Objects;

/**
 * Everything hubd does with one token, in its base units: when and how far it collateralises users (the
 * rebalancing policy and fee), how much reserve it keeps (top-up), and what the faucet and R2C may spend per
 * budget window. The policy fields are checked again, with their names, when the policy is built. Immutable.
 *
 * @param symbol a name for messages and metrics
 * @param softLimit user exposure above which hubd collateralises on its own
 * @param hardLimit the largest rebalance request accepted
 * @param target exposure left after a policy-triggered R2C
 * @param reclaimThreshold hub free collateral above which hubd proposes a C2R
 * @param maxPerTick operations per tick for this token
 * @param strategy amount, time or fee: which targets go first when the reserve is short
 * @param feeBase fixed part of a fee quote
 * @param feeBps proportional part of a fee quote, in basis points of the amount
 * @param gasPerOperation gas one R2C costs in a batch (for the fee quote)
 * @param tokenUnitsPerGas the token's price of one gas unit (for the fee quote); 0 on a dev chain
 * @param minReserve the reserve below which top-up acts
 * @param targetReserve what top-up brings the reserve to
 * @param r2cBudget R2C spending allowed per budget window
 * @param topUpBudget wallet-to-reserve top-up allowed per budget window
 * @param faucetMaxPerRequest the largest faucet payout
 * @param faucetBudget faucet payouts allowed per budget window
 * @param settlement when hubd proposes settlements to users who owe the hub; null: never
 * @param exit when hubd disputes an account to take back collateral a user never released; null: never
 */
public record TokenConfig(
    String symbol,
    BigInteger softLimit,
    BigInteger hardLimit,
    BigInteger target,
    BigInteger reclaimThreshold,
    int maxPerTick,
    String strategy,
    BigInteger feeBase,
    int feeBps,
    long gasPerOperation,
    BigInteger tokenUnitsPerGas,
    BigInteger minReserve,
    BigInteger targetReserve,
    BigInteger r2cBudget,
    BigInteger topUpBudget,
    BigInteger faucetMaxPerRequest,
    BigInteger faucetBudget,
    SettlementConfig settlement,
    ExitConfig exit) {

  public TokenConfig {
    Objects.requireNonNull(symbol, "tokens.<id>.symbol is required");
    String p = "tokens." + symbol + ".";
    for (var e : java.util.Map.of("softLimit", softLimit, "hardLimit", hardLimit, "target", target,
        "reclaimThreshold", reclaimThreshold, "feeBase", feeBase, "tokenUnitsPerGas", tokenUnitsPerGas,
        "minReserve", minReserve, "targetReserve", targetReserve, "r2cBudget", r2cBudget).entrySet()) {
      nonNegative(p + e.getKey(), e.getValue());
    }
    nonNegative(p + "topUpBudget", topUpBudget);
    nonNegative(p + "faucetMaxPerRequest", faucetMaxPerRequest);
    nonNegative(p + "faucetBudget", faucetBudget);
    Objects.requireNonNull(strategy, p + "strategy is required");
    if (minReserve.compareTo(targetReserve) > 0) {
      throw new IllegalArgumentException(p + "minReserve must not exceed " + p + "targetReserve");
    }
    if (hardLimit.bitLength() > 127) {
      throw new IllegalArgumentException(p + "hardLimit must be below 2^127");
    }
  }

  private static void nonNegative(String name, BigInteger value) {
    if (value == null) {
      throw new IllegalArgumentException(name + " is required");
    }
    if (value.signum() < 0) {
      throw new IllegalArgumentException(name + " must not be negative, got " + value);
    }
  }
}
