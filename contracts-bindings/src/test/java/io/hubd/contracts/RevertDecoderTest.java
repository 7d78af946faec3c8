package io.hubd.contracts;

import static io.hubd.contracts.Fixtures.big;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.utils.Numeric;

class RevertDecoderTest {
  private static final RevertDecoder DECODER = RevertDecoder.instance();
  private static final EntityId LEFT = Fixtures.repeated(0x01);
  private static final EntityId RIGHT = Fixtures.repeated(0xfe);
  private static final String TOKEN = "0x5fbdb2315678afecb367f032d93f642f64180aa3";

  /** A custom error as the contract reverts with it, and what it must decode to. */
  record Case(String signature, List<Type<?>> values, RevertReason expected) {
    String data() {
      return encode(signature, values);
    }

    @Override
    public String toString() {
      return signature;
    }
  }

  static Stream<Case> depositoryErrors() {
    return Stream.of(
        error("BatchTooLarge(uint8,uint256,uint256)", List.of(new Uint8(5), new Uint256(257), new Uint256(256)),
            "list", big(5), "size", big(257), "max", big(256)),
        error("BadBatchNonce(bytes32,uint256,uint256)", List.of(id(LEFT), new Uint256(3), new Uint256(5)),
            "entity", LEFT.hex(), "expected", big(3), "given", big(5)),
        error("UnknownToken(uint256)", List.of(new Uint256(9)), "tokenId", big(9)),
        error("TokenAlreadyRegistered(address,uint256)", List.of(new Address(TOKEN), new Uint256(1)),
            "token", TOKEN, "tokenId", big(1)),
        error("ZeroAmount()", List.of()),
        error("InvalidCounterparty(bytes32)", List.of(id(RIGHT)), "counterparty", RIGHT.hex()),
        error("InvalidReceiver()", List.of()),
        error("InsufficientReserve(bytes32,uint256,uint256,uint256)",
            List.of(id(LEFT), new Uint256(1), new Uint256(5), new Uint256(10)),
            "entity", LEFT.hex(), "tokenId", big(1), "have", big(5), "need", big(10)),
        error("InsufficientCollateral(bytes32,bytes32,uint256,uint256,uint256)",
            List.of(id(LEFT), id(RIGHT), new Uint256(2), new Uint256(0), new Uint256(1)),
            "left", LEFT.hex(), "right", RIGHT.hex(), "tokenId", big(2), "have", big(0), "need", big(1)),
        error("InvalidSignature(bytes32)", List.of(id(RIGHT)), "expectedSigner", RIGHT.hex()),
        error("StaleNonce(bytes32,bytes32,uint256,uint256)",
            List.of(id(LEFT), id(RIGHT), new Uint256(4), new Uint256(4)),
            "left", LEFT.hex(), "right", RIGHT.hex(), "stored", big(4), "given", big(4)),
        error("ConservationBroken(uint256)", List.of(new Uint256(3)), "tokenId", big(3)),
        error("AmountOverflow()", List.of()),
        error("InvalidChallengePeriod(uint256,uint256,uint256)",
            List.of(new Uint256(0), new Uint256(1), new Uint256(100_000)),
            "given", big(0), "min", big(1), "max", big(100_000)),
        error("AccountFrozen(bytes32,bytes32)", List.of(id(LEFT), id(RIGHT)), "left", LEFT.hex(), "right",
            RIGHT.hex()),
        error("NotInDispute(bytes32,bytes32)", List.of(id(LEFT), id(RIGHT)), "left", LEFT.hex(), "right",
            RIGHT.hex()),
        error("ChallengePeriodNotOver(bytes32,bytes32,uint256)", List.of(id(LEFT), id(RIGHT), new Uint256(40)),
            "left", LEFT.hex(), "right", RIGHT.hex(), "finaliseAfterBlock", big(40)),
        error("ChallengePeriodOver(bytes32,bytes32,uint256)", List.of(id(LEFT), id(RIGHT), new Uint256(40)),
            "left", LEFT.hex(), "right", RIGHT.hex(), "finaliseAfterBlock", big(40)),
        error("UnsignedOffdelta(uint256)", List.of(new Uint256(2)), "tokenId", big(2)),
        error("TokensNotAscending(uint256)", List.of(new Uint256(1)), "tokenId", big(1)),
        error("DisputedStateMismatch(bytes32,bytes32)", List.of(id(LEFT), id(RIGHT)), "left", LEFT.hex(),
            "right", RIGHT.hex()));
  }

  @ParameterizedTest
  @MethodSource("depositoryErrors")
  void decodesEveryDepositoryError(Case error) {
    assertThat(DECODER.decode(error.data())).isEqualTo(error.expected());
  }

  @Test
  void coversEveryErrorDeclaredInTheDepositorySource() {
    Matcher declared = Pattern.compile("\\berror\\s+(\\w+)\\(").matcher(Fixtures.solidity("Depository.sol"));
    List<String> tested = depositoryErrors().map(c -> c.expected().name()).toList();

    int count = 0;
    while (declared.find()) {
      assertThat(tested).contains(declared.group(1));
      count++;
    }
    assertThat(count).isEqualTo(tested.size());
  }

  @Test
  void decodesFaucetAndInheritedErrors() {
    Case faucet =
        error("CooldownActive(address,uint256)", List.of(new Address(TOKEN), new Uint256(1_700_000_000L)),
            "recipient", TOKEN, "readyAt", big(1_700_000_000L));
    Case ownable =
        error("OwnableUnauthorizedAccount(address)", List.of(new Address(TOKEN)), "account", TOKEN);
    Case erc20 =
        error("ERC20InsufficientBalance(address,uint256,uint256)",
            List.of(new Address(TOKEN), new Uint256(1), new Uint256(2)),
            "sender", TOKEN, "balance", big(1), "needed", big(2));

    for (Case c : List.of(faucet, ownable, erc20)) {
      assertThat(DECODER.decode(c.data())).as(c.signature()).isEqualTo(c.expected());
    }
  }

  @Test
  void decodesSolidityErrorStringsAndPanics() {
    String error =
        Fixtures.selector("Error(string)")
            + Numeric.toHexStringNoPrefix(
                Abi.tuple(new Abi.Bytes("ERC20: déjà vu".getBytes(StandardCharsets.UTF_8))).encode());
    String panic = encode("Panic(uint256)", List.of(new Uint256(0x11)));

    assertThat(DECODER.decode(error)).isEqualTo(new RevertReason("Error", Map.of("message", "ERC20: déjà vu")));
    assertThat(DECODER.decode(panic)).isEqualTo(new RevertReason("Panic", Map.of("code", big(0x11))));
    assertThat(DECODER.decode(panic).toString()).isEqualTo("Panic(code=17)");
  }

  @Test
  void acceptsUpperCaseAndAMissingPrefix() {
    Case error = depositoryErrors().filter(c -> c.signature().startsWith("InsufficientReserve")).findFirst().orElseThrow();

    assertThat(DECODER.decode(error.data().substring(2).toUpperCase())).isEqualTo(error.expected());
  }

  @Test
  void namesAnUnknownSelectorUnknownAndKeepsTheData() {
    String data = encode("NotOurs(uint256)", List.of(new Uint256(1)));

    assertThat(DECODER.decode(data)).isEqualTo(new RevertReason("Unknown", Map.of("data", data)));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "0x", "0x08c379", "08c379", "0x1"})
  void namesDataShorterThanASelectorUnknown(String data) {
    assertThat(DECODER.decode(data).name()).isEqualTo("Unknown");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0xzzzzzzzz",
        "0x08c379a0",
        "0x08c379a0zz",
        "0x08c379a0" + "00000000000000000000000000000000000000000000000000000000000000200",
        "0x08c379a0" + "0000000000000000000000000000000000000000000000000000000000000020"
            + "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "0x08c379a0" + "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "0x4e487b71" + "01",
        "not hex at all",
      })
  void neverThrowsOnGarbage(String data) {
    assertThatCode(() -> DECODER.decode(data)).doesNotThrowAnyException();
    assertThat(DECODER.decode(data).name()).isIn("Unknown", "Error", "Panic");
  }

  @Test
  void neverThrowsOnRandomDataBehindAKnownSelector() {
    Random random = new Random(42);
    List<String> selectors =
        Stream.concat(depositoryErrors().map(c -> Fixtures.selector(c.signature())),
                Stream.of(Fixtures.selector("Error(string)")))
            .toList();
    for (int i = 0; i < 2_000; i++) {
      byte[] body = new byte[random.nextInt(200)];
      random.nextBytes(body);
      String data = selectors.get(i % selectors.size()) + Numeric.toHexStringNoPrefix(body);

      assertThatCode(() -> DECODER.decode(data)).as(data).doesNotThrowAnyException();
    }
  }

  private static Case error(String signature, List<Type<?>> values, Object... nameValuePairs) {
    Map<String, Object> arguments = new LinkedHashMap<>();
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      arguments.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
    }
    return new Case(signature, values, new RevertReason(signature.substring(0, signature.indexOf('(')), arguments));
  }

  private static Bytes32 id(EntityId id) {
    return new Bytes32(id.toBytes());
  }

  /** Selector, then the arguments; every argument of these errors is a static word. */
  private static String encode(String signature, List<Type<?>> values) {
    StringBuilder data = new StringBuilder(Fixtures.selector(signature));
    values.forEach(v -> data.append(TypeEncoder.encode(v)));
    return data.toString();
  }
}
