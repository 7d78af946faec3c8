package io.hubd.daemon.rebalance;

import java.math.BigInteger;

/** Builds {@link TokenPolicy} values for tests, with defaults that stay out of the way. Not thread-safe. */
final class PolicyBuilder {
  private final String token;
  private BigInteger softLimit = BigInteger.TEN;
  private BigInteger hardLimit = BigInteger.valueOf(1_000_000_000);
  private BigInteger target = BigInteger.ZERO;
  private BigInteger reclaimThreshold = BigInteger.TEN;
  private int maxPerTick = 1_000;
  private Strategy strategy = Strategy.AMOUNT;
  private BigInteger feeBase = BigInteger.ZERO;
  private int feeBps = 0;
  private long gasPerOperation = 0;
  private BigInteger tokenUnitsPerGas = BigInteger.ZERO;
  private SettlementPolicy settlement;

  private PolicyBuilder(String token) {
    this.token = token;
  }

  static PolicyBuilder policy(String token) {
    return new PolicyBuilder(token);
  }

  PolicyBuilder softLimit(long value) {
    softLimit = BigInteger.valueOf(value);
    return this;
  }

  PolicyBuilder hardLimit(long value) {
    hardLimit = BigInteger.valueOf(value);
    return this;
  }

  PolicyBuilder target(long value) {
    target = BigInteger.valueOf(value);
    return this;
  }

  PolicyBuilder reclaimThreshold(long value) {
    reclaimThreshold = BigInteger.valueOf(value);
    return this;
  }

  PolicyBuilder maxPerTick(int value) {
    maxPerTick = value;
    return this;
  }

  PolicyBuilder strategy(Strategy value) {
    strategy = value;
    return this;
  }

  PolicyBuilder fees(long base, int bps, long gas, long unitsPerGas) {
    feeBase = BigInteger.valueOf(base);
    feeBps = bps;
    gasPerOperation = gas;
    tokenUnitsPerGas = BigInteger.valueOf(unitsPerGas);
    return this;
  }

  /** Settlements proposed above {@code creditSoftLimit}, at most {@code maxPerProposal} each, valid for an hour. */
  PolicyBuilder settlement(long creditSoftLimit, long maxPerProposal, SettlementPolicy.Mode mode) {
    settlement = new SettlementPolicy(BigInteger.valueOf(creditSoftLimit), BigInteger.valueOf(maxPerProposal),
        java.time.Duration.ofHours(1), mode);
    return this;
  }

  TokenPolicy build() {
    TokenPolicy policy = new TokenPolicy(token, softLimit, hardLimit, target, reclaimThreshold, maxPerTick, strategy,
        feeBase, feeBps, gasPerOperation, tokenUnitsPerGas);
    return settlement == null ? policy : policy.withSettlement(settlement);
  }
}
