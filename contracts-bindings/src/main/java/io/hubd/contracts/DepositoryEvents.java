package io.hubd.contracts;

import io.hubd.contracts.generated.Depository;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Type;
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

  private DepositoryEvents() {}

  /** Decodes a Depository log; empty for events hubd does not mirror (ownership, EIP-712 domain). */
  public static Optional<DepositoryEvent> decode(Log log) {
    List<String> topics = log.getTopics();
    if (topics == null || topics.isEmpty()) {
      return Optional.empty();
    }
    if (log.isRemoved()) {
      throw new IllegalArgumentException("log was removed by a reorganisation: " + log.getTransactionHash());
    }
    LogRef ref =
        new LogRef(
            log.getBlockNumber().longValueExact(),
            log.getBlockHash(),
            log.getTransactionHash(),
            log.getLogIndex().intValueExact());
    String topic0 = topics.get(0);
    if (topic0.equals(RESERVE_UPDATED)) {
      List<Type> data = data(log, Depository.RESERVEUPDATED_EVENT);
      return Optional.of(
          new DepositoryEvent.ReserveUpdated(ref, entity(topics.get(1)), uint(topics.get(2)).intValueExact(),
              (BigInteger) data.get(0).getValue()));
    }
    if (topic0.equals(ACCOUNT_UPDATED)) {
      List<Type> data = data(log, Depository.ACCOUNTUPDATED_EVENT);
      return Optional.of(
          new DepositoryEvent.AccountUpdated(
              ref,
              entity(topics.get(1)),
              entity(topics.get(2)),
              uint(topics.get(3)).intValueExact(),
              (BigInteger) data.get(0).getValue(),
              (BigInteger) data.get(1).getValue(),
              (BigInteger) data.get(2).getValue()));
    }
    if (topic0.equals(BATCH_PROCESSED)) {
      List<Type> data = data(log, Depository.BATCHPROCESSED_EVENT);
      return Optional.of(
          new DepositoryEvent.BatchProcessed(
              ref,
              entity(topics.get(1)),
              Numeric.toHexString((byte[]) data.get(0).getValue()),
              (BigInteger) data.get(1).getValue()));
    }
    if (topic0.equals(TOKEN_REGISTERED)) {
      return Optional.of(
          new DepositoryEvent.TokenRegistered(
              ref, uint(topics.get(1)).intValueExact(), new Address(uint(topics.get(2))).toString()));
    }
    return Optional.empty();
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static List<Type> data(Log log, Event event) {
    List<TypeReference<Type>> types = event.getNonIndexedParameters();
    return FunctionReturnDecoder.decode(log.getData(), (List) types);
  }

  private static EntityId entity(String topic) {
    return new EntityId(topic);
  }

  private static BigInteger uint(String topic) {
    return Numeric.toBigInt(topic);
  }
}
