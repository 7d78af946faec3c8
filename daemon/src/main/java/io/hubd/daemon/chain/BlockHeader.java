package io.hubd.daemon.chain;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/** The parts of a block header hubd uses. Immutable. */
public record BlockHeader(long number, String hash, String parentHash, long timestamp, Optional<BigInteger> baseFee) {
  public BlockHeader {
    if (number < 0) {
      throw new IllegalArgumentException("number < 0: " + number);
    }
    Objects.requireNonNull(hash, "hash == null");
    Objects.requireNonNull(parentHash, "parentHash == null");
    Objects.requireNonNull(baseFee, "baseFee == null");
  }
}
