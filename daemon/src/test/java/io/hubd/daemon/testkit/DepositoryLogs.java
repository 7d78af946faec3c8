package io.hubd.daemon.testkit;

import io.hubd.contracts.Batch;
import io.hubd.contracts.ChainLog;
import io.hubd.contracts.DepositoryEvent;
import io.hubd.contracts.DepositoryEvents;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.generated.Depository;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Depository events to script into a {@link FakeNode}'s blocks, each encoded exactly as the contract emits it
 * (topics and ABI words). An {@link Event} becomes a log only once {@link FakeNode#mine} knows where it goes: the
 * Depository's address, the block, its transaction and index. Stateless.
 */
public final class DepositoryLogs {
  private static final BigInteger UINT128_MASK = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

  private DepositoryLogs() {}

  /** One Depository event to emit; turned into a log once its position is known. */
  public interface Event extends Function<Position, ChainLog> {}

  /** Where a log goes: the emitting Depository, the block, the transaction (one per event) and the log index. */
  public record Position(String depository, long block, String blockHash, String txHash, int logIndex) {}

  public static Event tokenRegistered(int tokenId, String token) {
    return p -> log(p, List.of(DepositoryEvents.TOKEN_REGISTERED, uint(tokenId),
        Numeric.toHexStringWithPrefixZeroPadded(Numeric.toBigInt(token), 64)), "0x");
  }

  public static Event reserveUpdated(EntityId entity, int tokenId, long balance) {
    return p -> log(p, List.of(DepositoryEvents.RESERVE_UPDATED, entity.hex(), uint(tokenId)),
        FunctionEncoder.encodeConstructor(List.of(new Uint256(balance))));
  }

  /** An account update of (a, b) in either order; ondelta from the left side, as the contract reports it. */
  public static Event accountUpdated(EntityId a, EntityId b, int tokenId, long collateral, long ondelta, long nonce) {
    EntityId left = a.isLeftOf(b) ? a : b;
    EntityId right = a.isLeftOf(b) ? b : a;
    return p -> log(p, List.of(DepositoryEvents.ACCOUNT_UPDATED, left.hex(), right.hex(), uint(tokenId)),
        FunctionEncoder.encodeConstructor(
            List.of(new Uint256(collateral), new Int256(ondelta), new Uint256(nonce))));
  }

  /** An R2C group of {@code funder}: one log with every funded account's post-state, as the contract packs it. */
  public static Event accountsFunded(EntityId funder, int tokenId, List<DepositoryEvent.FundedAccount> accounts) {
    List<Bytes32> words = new ArrayList<>();
    for (DepositoryEvent.FundedAccount a : accounts) {
      words.add(new Bytes32(a.counterparty().toBytes()));
      BigInteger post = a.collateral().shiftLeft(128).or(a.ondelta().and(UINT128_MASK));
      words.add(new Bytes32(Numeric.toBytesPadded(post, 32)));
    }
    return p -> log(p, List.of(DepositoryEvents.ACCOUNTS_FUNDED, funder.hex(), uint(tokenId)),
        FunctionEncoder.encodeConstructor(List.of(new DynamicArray<>(Bytes32.class, words))));
  }

  public static DepositoryEvent.FundedAccount funded(EntityId counterparty, long collateral, long ondelta) {
    return new DepositoryEvent.FundedAccount(counterparty, BigInteger.valueOf(collateral), BigInteger.valueOf(ondelta));
  }

  /** The batch {@code batchNonce} of {@code entity}, with a batch hash derived from both. */
  public static Event batchProcessed(EntityId entity, long batchNonce) {
    byte[] hash = Hash.sha3(("batch " + entity + " " + batchNonce).getBytes(StandardCharsets.UTF_8));
    return p -> log(p, List.of(DepositoryEvents.BATCH_PROCESSED, entity.hex()),
        FunctionEncoder.encodeConstructor(List.of(new Bytes32(hash), new Uint256(batchNonce))));
  }

  /** A dispute of the account (a, b), in either order, started by {@code starter} with this claim. */
  public static Event disputeStarted(EntityId a, EntityId b, EntityId starter, long nonce, long finaliseAfterBlock,
      List<Batch.TokenDelta> deltas) {
    return claim(DepositoryEvents.DISPUTE_STARTED, a, b, starter, nonce, finaliseAfterBlock, deltas);
  }

  /** A newer claim by {@code counterer} on the dispute of the account (a, b). */
  public static Event disputeCountered(EntityId a, EntityId b, EntityId counterer, long nonce, long finaliseAfterBlock,
      List<Batch.TokenDelta> deltas) {
    return claim(DepositoryEvents.DISPUTE_COUNTERED, a, b, counterer, nonce, finaliseAfterBlock, deltas);
  }

  /** The dispute of the account (a, b) ended, setting the account nonce to {@code nonce}. */
  public static Event disputeFinalised(EntityId a, EntityId b, long nonce) {
    EntityId left = a.isLeftOf(b) ? a : b;
    EntityId right = a.isLeftOf(b) ? b : a;
    return p -> log(p, List.of(DepositoryEvents.DISPUTE_FINALISED, left.hex(), right.hex()),
        FunctionEncoder.encodeConstructor(List.of(new Uint256(nonce))));
  }

  private static Event claim(String topic, EntityId a, EntityId b, EntityId claimant, long nonce,
      long finaliseAfterBlock, List<Batch.TokenDelta> deltas) {
    EntityId left = a.isLeftOf(b) ? a : b;
    EntityId right = a.isLeftOf(b) ? b : a;
    List<Depository.TokenDelta> structs =
        deltas.stream().map(d -> new Depository.TokenDelta(BigInteger.valueOf(d.tokenId()), d.offdelta())).toList();
    return p -> log(p, List.of(topic, left.hex(), right.hex(), claimant.hex()),
        FunctionEncoder.encodeConstructor(List.of(new Uint256(nonce), new Uint256(finaliseAfterBlock),
            new DynamicArray<>(Depository.TokenDelta.class, structs))));
  }

  private static String uint(long value) {
    return Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(value), 64);
  }

  private static ChainLog log(Position p, List<String> topics, String data) {
    return new ChainLog(p.depository(), topics, data.startsWith("0x") ? data : "0x" + data, p.block(),
        p.blockHash(), p.txHash(), p.logIndex(), false);
  }
}
