package io.hubd.daemon.submit;

import io.hubd.daemon.testkit.SubmitSettings;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class FeePolicyTest {
  private static final BigInteger CAP = BigInteger.valueOf(500_000);

  private static FeePolicy policy(int bumpPercent) {
    return new FeePolicy(SubmitSettings.of(3, bumpPercent, CAP, BigInteger.ZERO));
  }

  private static BigInteger big(long value) {
    return BigInteger.valueOf(value);
  }

  @Test
  void firstAttemptPaysTwiceTheBaseFeePlusTheTip() {
    assertThat(policy(12).initial(big(1_000), big(7))).isEqualTo(new Fees(big(2_007), big(7)));
  }

  @Test
  void firstAttemptIsCappedAndItsTipNeverExceedsItsMaxFee() {
    assertThat(policy(12).initial(big(400_000), big(10))).isEqualTo(new Fees(CAP, big(10)));
    assertThat(policy(12).initial(big(0), CAP.add(big(1)))).isEqualTo(new Fees(CAP, CAP));
  }

  @Test
  void bumpRaisesBothFeesByTheBumpPercentRoundedUp() {
    Fees bumped = policy(12).bump(new Fees(big(1_001), big(1)), big(1), big(1)).orElseThrow();
    assertThat(bumped).isEqualTo(new Fees(big(1_122), big(2))); // 1001 * 1.12 = 1121.12 -> 1122; 1 * 1.12 -> 2
  }

  @Test
  void bumpFollowsABaseFeeThatRoseFurther() {
    Fees bumped = policy(10).bump(new Fees(big(2_100), big(100)), big(50_000), big(100)).orElseThrow();
    assertThat(bumped).isEqualTo(new Fees(big(100_100), big(110)));
  }

  @Test
  void bumpStopsAtTheCapAndThenWaits() {
    FeePolicy policy = policy(20);
    Fees capped = policy.bump(new Fees(big(400_000), big(10)), big(300_000), big(10)).orElseThrow();
    assertThat(capped).isEqualTo(new Fees(CAP, big(12)));
    assertThat(policy.bump(capped, big(1), big(10))).isEmpty();
    assertThat(policy.bump(new Fees(big(420_000), big(10)), big(1), big(10))).isEmpty(); // 504 000 > cap
  }

  @Test
  void theEmergencyPolicyBumpsByItsOwnStepUpToItsOwnCap() {
    BigInteger emergencyCap = big(2_000_000);
    FeePolicy emergency = FeePolicy.emergency(SubmitSettings.of(3, 12, CAP, BigInteger.ZERO,
        new io.hubd.daemon.config.EmergencyFees(1, 50, emergencyCap, big(0))));

    assertThat(emergency.bump(new Fees(big(400_000), big(10)), big(1), big(10)))
        .contains(new Fees(big(600_000), big(15))); // above the ordinary cap, by 50 %
    assertThat(emergency.bump(new Fees(big(1_400_000), big(10)), big(1), big(10))).isEmpty();
    assertThat(emergency.cap()).isEqualTo(emergencyCap);
  }

  @Test
  void gasLimitAddsTheMarginRoundedUp() {
    assertThat(policy(12).gasLimit(big(100_001))).isEqualTo(big(125_002)); // 125001.25 -> 125002
  }

  @Property
  void everyBumpRaisesBothFeesByAtLeastBumpPercentWithinTheCap(
      @ForAll @IntRange(min = 10, max = 200) int bumpPercent,
      @ForAll @LongRange(min = 1, max = 500_000) long maxFee,
      @ForAll @LongRange(min = 0, max = 500_000) long tip,
      @ForAll @LongRange(min = 0, max = 1_000_000) long baseFee,
      @ForAll @LongRange(min = 0, max = 1_000) long freshTip) {
    Fees previous = new Fees(big(maxFee), big(Math.min(tip, maxFee)));
    Optional<Fees> bumped = policy(bumpPercent).bump(previous, big(baseFee), big(freshTip));
    BigInteger factor = big(100 + bumpPercent);
    boolean roomLeft = previous.maxFeePerGas().multiply(factor).compareTo(CAP.multiply(big(100))) <= 0;
    assertThat(bumped.isPresent()).isEqualTo(roomLeft);
    bumped.ifPresent(next -> {
      assertThat(next.maxFeePerGas().multiply(big(100)))
          .isGreaterThanOrEqualTo(previous.maxFeePerGas().multiply(factor));
      assertThat(next.maxPriorityFeePerGas().multiply(big(100)))
          .isGreaterThanOrEqualTo(previous.maxPriorityFeePerGas().multiply(factor));
      assertThat(next.maxFeePerGas()).isGreaterThan(previous.maxFeePerGas()).isLessThanOrEqualTo(CAP);
      assertThat(next.maxPriorityFeePerGas()).isLessThanOrEqualTo(next.maxFeePerGas());
    });
  }
}
