package io.hubd.daemon.chain;

import java.math.BigInteger;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import org.web3j.utils.Bloom;

/**
 * The parts of a block header hubd uses. Immutable.
 *
 * @param logsBloom the block's 2048-bit logs bloom as 0x hex: every address and topic of the block's logs is in it
 */
public record BlockHeader(
    long number, String hash, String parentHash, long timestamp, Optional<BigInteger> baseFee, String logsBloom) {

  /** A bloom with no bit set: the block has no logs. */
  public static final String EMPTY_BLOOM = "0x" + "0".repeat(512);

  /** A bloom with every bit set: nothing is known about the block's logs (a node that sent no bloom). */
  public static final String FULL_BLOOM = "0x" + "f".repeat(512);

  public BlockHeader {
    if (number < 0) {
      throw new IllegalArgumentException("number < 0: " + number);
    }
    Objects.requireNonNull(hash, "hash == null");
    Objects.requireNonNull(parentHash, "parentHash == null");
    Objects.requireNonNull(baseFee, "baseFee == null");
    Objects.requireNonNull(logsBloom, "logsBloom == null");
    if (!logsBloom.matches("0x[0-9a-fA-F]{512}")) {
      throw new IllegalArgumentException("logsBloom is not 256 bytes of 0x hex");
    }
  }

  /**
   * Whether the block may hold a log of {@code address} whose first topic is one of {@code topics0}. False is
   * certain (the block has no such log); true may be a false positive of the bloom.
   */
  public boolean mayHoldLog(String address, Collection<String> topics0) {
    if (!Bloom.test(logsBloom, address)) {
      return false;
    }
    for (String topic : topics0) {
      if (Bloom.test(logsBloom, topic)) {
        return true;
      }
    }
    return false;
  }
}
