package io.hubd.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;

class DepositoryCallsTest {
  @Test
  void decodesEveryElementOfAnAccountsOfResult() {
    EntityId hub = EntityId.ofAddress("0x5000000000000000000000000000000000000005");
    List<EntityId> counterparties = List.of(
        EntityId.ofAddress("0x1000000000000000000000000000000000000001"),
        EntityId.ofAddress("0x9000000000000000000000000000000000000009"));
    String returned = "0x" + FunctionEncoder.encodeConstructor(List.of(new DynamicArray<>(
        DepositoryCalls.AccountViewStruct.class,
        new DepositoryCalls.AccountViewStruct(new Uint256(200), new Int256(0), new Uint256(4)),
        new DepositoryCalls.AccountViewStruct(new Uint256(100), new Int256(-100), new Uint256(0)))));

    List<AccountState> accounts = DepositoryCalls.accountsOf(hub, counterparties, 1).decode(returned);

    assertThat(accounts).containsExactly(
        new AccountState(BigInteger.valueOf(200), BigInteger.ZERO, BigInteger.valueOf(4)),
        new AccountState(BigInteger.valueOf(100), BigInteger.valueOf(-100), BigInteger.ZERO));
  }
}
