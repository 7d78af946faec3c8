package io.hubd.chainsim;

import io.hubd.contracts.ContractCode;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * What {@link SuiteDeployer} deploys: the Depository's dispute challenge period in blocks, the test tokens and how
 * the faucet hands each out. Immutable.
 */
public record SuiteSpec(long challengePeriodBlocks, List<TokenSpec> tokens) {
  /** The challenge period of local chains: short, so that tests and the demo see disputes end. */
  public static final long LOCAL_CHALLENGE_PERIOD = 20;

  public SuiteSpec {
    if (challengePeriodBlocks < ContractCode.MIN_CHALLENGE_PERIOD
        || challengePeriodBlocks > ContractCode.MAX_CHALLENGE_PERIOD) {
      throw new IllegalArgumentException("challenge period must be in [" + ContractCode.MIN_CHALLENGE_PERIOD + ", "
          + ContractCode.MAX_CHALLENGE_PERIOD + "] blocks: " + challengePeriodBlocks);
    }
    tokens = List.copyOf(Objects.requireNonNull(tokens, "tokens == null"));
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException("a suite needs at least one token");
    }
    if (tokens.stream().map(TokenSpec::symbol).distinct().count() != tokens.size()) {
      throw new IllegalArgumentException("token symbols must be distinct");
    }
  }

  /** This suite with another challenge period. */
  public SuiteSpec withChallengePeriod(long blocks) {
    return new SuiteSpec(blocks, tokens);
  }

  /**
   * A 6-decimal and an 18-decimal token, faucet-funded with a million units each; a challenge period of
   * {@link #LOCAL_CHALLENGE_PERIOD} blocks.
   */
  public static SuiteSpec standard() {
    return new SuiteSpec(
        LOCAL_CHALLENGE_PERIOD,
        List.of(
            TokenSpec.of("Test USD", "TUSD", 6, BigInteger.valueOf(1_000_000), BigInteger.valueOf(10_000), 60),
            TokenSpec.of("Test Ether", "TETH", 18, BigInteger.valueOf(1_000_000), BigInteger.valueOf(100), 60)));
  }

  /**
   * One test token. Amounts are base units; {@code faucetFunding} is minted to the faucet, which pays at most
   * {@code maxPerDrip} per call and serves each recipient once per {@code cooldownSeconds}.
   */
  public record TokenSpec(
      String name, String symbol, int decimals, BigInteger faucetFunding, BigInteger maxPerDrip,
      long cooldownSeconds) {
    public TokenSpec {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(symbol, "symbol == null");
      if (decimals < 0 || decimals > 36) {
        throw new IllegalArgumentException("decimals must be in [0, 36]: " + decimals);
      }
      if (faucetFunding.signum() < 0 || maxPerDrip.signum() < 0 || cooldownSeconds < 0) {
        throw new IllegalArgumentException("faucet funding, cap and cooldown must not be negative");
      }
    }

    /** A token spec with amounts in whole tokens, scaled by {@code decimals}. */
    public static TokenSpec of(
        String name, String symbol, int decimals, BigInteger wholeFunding, BigInteger wholeMaxPerDrip,
        long cooldownSeconds) {
      BigInteger unit = BigInteger.TEN.pow(decimals);
      return new TokenSpec(
          name, symbol, decimals, wholeFunding.multiply(unit), wholeMaxPerDrip.multiply(unit), cooldownSeconds);
    }

    public BigInteger unit() {
      return BigInteger.TEN.pow(decimals);
    }
  }
}
