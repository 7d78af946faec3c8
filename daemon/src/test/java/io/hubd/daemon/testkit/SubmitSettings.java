package io.hubd.daemon.testkit;

import io.hubd.daemon.config.EmergencyFees;
import io.hubd.daemon.config.SubmitConfig;
import java.math.BigInteger;
import java.time.Duration;

/** {@link SubmitConfig}s for tests: the fee settings a test cares about, the defaults for the rest. */
public final class SubmitSettings {
  private SubmitSettings() {}

  /**
   * Bump after {@code bumpAfterBlocks} by {@code bumpPercent} up to {@code cap}, tipping {@code tip}; a 25 % gas
   * margin, 8 blocks of patience for a receipt, no gas floor, stuck after ten minutes; in an emergency the same.
   */
  public static SubmitConfig of(int bumpAfterBlocks, int bumpPercent, BigInteger cap, BigInteger tip) {
    return of(bumpAfterBlocks, bumpPercent, cap, tip, new EmergencyFees(bumpAfterBlocks, bumpPercent, cap, tip));
  }

  /** {@link #of(int, int, BigInteger, BigInteger)} with its own emergency fees. */
  public static SubmitConfig of(int bumpAfterBlocks, int bumpPercent, BigInteger cap, BigInteger tip,
      EmergencyFees emergency) {
    return new SubmitConfig(bumpAfterBlocks, bumpPercent, cap, tip, 25, 8, BigInteger.ZERO, Duration.ofMinutes(10),
        emergency);
  }
}
