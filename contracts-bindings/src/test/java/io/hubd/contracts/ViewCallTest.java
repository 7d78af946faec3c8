package io.hubd.contracts;

import static io.hubd.contracts.Fixtures.big;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;

class ViewCallTest {
  private static final EntityId ENTITY = Fixtures.repeated(0x01);
  private static final EntityId PEER = Fixtures.repeated(0xfe);
  private static final String TOKEN = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
  private static final String WALLET = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";

  @Test
  void everyDepositoryCallTargetsAFunctionOfTheCompiledAbi() {
    List<String> functions = functionSignatures("Depository");

    for (String data :
        List.of(
            DepositoryCalls.reserveOf(ENTITY, 1).data(),
            DepositoryCalls.reservesOf(ENTITY, List.of(1, 2)).data(),
            DepositoryCalls.batchNonceOf(ENTITY).data(),
            DepositoryCalls.accountOf(ENTITY, PEER, 1).data(),
            DepositoryCalls.accountsOf(ENTITY, List.of(PEER), 1).data(),
            DepositoryCalls.tokenCount().data(),
            DepositoryCalls.tokenAddress(1).data(),
            DepositoryCalls.tokenIdOf(TOKEN).data(),
            DepositoryCalls.domainSeparator().data(),
            DepositoryCalls.owner().data(),
            DepositoryCalls.registerToken(TOKEN))) {
      assertThat(functions.stream().map(Fixtures::selector)).as(data).contains(data.substring(0, 10));
    }
  }

  @Test
  void everyTokenAndFaucetCallTargetsAFunctionOfTheCompiledAbi() {
    List<String> token = functionSignatures("TestToken");
    List<String> faucet = functionSignatures("Faucet");

    for (String data :
        List.of(
            Erc20Calls.balanceOf(WALLET).data(),
            Erc20Calls.allowance(WALLET, TOKEN).data(),
            Erc20Calls.totalSupply().data(),
            Erc20Calls.decimals().data(),
            Erc20Calls.approve(TOKEN, big(1)),
            Erc20Calls.transfer(TOKEN, big(1)),
            Erc20Calls.mint(WALLET, big(1)))) {
      assertThat(token.stream().map(Fixtures::selector)).as(data).contains(data.substring(0, 10));
    }
    for (String data :
        List.of(
            FaucetCalls.drip(TOKEN, WALLET, big(1)),
            FaucetCalls.configure(TOKEN, big(1), 60, true),
            FaucetCalls.nextDripAt(TOKEN, WALLET).data(),
            FaucetCalls.available(TOKEN).data(),
            FaucetCalls.maxPerDrip(TOKEN).data())) {
      assertThat(faucet.stream().map(Fixtures::selector)).as(data).contains(data.substring(0, 10));
    }
  }

  @Test
  void encodesTheArguments() {
    assertThat(DepositoryCalls.reserveOf(ENTITY, 2).data())
        .isEqualTo(call("reserveOf(bytes32,uint256)", Abi.tuple(Abi.bytes32(ENTITY.toBytes()), Abi.uint(2))));
    assertThat(DepositoryCalls.reservesOf(ENTITY, List.of(1, 3)).data())
        .isEqualTo(
            call(
                "reservesOf(bytes32,uint256[])",
                Abi.tuple(Abi.bytes32(ENTITY.toBytes()), Abi.array(List.of(Abi.uint(1), Abi.uint(3))))));
    assertThat(DepositoryCalls.accountsOf(ENTITY, List.of(PEER, ENTITY), 4).data())
        .isEqualTo(
            call(
                "accountsOf(bytes32,bytes32[],uint256)",
                Abi.tuple(
                    Abi.bytes32(ENTITY.toBytes()),
                    Abi.array(List.of(Abi.bytes32(PEER.toBytes()), Abi.bytes32(ENTITY.toBytes()))),
                    Abi.uint(4))));
    assertThat(FaucetCalls.configure(TOKEN, big(10), 60, true))
        .isEqualTo(
            call(
                "configure(address,uint256,uint64,bool)",
                Abi.tuple(Abi.address(TOKEN), Abi.uint(10), Abi.uint(60), Abi.uint(1))));
  }

  @Test
  void decodesUintResults() {
    BigInteger large = BigInteger.ONE.shiftLeft(255);

    assertThat(DepositoryCalls.reserveOf(ENTITY, 1).decode(returned(Abi.uint(large)))).isEqualTo(large);
    assertThat(DepositoryCalls.batchNonceOf(ENTITY).decode(returned(Abi.uint(8)))).isEqualTo(big(8));
    assertThat(DepositoryCalls.tokenCount().decode(returned(Abi.uint(2)))).isEqualTo(big(2));
    assertThat(Erc20Calls.decimals().decode(returned(Abi.uint(6)))).isEqualTo(6);
    assertThat(FaucetCalls.maxPerDrip(TOKEN).decode(returned(Abi.uint(100), Abi.uint(60), Abi.uint(1))))
        .isEqualTo(big(100));
  }

  @Test
  void decodesArrayResults() {
    assertThat(
            DepositoryCalls.reservesOf(ENTITY, List.of(1, 2))
                .decode(returned(Abi.array(List.of(Abi.uint(5), Abi.uint(0))))))
        .containsExactly(big(5), big(0));
    assertThat(DepositoryCalls.reservesOf(ENTITY, List.of()).decode(returned(Abi.array(List.of())))).isEmpty();
  }

  @Test
  void decodesAccountsWithNegativeOndelta() {
    Abi first = Abi.tuple(Abi.uint(10), Abi.int256(big(-3)), Abi.uint(4));
    Abi second = Abi.tuple(Abi.uint(0), Abi.int256(BigInteger.ONE.shiftLeft(127).negate()), Abi.uint(0));

    assertThat(DepositoryCalls.accountOf(ENTITY, PEER, 1).decode(returned(first)))
        .isEqualTo(new AccountState(big(10), big(-3), big(4)));
    assertThat(DepositoryCalls.accountsOf(ENTITY, List.of(PEER, PEER), 1).decode(returned(Abi.array(List.of(first,
            second)))))
        .containsExactly(
            new AccountState(big(10), big(-3), big(4)),
            new AccountState(BigInteger.ZERO, BigInteger.ONE.shiftLeft(127).negate(), BigInteger.ZERO));
  }

  @Test
  void decodesAddressesAndHashes() {
    String separator = "0x" + "9f".repeat(32);

    assertThat(DepositoryCalls.tokenAddress(1).decode(returned(Abi.address(TOKEN)))).isEqualTo(TOKEN);
    assertThat(DepositoryCalls.owner().decode(returned(Abi.address(WALLET)))).isEqualTo(WALLET);
    assertThat(DepositoryCalls.domainSeparator().decode(returned(Abi.bytes32(Numeric.hexStringToByteArray(separator)))))
        .isEqualTo(separator);
  }

  @Test
  void refusesAnEmptyResultAsNoContract() {
    assertThatThrownBy(() -> DepositoryCalls.reserveOf(ENTITY, 1).decode("0x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("reserveOf returned no data: is a contract deployed there?");
    assertThatThrownBy(() -> DepositoryCalls.accountsOf(ENTITY, List.of(PEER), 1).decode("0x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("accountsOf returned no data: is a contract deployed there?");
  }

  @Test
  void isNamedAfterTheFunction() {
    assertThat(DepositoryCalls.accountOf(ENTITY, PEER, 1).name()).isEqualTo("accountOf");
  }

  private static String call(String signature, Abi arguments) {
    return Fixtures.selector(signature) + Numeric.toHexStringNoPrefix(arguments.encode());
  }

  private static String returned(Abi... values) {
    return Numeric.toHexString(Abi.tuple(values).encode());
  }

  /** Canonical signatures, e.g. {@code reserveOf(bytes32,uint256)}, of the functions in a compiled ABI. */
  private static List<String> functionSignatures(String contract) {
    String resource = "/io/hubd/contracts/compiled/" + contract + ".json";
    try (InputStream in = ViewCallTest.class.getResourceAsStream(resource)) {
      List<String> signatures = new ArrayList<>();
      for (JsonNode entry : new ObjectMapper().readTree(in).get("abi")) {
        if ("function".equals(entry.get("type").asText())) {
          signatures.add(entry.get("name").asText() + "(" + types(entry.get("inputs")) + ")");
        }
      }
      return signatures;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String types(JsonNode inputs) {
    return StreamSupport.stream(inputs.spliterator(), false)
        .map(
            input -> {
              String type = input.get("type").asText();
              return type.startsWith("tuple")
                  ? "(" + types(input.get("components")) + ")" + type.substring("tuple".length())
                  : type;
            })
        .collect(Collectors.joining(","));
  }
}
