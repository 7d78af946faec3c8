package io.hubd.daemon.submit;

import java.math.BigInteger;
import java.util.Objects;

/** The EIP-1559 fee caps of one transaction, in wei per gas; the tip never exceeds the max fee. Immutable. */
record Fees(BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {
  Fees {
    Objects.requireNonNull(maxFeePerGas, "maxFeePerGas == null");
    Objects.requireNonNull(maxPriorityFeePerGas, "maxPriorityFeePerGas == null");
    if (maxPriorityFeePerGas.signum() < 0) {
      throw new IllegalArgumentException("maxPriorityFeePerGas < 0: " + maxPriorityFeePerGas);
    }
    if (maxPriorityFeePerGas.compareTo(maxFeePerGas) > 0) {
      throw new IllegalArgumentException(
          "maxPriorityFeePerGas " + maxPriorityFeePerGas + " above maxFeePerGas " + maxFeePerGas);
    }
  }

  @Override
  public String toString() {
    return "maxFee=" + maxFeePerGas + " tip=" + maxPriorityFeePerGas;
  }
}
