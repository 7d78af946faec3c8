package io.hubd.daemon.rebalance;

import static io.hubd.daemon.rebalance.Accounts.big;
import static io.hubd.daemon.rebalance.PolicyBuilder.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TokenPolicyTest {

  @Test
  void refusesASoftLimitAboveTheHardLimit() {
    assertThatThrownBy(() -> policy("TUSD").softLimit(500).hardLimit(100).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("policy.TUSD.softLimit must not exceed hardLimit");
  }

  @Test
  void refusesATargetAboveTheSoftLimit() {
    assertThatThrownBy(() -> policy("TEUR").softLimit(100).target(101).build())
        .hasMessage("policy.TEUR.target must not exceed softLimit");
  }

  @Test
  void refusesNegativeAmountsNamingTheSetting() {
    assertThatThrownBy(() -> policy("TUSD").reclaimThreshold(-1).build())
        .hasMessage("policy.TUSD.reclaimThreshold must not be negative, got -1");
    assertThatThrownBy(() -> policy("TUSD").softLimit(-5).target(-10).build())
        .hasMessage("policy.TUSD.softLimit must not be negative, got -5");
  }

  @Test
  void refusesFewerThanOneOperationPerTick() {
    assertThatThrownBy(() -> policy("TUSD").maxPerTick(0).build())
        .hasMessage("policy.TUSD.maxPerTick must be at least 1, got 0");
  }

  @Test
  void refusesBasisPointsOutsideZeroToTenThousand() {
    assertThatThrownBy(() -> policy("TUSD").fees(0, 10_001, 0, 0).build())
        .hasMessage("policy.TUSD.feeBps must be in [0, 10000], got 10001");
    assertThatThrownBy(() -> policy("TUSD").fees(0, -1, 0, 0).build())
        .hasMessage("policy.TUSD.feeBps must be in [0, 10000], got -1");
  }

  @Test
  void refusesAMissingStrategyOrGasPrice() {
    assertThatThrownBy(() -> policy("TUSD").strategy(null).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("policy.TUSD.strategy is required (amount, time or fee)");
    assertThatThrownBy(() -> new TokenPolicy("TUSD", big(1), big(2), big(0), big(0), 1, Strategy.TIME, big(0), 0,
        0, null))
        .hasMessage("policy.TUSD.tokenUnitsPerGas is required");
  }

  @Test
  void refusesANamelessToken() {
    assertThatThrownBy(() -> policy(" ").build()).hasMessage("policy token name is required");
  }

  @Test
  void feeAddsBaseGasAndBasisPointsRoundingTheLastUp() {
    TokenPolicy policy = policy("TUSD").fees(100, 30, 50_000, 2).build();
    // 100 + 50 000 × 2 + ceil(1 000 001 × 30 / 10 000 = 3000.003) = 100 + 100 000 + 3001
    assertThat(policy.fee(big(1_000_001))).isEqualTo(big(103_101));
    // exactly divisible: no rounding
    assertThat(policy.fee(big(1_000_000))).isEqualTo(big(103_100));
    // the smallest amount still pays one unit of the proportional part
    assertThat(policy.fee(big(1))).isEqualTo(big(100_101));
    assertThat(policy.fee(BigInteger.ZERO)).isEqualTo(big(100_100));
  }

  @Test
  void feeOfAFreePolicyIsZero() {
    assertThat(policy("TUSD").build().fee(big(123_456_789))).isZero();
  }

  @Test
  void quoteExpiresTtlAfterTheClocksNow() {
    Instant now = Instant.parse("2026-03-01T12:00:00Z");
    FeeQuoter quoter = new FeeQuoter(Clock.fixed(now, ZoneOffset.UTC), Duration.ofSeconds(30));
    FeeQuote quote = quoter.quote(policy("TUSD").fees(7, 100, 0, 0).build(), big(250));
    assertThat(quote.amount()).isEqualTo(big(10)); // 7 + ceil(2.5)
    assertThat(quote.expiresAt()).isEqualTo(now.plusSeconds(30));
    assertThat(quote.isValidAt(now.plusSeconds(29))).isTrue();
    assertThat(quote.isValidAt(now.plusSeconds(30))).isFalse();
  }

  @Test
  void requestsAreAllowedUpToTheHardLimit() {
    TokenPolicy policy = policy("TUSD").softLimit(10).hardLimit(1_000).build();
    assertThat(policy.allowsRequest(big(1_000))).isTrue();
    assertThat(policy.allowsRequest(big(1_001))).isFalse();
    assertThat(policy.allowsRequest(BigInteger.ZERO)).isFalse();
  }

  @Test
  void topUpBringsExposureAboveTheSoftLimitDownToTarget() {
    TokenPolicy policy = policy("TUSD").softLimit(100).target(20).build();
    assertThat(policy.topUp(new Exposure(big(100), BigInteger.ZERO))).isZero();
    assertThat(policy.topUp(new Exposure(big(101), BigInteger.ZERO))).isEqualTo(big(81));
  }
}
