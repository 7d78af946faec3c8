package io.hubd.contracts;

import static io.hubd.contracts.Fixtures.big;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubd.contracts.generated.Depository;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

class BatchCallTest {
  private static final String CLAIM = "(bytes32,uint256,(uint256,int256)[],bytes)";
  private static final String PROCESS_BATCH =
      "processBatch(((uint256,uint256)[],(bytes32,uint256,uint256)[]," + CLAIM + "[],(bytes32,(uint256,int256)[])[],"
          + "(bytes32,uint256,uint256,uint256,bytes)[],"
          + "(bytes32,(uint256,int256,int256,int256,int256)[],uint256,bytes)[],(uint256,(bytes32,uint256)[])[],"
          + CLAIM + "[],(address,uint256,uint256)[]),uint256)";
  private static final EntityId LOW = Fixtures.repeated(0x01);
  private static final EntityId HIGH = Fixtures.repeated(0xf0);
  private static final String WALLET = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
  private static final BigInteger MAX_AMOUNT = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);

  static Stream<Batch> batches() {
    Batch.SettlementDiff negative =
        new Batch.SettlementDiff(2, big(-100), big(40), big(60), BigInteger.ONE.shiftLeft(126).negate());
    return Stream.of(
        Batch.EMPTY,
        Batch.builder().externalToReserve(new Batch.ExternalToReserve(1, big(5))).build(),
        Batch.builder()
            .settlement(new Batch.Settlement(HIGH, List.of(), big(1), Fixtures.signature(1)))
            .build(),
        Batch.builder()
            .externalToReserve(new Batch.ExternalToReserve(1, MAX_AMOUNT))
            .externalToReserve(new Batch.ExternalToReserve(2, big(7)))
            .reserveToReserve(new Batch.ReserveToReserve(HIGH, 1, big(3)))
            .collateralToReserve(new Batch.CollateralToReserve(LOW, 1, big(11), big(4), Fixtures.signature(2)))
            .collateralToReserve(new Batch.CollateralToReserve(HIGH, 2, big(12), big(5), Fixtures.signature(3)))
            .settlement(new Batch.Settlement(LOW, List.of(), big(6), Fixtures.signature(4)))
            .settlement(
                new Batch.Settlement(
                    HIGH,
                    List.of(new Batch.SettlementDiff(1, big(5), big(-5), big(0), big(-5)), negative),
                    big(7),
                    Fixtures.signature(5)))
            .reserveToCollateral(new Batch.ReserveToCollateral(1, List.of()))
            .reserveToCollateral(
                new Batch.ReserveToCollateral(
                    2, List.of(new Batch.R2CPair(LOW, big(8)), new Batch.R2CPair(HIGH, MAX_AMOUNT))))
            .reserveToExternal(new Batch.ReserveToExternal(WALLET, 2, big(9)))
            .build(),
        Batch.builder()
            .disputeCounter(
                new Batch.DisputeClaim(HIGH, big(9),
                    List.of(new Batch.TokenDelta(1, big(-5)), new Batch.TokenDelta(2, MAX_AMOUNT.negate())),
                    java.util.Optional.of(Fixtures.signature(6))))
            .disputeFinalization(new Batch.DisputeFinalization(LOW, List.of(new Batch.TokenDelta(2, big(3)))))
            .disputeFinalization(new Batch.DisputeFinalization(HIGH, List.of()))
            .reserveToCollateral(new Batch.ReserveToCollateral(1, List.of(new Batch.R2CPair(LOW, big(8)))))
            .disputeStart(Batch.DisputeClaim.onChainState(LOW, List.of(2, 1)))
            .disputeStart(
                new Batch.DisputeClaim(HIGH, big(10), List.of(new Batch.TokenDelta(1, MAX_AMOUNT)),
                    java.util.Optional.of(Fixtures.signature(7))))
            .build());
  }

  @Test
  void selectorIsTheOneOfTheCanonicalProcessBatchSignature() {
    BatchCall call = BatchCall.of(Batch.EMPTY, big(1));

    assertThat(call.callData()).startsWith(Fixtures.selector(PROCESS_BATCH));
  }

  @ParameterizedTest
  @MethodSource("batches")
  void encodesTheArgumentsAsTheAbiSpecificationPrescribes(Batch batch) {
    BatchCall call = BatchCall.of(batch, big(3));

    String expected = Numeric.toHexStringNoPrefix(Abi.tuple(abi(batch), Abi.uint(3)).encode());

    assertThat(call.callData().substring(10)).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("batches")
  void batchHashIsKeccakOfTheArgumentsWithoutTheSelector(Batch batch) {
    BatchCall call = BatchCall.of(batch, big(12));

    byte[] arguments = Numeric.hexStringToByteArray(call.callData().substring(10));

    assertThat(call.batchHash()).isEqualTo(Numeric.toHexString(Hash.sha3(arguments)));
    assertThat(call.batch()).isEqualTo(batch);
    assertThat(call.batchNonce()).isEqualTo(big(12));
  }

  @Test
  void batchHashDependsOnTheNonce() {
    assertThat(BatchCall.of(Batch.EMPTY, big(1)).batchHash()).isNotEqualTo(BatchCall.of(Batch.EMPTY, big(2)).batchHash());
  }

  @ParameterizedTest
  @MethodSource("batches")
  @SuppressWarnings({"rawtypes", "unchecked"})
  void web3jDecodesTheCallDataBackIntoTheSameBatch(Batch batch) {
    BatchCall call = BatchCall.of(batch, big(77));

    List<Type> decoded =
        FunctionReturnDecoder.decode(
            "0x" + call.callData().substring(10),
            (List) List.of(new TypeReference<Depository.Batch>() {}, new TypeReference<Uint256>() {}));

    assertThat(BatchCall.decode(call.callData()).batch()).isEqualTo(batch);
    assertThat(decoded.get(1).getValue()).isEqualTo(big(77));
  }

  @Test
  void rejectsAMissingBatchOrANonPositiveNonce() {
    assertThatThrownBy(() -> BatchCall.of(null, big(1)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("batch == null");
    assertThatThrownBy(() -> BatchCall.of(Batch.EMPTY, BigInteger.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batchNonce must be positive: 0");
  }

  /** The batch as the ABI sees it, built from the Solidity struct definitions rather than from web3j's types. */
  private static Abi abi(Batch b) {
    return Abi.tuple(
        Abi.array(b.externalToReserve().stream().map(op -> Abi.tuple(Abi.uint(op.tokenId()), Abi.uint(op.amount())))
            .toList()),
        Abi.array(b.reserveToReserve().stream()
            .map(op -> Abi.tuple(id(op.receiver()), Abi.uint(op.tokenId()), Abi.uint(op.amount())))
            .toList()),
        Abi.array(b.disputeCounters().stream().map(BatchCallTest::claim).toList()),
        Abi.array(b.disputeFinalizations().stream()
            .map(f -> Abi.tuple(id(f.counterparty()), deltas(f.deltas())))
            .toList()),
        Abi.array(b.collateralToReserve().stream()
            .map(op -> Abi.tuple(id(op.counterparty()), Abi.uint(op.tokenId()), Abi.uint(op.amount()),
                Abi.uint(op.nonce()), new Abi.Bytes(op.signature().toBytes())))
            .toList()),
        Abi.array(b.settlements().stream()
            .map(s -> Abi.tuple(id(s.counterparty()),
                Abi.array(s.diffs().stream()
                    .map(d -> Abi.tuple(Abi.uint(d.tokenId()), Abi.int256(d.leftReserveDiff()),
                        Abi.int256(d.rightReserveDiff()), Abi.int256(d.collateralDiff()), Abi.int256(d.ondeltaDiff())))
                    .toList()),
                Abi.uint(s.nonce()), new Abi.Bytes(s.signature().toBytes())))
            .toList()),
        Abi.array(b.reserveToCollateral().stream()
            .map(r -> Abi.tuple(Abi.uint(r.tokenId()),
                Abi.array(r.pairs().stream().map(p -> Abi.tuple(id(p.counterparty()), Abi.uint(p.amount()))).toList())))
            .toList()),
        Abi.array(b.disputeStarts().stream().map(BatchCallTest::claim).toList()),
        Abi.array(b.reserveToExternal().stream()
            .map(op -> Abi.tuple(Abi.address(op.receiver()), Abi.uint(op.tokenId()), Abi.uint(op.amount())))
            .toList()));
  }

  private static Abi claim(Batch.DisputeClaim c) {
    return Abi.tuple(id(c.counterparty()), Abi.uint(c.nonce()), deltas(c.deltas()),
        new Abi.Bytes(c.signature().map(Signature::toBytes).orElse(new byte[0])));
  }

  private static Abi deltas(List<Batch.TokenDelta> deltas) {
    return Abi.array(deltas.stream().map(d -> Abi.tuple(Abi.uint(d.tokenId()), Abi.int256(d.offdelta()))).toList());
  }

  private static Abi id(EntityId id) {
    return Abi.bytes32(id.toBytes());
  }

}
