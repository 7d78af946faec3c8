package io.hubd.contracts;

import static io.hubd.contracts.Fixtures.big;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubd.contracts.generated.Depository;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

class DepositoryEventsTest {
  private static final String BLOCK_HASH = "0x" + "ab".repeat(32);
  private static final String TX_HASH = "0x" + "cd".repeat(32);
  private static final LogRef REF = new LogRef(1234, BLOCK_HASH, TX_HASH, 7);
  private static final EntityId LEFT = Fixtures.repeated(0x01);
  private static final EntityId RIGHT = Fixtures.repeated(0xfe);
  private static final String TOKEN = "0x5fbdb2315678afecb367f032d93f642f64180aa3";

  @Test
  void topicsAreTheKeccakOfTheEventSignatures() {
    assertThat(DepositoryEvents.MIRRORED_TOPICS)
        .containsExactly(
            topic("TokenRegistered(uint256,address)"),
            topic("ReserveUpdated(bytes32,uint256,uint256)"),
            topic("AccountUpdated(bytes32,bytes32,uint256,uint256,int256,uint256)"),
            topic("BatchProcessed(bytes32,bytes32,uint256)"),
            topic("AccountsFunded(bytes32,uint256,bytes32[])"));
    assertThat(DepositoryEvents.DISPUTE_TOPICS)
        .containsExactly(
            topic("DisputeStarted(bytes32,bytes32,bytes32,uint256,uint256,(uint256,int256)[])"),
            topic("DisputeCountered(bytes32,bytes32,bytes32,uint256,uint256,(uint256,int256)[])"),
            topic("DisputeFinalised(bytes32,bytes32,uint256)"),
            topic("UncollectableCredit(bytes32,bytes32,uint256,uint256)"));
  }

  @Test
  void decodesTokenRegistered() {
    Log log = log(List.of(topic("TokenRegistered(uint256,address)"), word(new Uint256(3)), word(new Address(TOKEN))));

    assertThat(DepositoryEvents.decode(log)).contains(new DepositoryEvent.TokenRegistered(REF, 3, TOKEN));
  }

  @Test
  void decodesReserveUpdated() {
    BigInteger balance = BigInteger.ONE.shiftLeft(200);
    Log log =
        log(
            List.of(topic("ReserveUpdated(bytes32,uint256,uint256)"), word(new Bytes32(RIGHT.toBytes())),
                word(new Uint256(2))),
            new Uint256(balance));

    assertThat(DepositoryEvents.decode(log)).contains(new DepositoryEvent.ReserveUpdated(REF, RIGHT, 2, balance));
  }

  @Test
  void decodesAccountUpdatedWithANegativeOndelta() {
    Log log =
        log(
            List.of(
                topic("AccountUpdated(bytes32,bytes32,uint256,uint256,int256,uint256)"),
                word(new Bytes32(LEFT.toBytes())),
                word(new Bytes32(RIGHT.toBytes())),
                word(new Uint256(1))),
            new Uint256(500),
            new Int256(-250),
            new Uint256(9));

    assertThat(DepositoryEvents.decode(log))
        .contains(new DepositoryEvent.AccountUpdated(REF, LEFT, RIGHT, 1, big(500), big(-250), big(9)));
  }

  @Test
  void decodesBatchProcessed() {
    String batchHash = "0x" + "5a".repeat(32);
    Log log =
        log(
            List.of(topic("BatchProcessed(bytes32,bytes32,uint256)"), word(new Bytes32(LEFT.toBytes()))),
            new Bytes32(Numeric.hexStringToByteArray(batchHash)),
            new Uint256(17));

    assertThat(DepositoryEvents.decode(log))
        .contains(new DepositoryEvent.BatchProcessed(REF, LEFT, batchHash, big(17)));
  }

  @Test
  void decodesAccountsFundedIntoOneEventWithEveryAccountOfTheLog() {
    BigInteger bigCollateral = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
    BigInteger minOndelta = BigInteger.ONE.shiftLeft(127).negate();
    String data =
        FunctionEncoder.encodeConstructor(
            List.of(
                new DynamicArray<>(
                    Bytes32.class,
                    new Bytes32(RIGHT.toBytes()), post(big(500), big(-250)),
                    new Bytes32(LEFT.toBytes()), post(bigCollateral, minOndelta))));
    Log log =
        rawLog(
            List.of(topic("AccountsFunded(bytes32,uint256,bytes32[])"), word(new Bytes32(LEFT.toBytes())),
                word(new Uint256(2))),
            data);

    DepositoryEvent.AccountsFunded event =
        (DepositoryEvent.AccountsFunded) DepositoryEvents.decode(log).orElseThrow();

    assertThat(event)
        .isEqualTo(
            new DepositoryEvent.AccountsFunded(REF, LEFT, 2,
                List.of(new DepositoryEvent.FundedAccount(RIGHT, big(500), big(-250)),
                    new DepositoryEvent.FundedAccount(LEFT, bigCollateral, minOndelta))));
    assertThat(event.concerning(LEFT)).contains(event);
    assertThat(event.concerning(RIGHT).orElseThrow().accounts())
        .containsExactly(new DepositoryEvent.FundedAccount(RIGHT, big(500), big(-250)));
    assertThat(event.concerning(Fixtures.repeated(0x33))).isEmpty();
  }

  @Test
  void decodesDisputeEventsWithTheirDeltas() {
    String data =
        FunctionEncoder.encodeConstructor(
            List.of(new Uint256(7), new Uint256(120),
                new DynamicArray<>(Depository.TokenDelta.class,
                    new Depository.TokenDelta(big(1), big(-40)), new Depository.TokenDelta(big(2), big(9)))));
    List<String> sides = List.of(word(new Bytes32(LEFT.toBytes())), word(new Bytes32(RIGHT.toBytes())),
        word(new Bytes32(RIGHT.toBytes())));
    List<Batch.TokenDelta> deltas = List.of(new Batch.TokenDelta(1, big(-40)), new Batch.TokenDelta(2, big(9)));

    Log started = rawLog(concat(topic("DisputeStarted(bytes32,bytes32,bytes32,uint256,uint256,(uint256,int256)[])"),
        sides), data);
    Log countered = rawLog(
        concat(topic("DisputeCountered(bytes32,bytes32,bytes32,uint256,uint256,(uint256,int256)[])"), sides), data);
    Log finalised = log(List.of(topic("DisputeFinalised(bytes32,bytes32,uint256)"), sides.get(0), sides.get(1)),
        new Uint256(7));
    Log credit = log(List.of(topic("UncollectableCredit(bytes32,bytes32,uint256,uint256)"), sides.get(0),
        sides.get(1), word(new Uint256(2))), new Uint256(33));

    assertThat(DepositoryEvents.decode(started))
        .contains(new DepositoryEvent.DisputeClaimed(REF, DepositoryEvent.DisputeClaimed.Kind.STARTED, LEFT, RIGHT,
            RIGHT, big(7), 120, deltas));
    assertThat(DepositoryEvents.decode(countered))
        .contains(new DepositoryEvent.DisputeClaimed(REF, DepositoryEvent.DisputeClaimed.Kind.COUNTERED, LEFT, RIGHT,
            RIGHT, big(7), 120, deltas));
    assertThat(DepositoryEvents.decode(finalised)).contains(new DepositoryEvent.DisputeFinalised(REF, LEFT, RIGHT,
        big(7)));
    assertThat(DepositoryEvents.decode(credit))
        .contains(new DepositoryEvent.UncollectableCredit(REF, LEFT, RIGHT, 2, big(33)));
  }

  private static Bytes32 post(BigInteger collateral, BigInteger ondelta) {
    BigInteger word = collateral.shiftLeft(128).or(ondelta.and(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE)));
    return new Bytes32(Numeric.toBytesPadded(word, 32));
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> out = new ArrayList<>();
    out.add(first);
    out.addAll(rest);
    return out;
  }

  private static Log rawLog(List<String> topics, String data) {
    return new Log(false, "0x7", "0x0", TX_HASH, BLOCK_HASH, "0x4d2", TOKEN, "0x" + data, null,
        new ArrayList<>(topics));
  }

  @Test
  void ignoresEventsItDoesNotMirror() {
    Log ownership =
        log(List.of(topic("OwnershipTransferred(address,address)"), word(new Address(TOKEN)), word(new Address(TOKEN))));

    assertThat(DepositoryEvents.decode(ownership)).isEmpty();
    assertThat(DepositoryEvents.decode(log(List.of(topic("EIP712DomainChanged()"))))).isEmpty();
    assertThat(DepositoryEvents.decode(log(List.of()))).isEmpty();
  }

  @Test
  void refusesALogRemovedByAReorganisation() {
    Log log = log(List.of(topic("ReserveUpdated(bytes32,uint256,uint256)"), word(new Bytes32(LEFT.toBytes())),
        word(new Uint256(2))), new Uint256(1));
    log.setRemoved(true);

    assertThatThrownBy(() -> DepositoryEvents.decode(log))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("log was removed by a reorganisation: " + TX_HASH);
  }

  private static Log log(List<String> topics, Type<?>... data) {
    StringBuilder hex = new StringBuilder("0x");
    for (Type<?> value : data) {
      hex.append(TypeEncoder.encode(value));
    }
    return new Log(
        false, "0x7", "0x0", TX_HASH, BLOCK_HASH, "0x4d2", TOKEN, hex.toString(), null, new ArrayList<>(topics));
  }

  private static String topic(String signature) {
    return Numeric.toHexString(Hash.sha3(signature.getBytes(StandardCharsets.UTF_8)));
  }

  private static String word(Type<?> value) {
    return "0x" + TypeEncoder.encode(value);
  }
}
