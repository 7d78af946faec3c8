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
  public static final String ACCOUNTS_FUNDED = EventEncoder.encode(Depository.ACCOUNTSFUNDED_EVENT);
  public static final String DISPUTE_STARTED = EventEncoder.encode(Depository.DISPUTESTARTED_EVENT);
  public static final String DISPUTE_COUNTERED = EventEncoder.encode(Depository.DISPUTECOUNTERED_EVENT);
  public static final String DISPUTE_FINALISED = EventEncoder.encode(Depository.DISPUTEFINALISED_EVENT);
  public static final String UNCOLLECTABLE_CREDIT = EventEncoder.encode(Depository.UNCOLLECTABLECREDIT_EVENT);

  /** The event signatures hubd mirrors, for an {@code eth_getLogs} topic-0 filter. */
  public static final List<String> MIRRORED_TOPICS =
      List.of(TOKEN_REGISTERED, RESERVE_UPDATED, ACCOUNT_UPDATED, BATCH_PROCESSED, ACCOUNTS_FUNDED);

  /** The event signatures of disputes: started, countered, finalised, and the credit left uncollectable. */
  public static final List<String> DISPUTE_TOPICS =
      List.of(DISPUTE_STARTED, DISPUTE_COUNTERED, DISPUTE_FINALISED, UNCOLLECTABLE_CREDIT);

  private static final java.util.Set<String> DECODED =
      java.util.Set.copyOf(java.util.stream.Stream.concat(MIRRORED_TOPICS.stream(), DISPUTE_TOPICS.stream()).toList());

  /** Hex digits in an ABI word. */
  private static final int WORD = 64;
  private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);
  private static final BigInteger TWO_128 = BigInteger.ONE.shiftLeft(128);

  private DepositoryEvents() {}

  /**
   * Decodes a Depository log; empty for events hubd does not decode (ownership, EIP-712 domain). The event data are
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
    if (!DECODED.contains(topic0)) {
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
    if (topic0.equals(ACCOUNTS_FUNDED)) {
      return Optional.of(accountsFunded(ref, topics, data));
    }
    if (topic0.equals(DISPUTE_STARTED) || topic0.equals(DISPUTE_COUNTERED)) {
      DepositoryEvent.DisputeClaimed.Kind kind = topic0.equals(DISPUTE_STARTED)
          ? DepositoryEvent.DisputeClaimed.Kind.STARTED
          : DepositoryEvent.DisputeClaimed.Kind.COUNTERED;
      return Optional.of(
          new DepositoryEvent.DisputeClaimed(ref, kind, entity(topics.get(1)), entity(topics.get(2)),
              entity(topics.get(3)), word(data, 0), word(data, 1).longValueExact(), deltas(data, 2)));
    }
    if (topic0.equals(DISPUTE_FINALISED)) {
      return Optional.of(
          new DepositoryEvent.DisputeFinalised(ref, entity(topics.get(1)), entity(topics.get(2)), word(data, 0)));
    }
    if (topic0.equals(UNCOLLECTABLE_CREDIT)) {
      return Optional.of(
          new DepositoryEvent.UncollectableCredit(ref, entity(topics.get(1)), entity(topics.get(2)),
              uint(topics.get(3)).intValueExact(), word(data, 0)));
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

  /** {@code AccountsFunded}: a bytes32[] of (counterparty, collateral << 128 | uint128(ondelta)) word pairs. */
  private static DepositoryEvent.AccountsFunded accountsFunded(LogRef ref, List<String> topics, String data) {
    int at = arrayStart(data, 0);
    int words = word(data, at - 1).intValueExact();
    if (words % 2 != 0) {
      throw new IllegalArgumentException("AccountsFunded carries word pairs, got " + words + " words");
    }
    List<DepositoryEvent.FundedAccount> accounts = new java.util.ArrayList<>(words / 2);
    for (int i = at; i < at + words; i += 2) {
      String post = wordHex(data, i + 1);
      BigInteger ondelta = new BigInteger(post.substring(32), 16);
      accounts.add(
          new DepositoryEvent.FundedAccount(
              new EntityId("0x" + wordHex(data, i)),
              new BigInteger(post.substring(0, 32), 16),
              ondelta.testBit(127) ? ondelta.subtract(TWO_128) : ondelta));
    }
    return new DepositoryEvent.AccountsFunded(ref, entity(topics.get(1)), uint(topics.get(2)).intValueExact(),
        accounts);
  }

  /** A TokenDelta[] whose offset is word {@code offsetWord}. */
  private static List<Batch.TokenDelta> deltas(String data, int offsetWord) {
    int at = arrayStart(data, offsetWord);
    int n = word(data, at - 1).intValueExact();
    List<Batch.TokenDelta> out = new java.util.ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new Batch.TokenDelta(word(data, at + 2 * i).intValueExact(), signedWord(data, at + 2 * i + 1)));
    }
    return out;
  }

  /** The word index of a dynamic array's first element, given the word holding its byte offset. */
  private static int arrayStart(String data, int offsetWord) {
    BigInteger offset = word(data, offsetWord);
    if (offset.mod(BigInteger.valueOf(32)).signum() != 0) {
      throw new IllegalArgumentException("array offset not word-aligned: " + offset);
    }
    return offset.divide(BigInteger.valueOf(32)).intValueExact() + 1;
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
