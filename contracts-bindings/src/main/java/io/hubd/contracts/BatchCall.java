package io.hubd.contracts;

import io.hubd.contracts.generated.Depository;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
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
            Depository.FUNC_PROCESSBATCH, List.<Type>of(toStruct(batch), new Uint256(batchNonce)), List.of());
    String callData = FunctionEncoder.encode(function);
    byte[] arguments = Numeric.hexStringToByteArray(callData.substring(10)); // drop 0x and the 4-byte selector
    return new BatchCall(batch, batchNonce, callData, Numeric.toHexString(Hash.sha3(arguments)));
  }

  static Depository.Batch toStruct(Batch b) {
    return new Depository.Batch(
        b.externalToReserve().stream()
            .map(op -> new Depository.ExternalToReserve(big(op.tokenId()), op.amount()))
            .toList(),
        b.reserveToReserve().stream()
            .map(op -> new Depository.ReserveToReserve(op.receiver().toBytes(), big(op.tokenId()), op.amount()))
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
        b.reserveToExternal().stream()
            .map(op -> new Depository.ReserveToExternal(op.receiver(), big(op.tokenId()), op.amount()))
            .toList());
  }

  static Depository.SettlementDiff toStruct(Batch.SettlementDiff d) {
    return new Depository.SettlementDiff(
        big(d.tokenId()), d.leftReserveDiff(), d.rightReserveDiff(), d.collateralDiff(), d.ondeltaDiff());
  }

  private static BigInteger big(int value) {
    return BigInteger.valueOf(value);
  }
}
