package io.hubd.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubd.contracts.generated.Depository;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

class DepositoryEventsDecodingTest {
  private static final EntityId LEFT = EntityId.ofAddress("0x1000000000000000000000000000000000000001");
  private static final EntityId RIGHT = EntityId.ofAddress("0x9000000000000000000000000000000000000009");

  @SuppressWarnings("rawtypes") // FunctionEncoder takes web3j's raw List<Type>
  private static Log log(List<String> topics, List<Type> data) {
    return new Log(false, "0x1f", "0x0", "0x" + "ab".repeat(32), "0x" + "cd".repeat(32), "0x2a",
        "0x00000000000000000000000000000000000000d0", "0x" + FunctionEncoder.encodeConstructor(data), null, topics);
  }

  private static String topic(long value) {
    return Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(value), 64);
  }

  @Test
  @SuppressWarnings({"rawtypes", "unchecked"})
  void decodesAccountUpdatesAsWeb3jsGenericDecoderDoes() {
    Random random = new Random(42);
    BigInteger int256Max = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE);
    List<BigInteger> ondeltas = List.of(BigInteger.ZERO, BigInteger.ONE.negate(), int256Max, int256Max.negate(),
        int256Max.negate().subtract(BigInteger.ONE), new BigInteger(200, random).negate(), new BigInteger(127, random));
    for (BigInteger ondelta : ondeltas) {
      BigInteger collateral = new BigInteger(256, random);
      BigInteger nonce = new BigInteger(64, random);
      List<Type> data = List.of(new Uint256(collateral), new Int256(ondelta), new Uint256(nonce));
      Log log = log(List.of(DepositoryEvents.ACCOUNT_UPDATED, LEFT.hex(), RIGHT.hex(), topic(2)), data);

      DepositoryEvent.AccountUpdated event = (DepositoryEvent.AccountUpdated) DepositoryEvents.decode(log).orElseThrow();

      List<Type> generic =
          FunctionReturnDecoder.decode(log.getData(), (List) Depository.ACCOUNTUPDATED_EVENT.getNonIndexedParameters());
      assertThat(List.of(event.collateral(), event.ondelta(), event.nonce()))
          .isEqualTo(generic.stream().map(Type::getValue).toList())
          .isEqualTo(List.of(collateral, ondelta, nonce));
      assertThat(event.left()).isEqualTo(LEFT);
      assertThat(event.right()).isEqualTo(RIGHT);
      assertThat(event.tokenId()).isEqualTo(2);
      assertThat(event.ref()).isEqualTo(new LogRef(42, "0x" + "cd".repeat(32), "0x" + "ab".repeat(32), 31));
    }
  }

  @Test
  void decodesReserveBatchAndTokenEvents() {
    BigInteger balance = BigInteger.TEN.pow(30);
    DepositoryEvent reserve = DepositoryEvents.decode(
        log(List.of(DepositoryEvents.RESERVE_UPDATED, LEFT.hex(), topic(1)), List.of(new Uint256(balance)))).orElseThrow();
    assertThat(reserve).isEqualTo(new DepositoryEvent.ReserveUpdated(reserve.ref(), LEFT, 1, balance));

    byte[] hash = Numeric.hexStringToByteArray("0x" + "Ef".repeat(32));
    DepositoryEvent batch = DepositoryEvents.decode(log(List.of(DepositoryEvents.BATCH_PROCESSED, RIGHT.hex()),
        List.of(new Bytes32(hash), new Uint256(7)))).orElseThrow();
    assertThat(batch).isEqualTo(
        new DepositoryEvent.BatchProcessed(batch.ref(), RIGHT, "0x" + "ef".repeat(32), BigInteger.valueOf(7)));

    DepositoryEvent token = DepositoryEvents.decode(log(List.of(DepositoryEvents.TOKEN_REGISTERED, topic(3),
        Numeric.toHexStringWithPrefixZeroPadded(new BigInteger("00000000000000000000000000000000000000a1", 16), 64)),
        List.of())).orElseThrow();
    assertThat(token).isEqualTo(
        new DepositoryEvent.TokenRegistered(token.ref(), 3, "0x00000000000000000000000000000000000000a1"));
  }

  @Test
  void ignoresOtherEventsAndRefusesTruncatedData() {
    assertThat(DepositoryEvents.decode(log(List.of("0x" + "12".repeat(32)), List.of()))).isEmpty();
    assertThatThrownBy(() -> DepositoryEvents.decode(
            log(List.of(DepositoryEvents.ACCOUNT_UPDATED, LEFT.hex(), RIGHT.hex(), topic(2)), List.of(new Uint256(1)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too short");
  }
}
