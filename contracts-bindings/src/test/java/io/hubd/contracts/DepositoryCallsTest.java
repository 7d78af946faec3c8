package io.hubd.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;

class DepositoryCallsTest {
  private static final EntityId HUB = EntityId.ofAddress("0x" + "11".repeat(20));
  private static final EntityId ALICE = EntityId.ofAddress("0x" + "22".repeat(20));
  private static final EntityId BOB = EntityId.ofAddress("0x" + "33".repeat(20));

  @Test
  void accountsOfDecodesEachAccountFromItsOwnWords() {
    // what accountsOf returns for two accounts: offset, length, then (collateral, ondelta, nonce) per account
    String returned =
        "0x"
            + word(new Uint256(32))
            + word(new Uint256(2))
            + word(new Uint256(100))
            + word(new Int256(-40))
            + word(new Uint256(3))
            + word(new Uint256(7))
            + word(new Int256(7))
            + word(new Uint256(0));

    List<AccountState> accounts = DepositoryCalls.accountsOf(HUB, List.of(ALICE, BOB), 1).decode(returned);

    assertThat(accounts)
        .containsExactly(
            new AccountState(BigInteger.valueOf(100), BigInteger.valueOf(-40), BigInteger.valueOf(3)),
            new AccountState(BigInteger.valueOf(7), BigInteger.valueOf(7), BigInteger.ZERO));
  }

  @Test
  void accountOfDecodesOneAccount() {
    String returned = "0x" + word(new Uint256(5)) + word(new Int256(-5)) + word(new Uint256(9));

    assertThat(DepositoryCalls.accountOf(HUB, ALICE, 2).decode(returned))
        .isEqualTo(new AccountState(BigInteger.valueOf(5), BigInteger.valueOf(-5), BigInteger.valueOf(9)));
  }

  private static String word(org.web3j.abi.datatypes.Type<?> value) {
    return TypeEncoder.encode(value);
  }
}
