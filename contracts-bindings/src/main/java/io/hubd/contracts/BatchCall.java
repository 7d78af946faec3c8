package io.hubd.contracts;

import io.hubd.contracts.generated.Depository;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * A {@link Batch} bound to its batch nonce, encoded as the {@code processBatch} call data. {@link #batchHash()} is
 * what the contract emits in {@code BatchProcessed}: keccak256 of the ABI-encoded arguments. Immutable.
 */
public record BatchCall(Batch batch, BigInteger batchNonce, String callData, String batchHash) {

  public BatchCall {
    Objects.requireNonNull(batch, "batch == null");
    Batch.positive(batchNonce, "batchNonce");
    Objects.requireNonNull(callData, "callData == null");
    Objects.requireNonNull(batchHash, "batchHash == null");
  }

  public static BatchCall of(Batch batch, BigInteger batchNonce) {
    Objects.requireNonNull(batch, "batch == null");
    Batch.positive(batchNonce, "batchNonce");
    Function function =
        new Function(
            Depository.FUNC_PROCESSBATCH, List.of(toStruct(batch), new Uint256(batchNonce)), List.of());
    String callData = FunctionEncoder.encode(function);
    byte[] arguments = Numeric.hexStringToByteArray(callData.substring(10)); // drop 0x and the 4-byte selector
    return new BatchCall(batch, batchNonce, callData, Numeric.toHexString(Hash.sha3(arguments)));
  }

  /**
   * Reads {@code processBatch} call data back into the batch and nonce it carries (e.g. to audit landed batches).
   * Throws IllegalArgumentException when it is not such a call or its operations are invalid.
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  public static BatchCall decode(String callData) {
    Objects.requireNonNull(callData, "callData == null");
    String selector = FunctionEncoder.encode(new Function(Depository.FUNC_PROCESSBATCH,
        List.of(toStruct(Batch.EMPTY), new Uint256(BigInteger.ONE)), List.of())).substring(0, 10);
    if (!callData.toLowerCase(java.util.Locale.ROOT).startsWith(selector)) {
      throw new IllegalArgumentException("not processBatch call data");
    }
    List<Type> decoded = org.web3j.abi.FunctionReturnDecoder.decode("0x" + callData.substring(10),
        (List) List.of(new org.web3j.abi.TypeReference<Depository.Batch>() {},
            new org.web3j.abi.TypeReference<Uint256>() {}));
    return of(fromStruct((Depository.Batch) decoded.get(0)), (BigInteger) decoded.get(1).getValue());
  }

  private static Batch fromStruct(Depository.Batch s) {
    return new Batch(
        s.externalToReserve.stream().map(op -> new Batch.ExternalToReserve(op.tokenId.intValueExact(), op.amount))
            .toList(),
        s.reserveToReserve.stream()
            .map(op -> new Batch.ReserveToReserve(EntityId.ofBytes(op.receiver), op.tokenId.intValueExact(), op.amount))
            .toList(),
        s.disputeCounters.stream().map(BatchCall::fromStruct).toList(),
        s.disputeFinalizations.stream()
            .map(f -> new Batch.DisputeFinalization(EntityId.ofBytes(f.counterparty), fromStruct(f.deltas)))
            .toList(),
        s.collateralToReserve.stream()
            .map(op -> new Batch.CollateralToReserve(EntityId.ofBytes(op.counterparty), op.tokenId.intValueExact(),
                op.amount, op.nonce, Signature.of(op.signature)))
            .toList(),
        s.settlements.stream()
            .map(st -> new Batch.Settlement(EntityId.ofBytes(st.counterparty),
                st.diffs.stream().map(d -> new Batch.SettlementDiff(d.tokenId.intValueExact(), d.leftReserveDiff,
                    d.rightReserveDiff, d.collateralDiff, d.ondeltaDiff)).toList(),
                st.nonce, Signature.of(st.signature)))
            .toList(),
        s.reserveToCollateral.stream()
            .map(r -> new Batch.ReserveToCollateral(r.tokenId.intValueExact(),
                r.pairs.stream().map(p -> new Batch.R2CPair(EntityId.ofBytes(p.counterparty), p.amount)).toList()))
            .toList(),
        s.disputeStarts.stream().map(BatchCall::fromStruct).toList(),
        s.reserveToExternal.stream()
            .map(op -> new Batch.ReserveToExternal(op.receiver, op.tokenId.intValueExact(), op.amount))
            .toList());
  }

  private static Batch.DisputeClaim fromStruct(Depository.DisputeClaim c) {
    Optional<Signature> signature =
        c.nonce.signum() == 0 ? Optional.empty() : Optional.of(Signature.of(c.signature));
    return new Batch.DisputeClaim(EntityId.ofBytes(c.counterparty), c.nonce, fromStruct(c.deltas), signature);
  }

  private static List<Batch.TokenDelta> fromStruct(List<Depository.TokenDelta> deltas) {
    return deltas.stream().map(d -> new Batch.TokenDelta(d.tokenId.intValueExact(), d.offdelta)).toList();
  }

  static Depository.Batch toStruct(Batch b) {
    return new Depository.Batch(
        b.externalToReserve().stream()
            .map(op -> new Depository.ExternalToReserve(big(op.tokenId()), op.amount()))
            .toList(),
        b.reserveToReserve().stream()
            .map(op -> new Depository.ReserveToReserve(op.receiver().toBytes(), big(op.tokenId()), op.amount()))
            .toList(),
        b.disputeCounters().stream().map(BatchCall::toStruct).toList(),
        b.disputeFinalizations().stream()
            .map(f -> new Depository.DisputeFinalization(f.counterparty().toBytes(), toStruct(f.deltas())))
            .toList(),
        b.collateralToReserve().stream()
            .map(
                op ->
                    new Depository.CollateralToReserve(
                        op.counterparty().toBytes(),
                        big(op.tokenId()),
                        op.amount(),
                        op.nonce(),
                        op.signature().toBytes()))
            .toList(),
        b.settlements().stream()
            .map(
                s ->
                    new Depository.Settlement(
                        s.counterparty().toBytes(),
                        s.diffs().stream().map(BatchCall::toStruct).toList(),
                        s.nonce(),
                        s.signature().toBytes()))
            .toList(),
        b.reserveToCollateral().stream()
            .map(
                r ->
                    new Depository.ReserveToCollateral(
                        big(r.tokenId()),
                        r.pairs().stream()
                            .map(p -> new Depository.R2CPair(p.counterparty().toBytes(), p.amount()))
                            .toList()))
            .toList(),
        b.disputeStarts().stream().map(BatchCall::toStruct).toList(),
        b.reserveToExternal().stream()
            .map(op -> new Depository.ReserveToExternal(op.receiver(), big(op.tokenId()), op.amount()))
            .toList());
  }

  static Depository.DisputeClaim toStruct(Batch.DisputeClaim c) {
    return new Depository.DisputeClaim(
        c.counterparty().toBytes(), c.nonce(), toStruct(c.deltas()),
        c.signature().map(Signature::toBytes).orElse(new byte[0]));
  }

  static List<Depository.TokenDelta> toStruct(List<Batch.TokenDelta> deltas) {
    return deltas.stream().map(d -> new Depository.TokenDelta(big(d.tokenId()), d.offdelta())).toList();
  }

  static Depository.SettlementDiff toStruct(Batch.SettlementDiff d) {
    return new Depository.SettlementDiff(
        big(d.tokenId()), d.leftReserveDiff(), d.rightReserveDiff(), d.collateralDiff(), d.ondeltaDiff());
  }

  private static BigInteger big(int value) {
    return BigInteger.valueOf(value);
  }
}
