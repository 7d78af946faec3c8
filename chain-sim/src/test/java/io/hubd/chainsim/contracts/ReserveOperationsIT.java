package io.hubd.chainsim.contracts;

import static io.hubd.chainsim.contracts.DepositoryFixture.id;
import static io.hubd.chainsim.contracts.DepositoryFixture.reason;
import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.chainsim.DeployedSuite.DeployedToken;
import io.hubd.contracts.AccountState;
import io.hubd.contracts.Batch;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.Erc20Calls;
import java.math.BigInteger;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.crypto.Credentials;

/** External token to reserve, reserve to reserve and reserve to external token, in both test tokens. */
class ReserveOperationsIT {
  @RegisterExtension
  static final FixtureExtension FIXTURE = new FixtureExtension("reserve-operations");

  @ParameterizedTest
  @ValueSource(strings = {"TUSD", "TETH"})
  void externalToReserveMovesApprovedWalletTokensIntoReserve(String symbol) {
    DeployedToken token = f().suite().token(symbol);
    Credentials user = f().user(HubSide.LEFT);
    BigInteger amount = token.units(1234).add(BigInteger.ONE); // whole tokens and one base unit
    BigInteger walletBefore = f().wallet(token, user.getAddress());
    BigInteger depositoryBefore = f().depositoryBalance(token);
    f().approve(user, token, amount);

    f().submit(user, externalToReserve(token, amount));

    assertThat(f().reserve(user, token)).isEqualTo(amount);
    assertThat(f().wallet(token, user.getAddress())).isEqualTo(walletBefore.subtract(amount));
    assertThat(f().depositoryBalance(token)).isEqualTo(depositoryBefore.add(amount));
    assertThat(f().client().call(token.address(), Erc20Calls.allowance(user.getAddress(), f().suite().depository())))
        .isZero();
    assertThat(f().batchNonce(id(user))).isEqualTo(BigInteger.ONE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"TUSD", "TETH"})
  void externalToReserveNeedsAnAllowanceCoveringTheAmount(String symbol) {
    DeployedToken token = f().suite().token(symbol);
    Credentials user = f().user(HubSide.RIGHT);
    BigInteger amount = token.units(10);
    f().approve(user, token, amount.subtract(BigInteger.ONE));

    assertThat(f().rejection(user, externalToReserve(token, amount)))
        .isEqualTo(
            reason(
                "ERC20InsufficientAllowance",
                "spender", f().suite().depository(),
                "allowance", amount.subtract(BigInteger.ONE),
                "needed", amount));
    assertThat(f().reserve(user, token)).isZero();
    assertThat(f().batchNonce(id(user))).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"TUSD", "TETH"})
  void externalToReserveCannotTakeMoreThanTheWalletHolds(String symbol) {
    DeployedToken token = f().suite().token(symbol);
    Credentials user = f().user(HubSide.LEFT, 1);
    BigInteger balance = f().wallet(token, user.getAddress());
    BigInteger amount = balance.add(BigInteger.ONE);
    f().approve(user, token, amount);

    assertThat(f().rejection(user, externalToReserve(token, amount)))
        .isEqualTo(
            reason("ERC20InsufficientBalance", "sender", user.getAddress(), "balance", balance, "needed", amount));
  }

  @ParameterizedTest
  @ValueSource(strings = {"TUSD", "TETH"})
  void reserveToReserveMovesReserveToAnyEntity(String symbol) {
    DeployedToken token = f().suite().token(symbol);
    EntityId user = id(f().user(HubSide.LEFT));
    EntityId contractEntity = new EntityId("0x" + "ab".repeat(32)); // not an EOA: reserves may belong to anyone
    BigInteger before = f().reserve(f().hubId(), token);
    BigInteger depositoryBefore = f().depositoryBalance(token);
    BigInteger toUser = token.units(7).add(BigInteger.TWO);
    BigInteger toContract = token.units(3);

    f().submit(
        f().hub(),
        Batch.builder()
            .reserveToReserve(new Batch.ReserveToReserve(user, token.tokenId(), toUser))
            .reserveToReserve(new Batch.ReserveToReserve(contractEntity, token.tokenId(), toContract))
            .build());

    assertThat(f().reserve(f().hubId(), token)).isEqualTo(before.subtract(toUser).subtract(toContract));
    assertThat(f().reserve(user, token)).isEqualTo(toUser);
    assertThat(f().reserve(contractEntity, token)).isEqualTo(toContract);
    assertThat(f().depositoryBalance(token)).isEqualTo(depositoryBefore);
    assertThat(f().account(f().hubId(), user, token)).isEqualTo(AccountState.EMPTY);
    assertThat(f().batchNonce(f().hubId())).isEqualTo(BigInteger.valueOf(3)); // after the two setup deposits
  }

  @ParameterizedTest
  @ValueSource(strings = {"TUSD", "TETH"})
  void reserveToReserveCannotSpendMoreThanTheReserve(String symbol) {
    DeployedToken token = f().suite().token(symbol);
    BigInteger have = f().reserve(f().hubId(), token);
    BigInteger need = have.add(BigInteger.ONE);

    assertThat(
            f().rejection(
                f().hub(),
                Batch.builder()
                    .reserveToReserve(new Batch.ReserveToReserve(id(f().user(HubSide.RIGHT)), token.tokenId(), need))
                    .build()))
        .isEqualTo(
            reason("InsufficientReserve", "entity", f().hubId(), "tokenId", big(token.tokenId()), "have", have,
                "need", need));
  }

  @ParameterizedTest
  @ValueSource(strings = {"TUSD", "TETH"})
  void reserveToExternalPaysReserveOutToAnyAddress(String symbol) {
    DeployedToken token = f().suite().token(symbol);
    String receiver = TestKeys.key("reserve-operations/receiver").getAddress();
    BigInteger before = f().reserve(f().hubId(), token);
    BigInteger depositoryBefore = f().depositoryBalance(token);
    BigInteger amount = token.units(42).add(BigInteger.ONE);

    f().submit(
        f().hub(),
        Batch.builder().reserveToExternal(new Batch.ReserveToExternal(receiver, token.tokenId(), amount)).build());

    assertThat(f().wallet(token, receiver)).isEqualTo(amount);
    assertThat(f().reserve(f().hubId(), token)).isEqualTo(before.subtract(amount));
    assertThat(f().depositoryBalance(token)).isEqualTo(depositoryBefore.subtract(amount));
    assertThat(f().batchNonce(f().hubId())).isEqualTo(BigInteger.valueOf(3)); // after the two setup deposits
  }

  @ParameterizedTest
  @ValueSource(strings = {"TUSD", "TETH"})
  void reserveToExternalCannotPayOutMoreThanTheReserve(String symbol) {
    DeployedToken token = f().suite().token(symbol);
    Credentials user = f().user(HubSide.LEFT);
    BigInteger have = token.units(5);
    BigInteger need = have.add(BigInteger.ONE);
    f().deposit(user, token, have);

    assertThat(
            f().rejection(
                user,
                Batch.builder()
                    .reserveToExternal(new Batch.ReserveToExternal(user.getAddress(), token.tokenId(), need))
                    .build()))
        .isEqualTo(
            reason("InsufficientReserve", "entity", id(user), "tokenId", big(token.tokenId()), "have", have,
                "need", need));
  }

  @ParameterizedTest
  @ValueSource(strings = {"TUSD", "TETH"})
  void depositAndWithdrawalRoundTripExactBaseUnits(String symbol) {
    DeployedToken token = f().suite().token(symbol);
    Credentials user = f().user(HubSide.RIGHT, 1);
    BigInteger walletBefore = f().wallet(token, user.getAddress());
    BigInteger amount = token.units(999_999).add(BigInteger.valueOf(999_999)); // near the whole wallet
    f().approve(user, token, amount);

    f().submit(
        user,
        Batch.builder()
            .externalToReserve(new Batch.ExternalToReserve(token.tokenId(), amount))
            .reserveToExternal(new Batch.ReserveToExternal(user.getAddress(), token.tokenId(), amount))
            .build());

    assertThat(f().wallet(token, user.getAddress())).isEqualTo(walletBefore);
    assertThat(f().reserve(user, token)).isZero();
  }

  private static Batch externalToReserve(DeployedToken token, BigInteger amount) {
    return Batch.builder().externalToReserve(new Batch.ExternalToReserve(token.tokenId(), amount)).build();
  }

  private static DepositoryFixture f() {
    return FIXTURE.get();
  }

  private static BigInteger big(int value) {
    return BigInteger.valueOf(value);
  }
}
