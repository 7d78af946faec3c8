package io.hubd.daemon.app;

import java.math.BigDecimal;
import java.math.BigInteger;

/** How the command line shows token amounts. */
final class Amounts {
  private Amounts() {}

  /** {@code units} base units as whole tokens of {@code decimals} decimals, exact: 1500000 at 6 → "1.5". */
  static String whole(BigInteger units, int decimals) {
    return new BigDecimal(units, decimals).stripTrailingZeros().toPlainString();
  }
}
