package io.hubd.chainsim.contracts;

import io.hubd.contracts.EntityId;
import io.hubd.contracts.generated.Depository;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * A {@code processBatch} argument built from the generated ABI structs, with no validation at all: zero amounts,
 * unknown tokens, oversize lists and unbalanced settlements go through as given, so the tests can show what the
 * contract does with what the Java model refuses to build. Not thread-safe.
 */
final class RawBatch {
  private final List<Depository.ExternalToReserve> externalToReserve = new ArrayList<>();
  private final List<Depository.ReserveToReserve> reserveToReserve = new ArrayList<>();
  private final List<Depository.CollateralToReserve> collateralToReserve = new ArrayList<>();
  private final List<Depository.Settlement> settlements = new ArrayList<>();
  private final List<Depository.ReserveToCollateral> reserveToCollateral = new ArrayList<>();
  private final List<Depository.ReserveToExternal> reserveToExternal = new ArrayList<>();
  private final List<Depository.DisputeClaim> disputeCounters = new ArrayList<>();
  private final List<Depository.DisputeFinalization> disputeFinalizations = new ArrayList<>();
  private final List<Depository.DisputeClaim> disputeStarts = new ArrayList<>();

  RawBatch disputeCounter(Depository.DisputeClaim claim) {
    disputeCounters.add(claim);
    return this;
  }

  RawBatch disputeFinalization(EntityId counterparty, List<Depository.TokenDelta> deltas) {
    disputeFinalizations.add(new Depository.DisputeFinalization(counterparty.toBytes(), deltas));
    return this;
  }

  RawBatch disputeStart(Depository.DisputeClaim claim) {
    disputeStarts.add(claim);
    return this;
  }

  static Depository.DisputeClaim claim(
      EntityId counterparty, BigInteger nonce, List<Depository.TokenDelta> deltas, byte[] signature) {
    return new Depository.DisputeClaim(counterparty.toBytes(), nonce, deltas, signature);
  }

  static Depository.TokenDelta delta(long tokenId, BigInteger offdelta) {
    return new Depository.TokenDelta(big(tokenId), offdelta);
  }

  RawBatch externalToReserve(long tokenId, BigInteger amount) {
    externalToReserve.add(new Depository.ExternalToReserve(big(tokenId), amount));
    return this;
  }

  RawBatch reserveToReserve(EntityId receiver, long tokenId, BigInteger amount) {
    reserveToReserve.add(new Depository.ReserveToReserve(receiver.toBytes(), big(tokenId), amount));
    return this;
  }

  RawBatch collateralToReserve(
      EntityId counterparty, long tokenId, BigInteger amount, BigInteger nonce, byte[] signature) {
    collateralToReserve.add(
        new Depository.CollateralToReserve(counterparty.toBytes(), big(tokenId), amount, nonce, signature));
    return this;
  }

  RawBatch settlement(
      EntityId counterparty, List<Depository.SettlementDiff> diffs, BigInteger nonce, byte[] signature) {
    settlements.add(new Depository.Settlement(counterparty.toBytes(), diffs, nonce, signature));
    return this;
  }

  RawBatch reserveToCollateral(long tokenId, List<Depository.R2CPair> pairs) {
    reserveToCollateral.add(new Depository.ReserveToCollateral(big(tokenId), pairs));
    return this;
  }

  RawBatch reserveToExternal(String receiver, long tokenId, BigInteger amount) {
    reserveToExternal.add(new Depository.ReserveToExternal(receiver, big(tokenId), amount));
    return this;
  }

  static Depository.SettlementDiff diff(
      long tokenId, BigInteger leftReserveDiff, BigInteger rightReserveDiff, BigInteger collateralDiff,
      BigInteger ondeltaDiff) {
    return new Depository.SettlementDiff(big(tokenId), leftReserveDiff, rightReserveDiff, collateralDiff, ondeltaDiff);
  }

  static Depository.R2CPair pair(EntityId counterparty, BigInteger amount) {
    return new Depository.R2CPair(counterparty.toBytes(), amount);
  }

  /** The name of the first list that holds an operation, in the contract's order; "empty" when none does. */
  String firstOperation() {
    List<String> names =
        List.of(
            "externalToReserve", "reserveToReserve", "disputeCounter", "disputeFinalization", "collateralToReserve",
            "settlement", "reserveToCollateral", "disputeStart", "reserveToExternal");
    List<List<?>> lists =
        List.of(
            externalToReserve, reserveToReserve, disputeCounters, disputeFinalizations, collateralToReserve,
            settlements, reserveToCollateral, disputeStarts, reserveToExternal);
    for (int i = 0; i < lists.size(); i++) {
      if (!lists.get(i).isEmpty()) {
        return names.get(i);
      }
    }
    return "empty";
  }

  Depository.Batch toStruct() {
    return new Depository.Batch(
        List.copyOf(externalToReserve),
        List.copyOf(reserveToReserve),
        List.copyOf(disputeCounters),
        List.copyOf(disputeFinalizations),
        List.copyOf(collateralToReserve),
        List.copyOf(settlements),
        List.copyOf(reserveToCollateral),
        List.copyOf(disputeStarts),
        List.copyOf(reserveToExternal));
  }

  String callData(BigInteger batchNonce) {
    return callData(toStruct(), batchNonce);
  }

  @SuppressWarnings("rawtypes") // web3j takes its function inputs as a raw List<Type>
  static String callData(Depository.Batch batch, BigInteger batchNonce) {
    return FunctionEncoder.encode(
        new Function(Depository.FUNC_PROCESSBATCH, List.<Type>of(batch, new Uint256(batchNonce)), List.of()));
  }

  private static BigInteger big(long value) {
    return BigInteger.valueOf(value);
  }
}
