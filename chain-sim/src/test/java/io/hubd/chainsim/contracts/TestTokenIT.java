package io.hubd.chainsim.contracts;

import static io.hubd.chainsim.contracts.DepositoryFixture.reason;
import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.chainsim.DeployedSuite.DeployedToken;
import io.hubd.chainsim.SuiteSpec;
import io.hubd.contracts.Erc20Calls;
import java.math.BigInteger;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.crypto.Credentials;

/** The test tokens: OpenZeppelin ERC20s with the decimals they were deployed with, minted by their owner only. */
class TestTokenIT {
  @RegisterExtension static final FixtureExtension FIXTURE = new FixtureExtension("test-token");

  @ParameterizedTest
  @ValueSource(strings = {"TUSD", "TETH"})
  void reportsTheDecimalsItWasDeployedWith(String symbol) {
    DeployedToken token = f().suite().token(symbol);
    int specified =
        SuiteSpec.standard().tokens().stream().filter(t -> t.symbol().equals(symbol)).findFirst().orElseThrow()
            .decimals();

    assertThat(f().client().call(token.address(), Erc20Calls.decimals()))
        .isEqualTo(specified)
        .isEqualTo(token.decimals());
    assertThat(token.units(1)).isEqualTo(BigInteger.TEN.pow(specified));
  }

  @ParameterizedTest
  @ValueSource(strings = {"TUSD", "TETH"})
  void mintingRaisesTheBalanceAndTheTotalSupplyByExactlyTheAmount(String symbol) {
    DeployedToken token = f().suite().token(symbol);
    String holder = TestKeys.key("test-token/holder").getAddress();
    BigInteger supply = f().client().call(token.address(), Erc20Calls.totalSupply());
    BigInteger amount = token.units(123_456_789).add(BigInteger.ONE);

    f().driver().mint(f().owner(), token, holder, amount);

    assertThat(f().wallet(token, holder)).isEqualTo(amount);
    assertThat(f().client().call(token.address(), Erc20Calls.totalSupply())).isEqualTo(supply.add(amount));
  }

  @ParameterizedTest
  @ValueSource(strings = {"TUSD", "TETH"})
  void letsOnlyTheOwnerMint(String symbol) {
    DeployedToken token = f().suite().token(symbol);
    Credentials intruder = f().user(HubSide.RIGHT);

    assertThat(f().rejection(intruder, token.address(), Erc20Calls.mint(intruder.getAddress(), BigInteger.ONE)))
        .isEqualTo(reason("OwnableUnauthorizedAccount", "account", intruder.getAddress()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"TUSD", "TETH"})
  void transfersExactBaseUnits(String symbol) {
    DeployedToken token = f().suite().token(symbol);
    Credentials sender = f().user(HubSide.LEFT);
    String receiver = TestKeys.key("test-token/receiver").getAddress();
    BigInteger before = f().wallet(token, sender.getAddress());

    f().client().send(sender, token.address(), Erc20Calls.transfer(receiver, BigInteger.ONE));

    assertThat(f().wallet(token, receiver)).isEqualTo(BigInteger.ONE);
    assertThat(f().wallet(token, sender.getAddress())).isEqualTo(before.subtract(BigInteger.ONE));
  }

  private static DepositoryFixture f() {
    return FIXTURE.get();
  }
}
