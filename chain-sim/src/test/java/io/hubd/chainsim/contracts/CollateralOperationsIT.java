package io.hubd.chainsim.contracts;

import static io.hubd.chainsim.contracts.DepositoryFixture.hubDiff;
import static io.hubd.chainsim.contracts.DepositoryFixture.id;
import static io.hubd.chainsim.contracts.DepositoryFixture.reason;
import static java.math.BigInteger.ONE;
import static java.math.BigInteger.ZERO;
import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.chainsim.DeployedSuite.DeployedToken;
import io.hubd.contracts.AccountState;
import io.hubd.contracts.Batch;
import io.hubd.contracts.DepositoryCalls;
import io.hubd.contracts.EntityId;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.crypto.Credentials;

/**
 * R2C, C2R and settlements, with the hub (the submitter) on either side of the account, in both test tokens:
 * their effect on reserves, collateral, ondelta, the account nonce and the batch nonce, and the order in which a
 * batch applies them.
 */
class CollateralOperationsIT {
  @RegisterExtension
  static final FixtureExtension FIXTURE = new FixtureExtension("collateral-operations");

  static Stream<Arguments> sidesAndTokens() {
    return Stream.of(HubSide.values())
        .flatMap(side -> Stream.of("TUSD", "TETH").map(symbol -> Arguments.of(side, symbol)));
  }

  @ParameterizedTest(name = "hub {0}, {1}")
  @MethodSource("sidesAndTokens")
  void reserveToCollateralIsCreditedToTheHubSide(HubSide side, String symbol) {
    DeployedToken token = f().suite().token(symbol);
    Credentials user = f().user(side);
    BigInteger reserveBefore = f().reserve(f().hubId(), token);
    BigInteger depositoryBefore = f().depositoryBalance(token);
    BigInteger first = token.units(100).add(ONE);
    BigInteger second = token.units(20);

    f().fundCollateral(token, id(user), first);
    f().fundCollateral(token, id(user), second);

    BigInteger total = first.add(second);
    assertThat(f().account(user, token))
        .isEqualTo(new AccountState(total, side == HubSide.LEFT ? total : ZERO, ZERO));
    assertThat(f().reserve(f().hubId(), token)).isEqualTo(reserveBefore.subtract(total));
    assertThat(f().reserve(user, token)).isZero();
    assertThat(f().depositoryBalance(token)).isEqualTo(depositoryBefore);
    assertThat(f().batchNonce(f().hubId())).isEqualTo(BigInteger.valueOf(4)); // two setup deposits, then two R2Cs
  }

  @Test
  void reserveToCollateralFundsManyAccountsOnBothSidesFromOneDebitPerGroup() {
    DeployedToken usd = f().usd();
    DeployedToken eth = f().eth();
    List<Credentials> users = allUsers();
    BigInteger usdBefore = f().reserve(f().hubId(), usd);
    BigInteger ethBefore = f().reserve(f().hubId(), eth);

    f().submit(
        f().hub(),
        Batch.builder()
            .reserveToCollateral(
                new Batch.ReserveToCollateral(
                    usd.tokenId(),
                    users.stream().map(u -> new Batch.R2CPair(id(u), amountFor(usd, u))).toList()))
            .reserveToCollateral(
                new Batch.ReserveToCollateral(
                    eth.tokenId(),
                    users.stream().map(u -> new Batch.R2CPair(id(u), amountFor(eth, u))).toList()))
            .build());

    for (DeployedToken token : List.of(usd, eth)) {
      for (Credentials user : users) {
        BigInteger amount = amountFor(token, user);
        boolean hubLeft = f().hubId().isLeftOf(id(user));
        assertThat(f().account(user, token))
            .as("%s account with %s", token.symbol(), user.getAddress())
            .isEqualTo(new AccountState(amount, hubLeft ? amount : ZERO, ZERO));
      }
    }
    assertThat(f().reserve(f().hubId(), usd)).isEqualTo(usdBefore.subtract(total(usd, users)));
    assertThat(f().reserve(f().hubId(), eth)).isEqualTo(ethBefore.subtract(total(eth, users)));
  }

  @Test
  void accountsOfReadsEachCounterpartysOwnAccount() {
    DeployedToken usd = f().usd();
    List<Credentials> users = allUsers();
    for (int i = 0; i < users.size(); i++) {
      f().fundCollateral(usd, id(users.get(i)), usd.units(i + 1));
    }
    List<EntityId> counterparties = users.stream().map(DepositoryFixture::id).toList();

    List<AccountState> batchRead =
        f().client()
            .call(f().suite().depository(), DepositoryCalls.accountsOf(f().hubId(), counterparties, usd.tokenId()));

    assertThat(batchRead).containsExactlyElementsOf(users.stream().map(u -> f().account(u, usd)).toList());
    assertThat(batchRead).extracting(AccountState::collateral)
        .containsExactly(usd.units(1), usd.units(2), usd.units(3), usd.units(4));
  }

  @ParameterizedTest(name = "hub {0}, {1}")
  @MethodSource("sidesAndTokens")
  void collateralToReserveWithdrawsCollateralTheCounterpartySigned(HubSide side, String symbol) {
    DeployedToken token = f().suite().token(symbol);
    Credentials user = f().user(side);
    BigInteger funded = token.units(100);
    BigInteger withdrawn = token.units(30).add(ONE);
    f().fundCollateral(token, id(user), funded);
    BigInteger reserveBefore = f().reserve(f().hubId(), token);
    BigInteger depositoryBefore = f().depositoryBalance(token);

    f().submit(f().hub(), c2r(user, token, withdrawn, ONE));

    BigInteger left = funded.subtract(withdrawn);
    assertThat(f().account(user, token))
        .isEqualTo(new AccountState(left, side == HubSide.LEFT ? left : ZERO, ONE));
    assertThat(f().reserve(f().hubId(), token)).isEqualTo(reserveBefore.add(withdrawn));
    assertThat(f().reserve(user, token)).isZero();
    assertThat(f().depositoryBalance(token)).isEqualTo(depositoryBefore);
  }

  @ParameterizedTest
  @EnumSource(HubSide.class)
  void collateralToReserveStoresTheSignedNonceWhichMaySkipAhead(HubSide side) {
    DeployedToken token = f().usd();
    Credentials user = f().user(side);
    f().fundCollateral(token, id(user), token.units(10));
    BigInteger skipped = BigInteger.valueOf(7);

    f().submit(f().hub(), c2r(user, token, token.units(1), skipped));

    assertThat(f().account(user, token).nonce()).isEqualTo(skipped);
    assertThat(f().account(user, f().eth()).nonce()).as("the account's nonce, whatever the token").isEqualTo(skipped);
    assertThat(f().account(f().user(side, 1), token).nonce()).as("another account").isZero();
  }

  @ParameterizedTest
  @EnumSource(HubSide.class)
  void collateralToReserveCannotWithdrawMoreThanTheCollateral(HubSide side) {
    DeployedToken token = f().eth();
    Credentials user = f().user(side);
    BigInteger funded = token.units(3);
    f().fundCollateral(token, id(user), funded);
    BigInteger need = funded.add(ONE);

    assertThat(f().rejection(f().hub(), c2r(user, token, need, ONE)))
        .isEqualTo(
            reason("InsufficientCollateral", "left", f().left(user), "right", f().right(user), "tokenId",
                big(token.tokenId()), "have", funded, "need", need));
  }

  @ParameterizedTest(name = "hub {0}, {1}")
  @MethodSource("sidesAndTokens")
  void settlementAppliesSignedDiffsToBothReservesAndTheAccount(HubSide side, String symbol) {
    DeployedToken token = f().suite().token(symbol);
    Credentials user = f().user(side);
    f().fundCollateral(token, id(user), token.units(100));
    f().deposit(user, token, token.units(50));
    AccountState before = f().account(user, token);
    BigInteger hubBefore = f().reserve(f().hubId(), token);
    BigInteger depositoryBefore = f().depositoryBalance(token);
    // the user takes 40 out of the collateral and is paid 5 from the hub's reserve
    BigInteger fromCollateral = token.units(40);
    BigInteger payment = token.units(5).add(ONE);
    BigInteger ondeltaDiff = token.units(-40);
    Batch.SettlementDiff diff =
        hubDiff(side, token, payment.negate(), fromCollateral.add(payment), fromCollateral.negate(), ondeltaDiff);

    f().submit(f().hub(), Batch.builder().settlement(f().settlement(f().hub(), user, List.of(diff), ONE)).build());

    assertThat(f().account(user, token))
        .isEqualTo(
            new AccountState(
                before.collateral().subtract(fromCollateral), before.ondelta().add(ondeltaDiff), ONE));
    assertThat(f().reserve(f().hubId(), token)).isEqualTo(hubBefore.subtract(payment));
    assertThat(f().reserve(user, token)).isEqualTo(token.units(50).add(fromCollateral).add(payment));
    assertThat(f().depositoryBalance(token)).isEqualTo(depositoryBefore);
  }

  @ParameterizedTest
  @EnumSource(HubSide.class)
  void settlementMovesEveryTokenItListsUnderOneAccountNonce(HubSide side) {
    DeployedToken usd = f().usd();
    DeployedToken eth = f().eth();
    Credentials user = f().user(side, 1);
    f().deposit(user, usd, usd.units(70));
    f().fundCollateral(eth, id(user), eth.units(9));
    BigInteger hubUsd = f().reserve(f().hubId(), usd);
    BigInteger hubEth = f().reserve(f().hubId(), eth);
    // the user locks 70 of its reserve as collateral; the hub reclaims 4 of its collateral in the other token
    List<Batch.SettlementDiff> diffs =
        List.of(
            hubDiff(side, usd, ZERO, usd.units(-70), usd.units(70), ZERO),
            hubDiff(side, eth, eth.units(4), ZERO, eth.units(-4), side == HubSide.LEFT ? eth.units(-4) : ZERO));
    BigInteger nonce = BigInteger.valueOf(3);

    f().submit(f().hub(), Batch.builder().settlement(f().settlement(f().hub(), user, diffs, nonce)).build());

    assertThat(f().account(user, usd)).isEqualTo(new AccountState(usd.units(70), ZERO, nonce));
    assertThat(f().account(user, eth))
        .isEqualTo(new AccountState(eth.units(5), side == HubSide.LEFT ? eth.units(5) : ZERO, nonce));
    assertThat(f().reserve(user, usd)).isZero();
    assertThat(f().reserve(f().hubId(), usd)).isEqualTo(hubUsd);
    assertThat(f().reserve(f().hubId(), eth)).isEqualTo(hubEth.add(eth.units(4)));
  }

  @ParameterizedTest
  @EnumSource(HubSide.class)
  void collateralWithdrawnByC2rFundsR2cInTheSameBatchLeavingTheHubReserveUnchanged(HubSide side) {
    DeployedToken token = f().usd();
    Credentials payer = f().user(side);
    Credentials payee = f().user(side == HubSide.LEFT ? HubSide.RIGHT : HubSide.LEFT);
    BigInteger all = f().reserve(f().hubId(), token);
    f().fundCollateral(token, id(payer), all); // the hub keeps nothing in reserve
    BigInteger moved = token.units(600).add(ONE);
    Batch r2c =
        Batch.builder()
            .reserveToCollateral(
                new Batch.ReserveToCollateral(token.tokenId(), List.of(new Batch.R2CPair(id(payee), moved))))
            .build();
    assertThat(f().rejection(f().hub(), r2c))
        .as("R2C alone has no reserve to draw on")
        .isEqualTo(
            reason("InsufficientReserve", "entity", f().hubId(), "tokenId", big(token.tokenId()), "have", ZERO,
                "need", moved));

    f().submit(
        f().hub(),
        Batch.builder()
            .reserveToCollateral(r2c.reserveToCollateral().get(0))
            .collateralToReserve(f().c2r(f().hub(), payer, token, moved, ONE))
            .build());

    assertThat(f().reserve(f().hubId(), token)).isZero();
    assertThat(f().account(payer, token).collateral()).isEqualTo(all.subtract(moved));
    assertThat(f().account(payee, token).collateral()).isEqualTo(moved);
  }

  @Test
  void batchAppliesEveryKindInFieldOrder() {
    DeployedToken token = f().eth();
    Credentials submitter = f().user(HubSide.LEFT, 1); // starts with an empty reserve
    Credentials peer = f().user(HubSide.RIGHT, 0);
    f().fundCollateral(token, id(submitter), token.units(50));
    f().approve(submitter, token, token.units(100));
    String receiver = TestKeys.key("collateral-operations/receiver").getAddress();
    boolean submitterLeftOfHub = id(submitter).isLeftOf(f().hubId());
    boolean submitterLeftOfPeer = id(submitter).isLeftOf(id(peer));
    BigInteger hubBefore = f().reserve(f().hubId(), token);
    // each step spends what the steps before it brought in: 100 - 30 + 20 - 10 - 60 - 20 = 0
    Batch.SettlementDiff payPeer =
        submitterLeftOfPeer
            ? new Batch.SettlementDiff(token.tokenId(), token.units(-10), token.units(10), ZERO, ZERO)
            : new Batch.SettlementDiff(token.tokenId(), token.units(10), token.units(-10), ZERO, ZERO);

    f().submit(
        submitter,
        Batch.builder()
            .reserveToExternal(new Batch.ReserveToExternal(receiver, token.tokenId(), token.units(20)))
            .reserveToCollateral(
                new Batch.ReserveToCollateral(token.tokenId(), List.of(new Batch.R2CPair(id(peer), token.units(60)))))
            .settlement(f().settlement(submitter, peer, List.of(payPeer), ONE))
            .collateralToReserve(f().c2r(submitter, f().hub(), token, token.units(20), ONE))
            .reserveToReserve(new Batch.ReserveToReserve(f().hubId(), token.tokenId(), token.units(30)))
            .externalToReserve(new Batch.ExternalToReserve(token.tokenId(), token.units(100)))
            .build());

    assertThat(f().reserve(submitter, token)).isZero();
    assertThat(f().reserve(f().hubId(), token)).isEqualTo(hubBefore.add(token.units(30)));
    assertThat(f().reserve(peer, token)).isEqualTo(token.units(10));
    assertThat(f().wallet(token, receiver)).isEqualTo(token.units(20));
    assertThat(f().account(f().hubId(), id(submitter), token))
        .isEqualTo(new AccountState(token.units(30), token.units(submitterLeftOfHub ? -20 : 50), ONE));
    assertThat(f().account(id(submitter), id(peer), token))
        .isEqualTo(new AccountState(token.units(60), submitterLeftOfPeer ? token.units(60) : ZERO, ONE));
    assertThat(f().batchNonce(id(submitter))).isEqualTo(ONE);
  }

  /** A hub batch with one C2R out of its account with {@code user}, signed by the user. */
  private static Batch c2r(Credentials user, DeployedToken token, BigInteger amount, BigInteger nonce) {
    return Batch.builder().collateralToReserve(f().c2r(f().hub(), user, token, amount, nonce)).build();
  }

  /** The four users: two with the hub on their right, then two with the hub on their left. */
  private static List<Credentials> allUsers() {
    return List.of(
        f().user(HubSide.RIGHT, 0), f().user(HubSide.RIGHT, 1), f().user(HubSide.LEFT, 0), f().user(HubSide.LEFT, 1));
  }

  private static BigInteger amountFor(DeployedToken token, Credentials user) {
    return token.units(10).add(BigInteger.valueOf(user.getAddress().charAt(2))); // varies with the user
  }

  private static BigInteger total(DeployedToken token, List<Credentials> users) {
    return users.stream().map(u -> amountFor(token, u)).reduce(ZERO, BigInteger::add);
  }

  private static DepositoryFixture f() {
    return FIXTURE.get();
  }

  private static BigInteger big(int value) {
    return BigInteger.valueOf(value);
  }
}
