package io.hubd.contracts;

import io.hubd.contracts.generated.Depository;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/** Decodes Depository logs into {@link DepositoryEvent}s and names the topics to filter on. Stateless. */
public final class DepositoryEvents {
  public static final String TOKEN_REGISTERED = EventEncoder.encode(Depository.TOKENREGISTERED_EVENT);
  public static final String RESERVE_UPDATED = EventEncoder.encode(Depository.RESERVEUPDATED_EVENT);
  public static final String ACCOUNT_UPDATED = EventEncoder.encode(Depository.ACCOUNTUPDATED_EVENT);
  public static final String BATCH_PROCESSED = EventEncoder.encode(Depository.BATCHPROCESSED_EVENT);

  /** The event signatures hubd mirrors, for an {@code eth_getLogs} topic-0 filter. */
  public static final List<String> MIRRORED_TOPICS =
      List.of(TOKEN_REGISTERED, RESERVE_UPDATED, ACCOUNT_UPDATED, BATCH_PROCESSED);

  /** Hex digits in an ABI word. */
  private static final int WORD = 64;
  private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

  private DepositoryEvents() {}

  /**
   * Decodes a Depository log; empty for events hubd does not mirror (ownership, EIP-712 domain). The event data are
   * static ABI words, read straight from the hex (the mirror decodes every log of the chain's history).
   */
  public static Optional<DepositoryEvent> decode(ChainLog log) {
    List<String> topics = log.topics();
    if (topics.isEmpty()) {
      return Optional.empty();
    }
    if (log.removed()) {
      throw new IllegalArgumentException("log was removed by a reorganisation: " + log.transactionHash());
    }
    String topic0 = topics.get(0);
    if (!MIRRORED_TOPICS.contains(topic0)) {
      return Optional.empty();
    }
    LogRef ref = log.ref();
    String data = Numeric.cleanHexPrefix(log.data());
    if (topic0.equals(RESERVE_UPDATED)) {
      return Optional.of(
          new DepositoryEvent.ReserveUpdated(ref, entity(topics.get(1)), uint(topics.get(2)).intValueExact(),
              word(data, 0)));
    }
    if (topic0.equals(ACCOUNT_UPDATED)) {
      return Optional.of(
          new DepositoryEvent.AccountUpdated(
              ref,
              entity(topics.get(1)),
              entity(topics.get(2)),
              uint(topics.get(3)).intValueExact(),
              word(data, 0),
              signedWord(data, 1),
              word(data, 2)));
    }
    if (topic0.equals(BATCH_PROCESSED)) {
      return Optional.of(
          new DepositoryEvent.BatchProcessed(
              ref, entity(topics.get(1)), "0x" + wordHex(data, 0).toLowerCase(Locale.ROOT), word(data, 1)));
    }
    return Optional.of(
        new DepositoryEvent.TokenRegistered(
            ref, uint(topics.get(1)).intValueExact(), new Address(uint(topics.get(2))).toString()));
  }

  /** {@link #decode(ChainLog)} of a log as web3j parsed it. */
  public static Optional<DepositoryEvent> decode(Log log) {
    return decode(ChainLog.of(log));
  }

  private static String wordHex(String data, int index) {
    if (data.length() < WORD * (index + 1)) {
      throw new IllegalArgumentException("event data too short for word " + index + ": " + data.length() / 2 + " bytes");
    }
    return data.substring(WORD * index, WORD * (index + 1));
  }

  /** ABI word {@code index} as uint256. */
  private static BigInteger word(String data, int index) {
    String hex = wordHex(data, index);
    int first = 0;
    while (first < WORD && hex.charAt(first) == '0') {
      first++;
    }
    // most amounts fit in 60 bits: parse them as a long
    return WORD - first <= 15
        ? BigInteger.valueOf(first == WORD ? 0 : Long.parseLong(hex, first, WORD, 16))
        : new BigInteger(hex, 16);
  }

  /** ABI word {@code index} as int256 (two's complement). */
  private static BigInteger signedWord(String data, int index) {
    BigInteger value = word(data, index);
    return value.testBit(255) ? value.subtract(TWO_256) : value;
  }

  private static EntityId entity(String topic) {
    return new EntityId(topic);
  }

  private static BigInteger uint(String topic) {
    return Numeric.toBigInt(topic);
  }
}
