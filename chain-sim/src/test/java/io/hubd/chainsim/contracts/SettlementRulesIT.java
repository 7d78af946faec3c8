package io.hubd.chainsim.contracts;

import static io.hubd.chainsim.contracts.DepositoryFixture.id;
import static io.hubd.chainsim.contracts.DepositoryFixture.reason;
import static java.math.BigInteger.ONE;
import static java.math.BigInteger.ZERO;
import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.chainsim.DeployedSuite.DeployedToken;
import io.hubd.contracts.AccountState;
import io.hubd.contracts.RevertReason;
import io.hubd.contracts.generated.Depository;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.web3j.crypto.Credentials;

/**
 * What a settlement may do: per token, the two reserve diffs and the collateral diff sum to zero, and no outflow
 * exceeds what is there. Each rejected settlement carries a valid counterparty signature, so the rule under test
 * is what rejects it, and leaves reserves, the account and both nonces unchanged.
 */
class SettlementRulesIT {
  private static final BigInteger COLLATERAL = BigInteger.valueOf(500_000_000); // 500 TUSD
  private static final BigInteger USER_RESERVE = BigInteger.valueOf(20_000_000); // 20 TUSD
  @RegisterExtension
  static final FixtureExtension FIXTURE = new FixtureExtension("settlement-rules", SettlementRulesIT::fundAccounts);

  @ParameterizedTest
  @EnumSource(HubSide.class)
  void rejectsASettlementThatCreatesValue(HubSide side) {
    DeployedToken usd = f().usd();
    // the user's reserve grows by one unit more than the collateral shrinks
    assertThat(rejection(side, diff(side, usd, ZERO, BigInteger.valueOf(11), BigInteger.valueOf(-10), ZERO)))
        .isEqualTo(reason("ConservationBroken", "tokenId", big(usd.tokenId())));
  }

  @ParameterizedTest
  @EnumSource(HubSide.class)
  void rejectsASettlementThatDestroysValue(HubSide side) {
    DeployedToken usd = f().usd();
    assertThat(rejection(side, diff(side, usd, BigInteger.valueOf(-5), BigInteger.valueOf(4), ZERO, ZERO)))
        .isEqualTo(reason("ConservationBroken", "tokenId", big(usd.tokenId())));
  }

  @ParameterizedTest
  @EnumSource(HubSide.class)
  void rejectsTheWholeSettlementWhenOneOfItsTokensBreaksConservation(HubSide side) {
    DeployedToken usd = f().usd();
    DeployedToken eth = f().eth();
    assertThat(
            rejection(
                side,
                diff(side, usd, ZERO, BigInteger.TEN, BigInteger.valueOf(-10), ZERO),
                diff(side, eth, ZERO, ZERO, ONE, ZERO)))
        .isEqualTo(reason("ConservationBroken", "tokenId", big(eth.tokenId())));
  }

  @ParameterizedTest
  @EnumSource(HubSide.class)
  void acceptsASettlementThatOnlyMovesOndelta(HubSide side) {
    Credentials user = f().user(side);
    AccountState before = f().account(user, f().usd());
    BigInteger shift = BigInteger.valueOf(-123_456);

    f().submit(f().hub(), signedSettlement(side, ONE, diff(side, f().usd(), ZERO, ZERO, ZERO, shift)));

    assertThat(f().account(user, f().usd()))
        .isEqualTo(new AccountState(before.collateral(), before.ondelta().add(shift), ONE));
  }

  @ParameterizedTest
  @EnumSource(HubSide.class)
  void rejectsASettlementTakingMoreThanTheUsersReserve(HubSide side) {
    DeployedToken usd = f().usd();
    BigInteger need = USER_RESERVE.add(ONE);
    assertThat(rejection(side, diff(side, usd, need, need.negate(), ZERO, ZERO)))
        .isEqualTo(
            reason("InsufficientReserve", "entity", id(f().user(side)), "tokenId", big(usd.tokenId()), "have",
                USER_RESERVE, "need", need));
  }

  @ParameterizedTest
  @EnumSource(HubSide.class)
  void rejectsASettlementTakingMoreThanTheHubsReserve(HubSide side) {
    DeployedToken usd = f().usd();
    BigInteger have = f().reserve(f().hubId(), usd);
    BigInteger need = have.add(ONE);
    assertThat(rejection(side, diff(side, usd, need.negate(), need, ZERO, ZERO)))
        .isEqualTo(
            reason("InsufficientReserve", "entity", f().hubId(), "tokenId", big(usd.tokenId()), "have", have,
                "need", need));
  }

  @ParameterizedTest
  @EnumSource(HubSide.class)
  void rejectsASettlementTakingMoreThanTheCollateral(HubSide side) {
    DeployedToken usd = f().usd();
    BigInteger need = COLLATERAL.add(ONE);
    Credentials user = f().user(side);
    assertThat(rejection(side, diff(side, usd, ZERO, need, need.negate(), ZERO)))
        .isEqualTo(
            reason("InsufficientCollateral", "left", f().left(user), "right", f().right(user), "tokenId",
                big(usd.tokenId()), "have", COLLATERAL, "need", need));
  }

  @ParameterizedTest
  @EnumSource(HubSide.class)
  void rejectsDiffsOtherThanTheOnesSigned(HubSide side) {
    Credentials user = f().user(side);
    List<Depository.SettlementDiff> signed = List.of(diff(side, f().usd(), ONE, ZERO, ONE.negate(), ZERO));
    List<Depository.SettlementDiff> submitted =
        List.of(diff(side, f().usd(), BigInteger.TWO, ZERO, BigInteger.TWO.negate(), ZERO));
    byte[] signature =
        RawDigests.sign(RawDigests.settlement(f().domain(), f().left(user), f().right(user), signed, ONE), user);

    assertThat(f().rejection(f().hub(), new RawBatch().settlement(id(user), submitted, ONE, signature)))
        .isEqualTo(reason("InvalidSignature", "expectedSigner", id(user)));
  }

  @ParameterizedTest
  @EnumSource(HubSide.class)
  void rejectsADiffInAnUnknownToken(HubSide side) {
    int unknown = f().suite().tokens().size() + 1;
    Depository.SettlementDiff diff = RawBatch.diff(unknown, ZERO, ZERO, ZERO, ONE);
    assertThat(rejection(side, diff)).isEqualTo(reason("UnknownToken", "tokenId", big(unknown)));
  }

  @ParameterizedTest
  @EnumSource(HubSide.class)
  void rejectsDiffsBeyondInt128(HubSide side) {
    BigInteger beyond = BigInteger.TWO.pow(127); // int128 ends at 2^127 - 1
    assertThat(rejection(side, RawBatch.diff(f().usd().tokenId(), beyond, beyond.negate(), ZERO, ZERO)))
        .isEqualTo(reason("AmountOverflow"));
  }

  // ---------------------------------------------------------------- helpers

  /** Submits a settlement of {@code diffs}, validly signed by the user at nonce 1, and expects it rejected. */
  private static RevertReason rejection(HubSide side, Depository.SettlementDiff... diffs) {
    Credentials user = f().user(side);
    List<AccountState> accountsBefore = List.of(f().account(user, f().usd()), f().account(user, f().eth()));
    BigInteger hubReserve = f().reserve(f().hubId(), f().usd());
    BigInteger userReserve = f().reserve(user, f().usd());
    BigInteger batchNonce = f().batchNonce(f().hubId());

    RevertReason reason = f().rejection(f().hub(), signedSettlement(side, ONE, diffs));

    assertThat(List.of(f().account(user, f().usd()), f().account(user, f().eth()))).isEqualTo(accountsBefore);
    assertThat(f().reserve(f().hubId(), f().usd())).isEqualTo(hubReserve);
    assertThat(f().reserve(user, f().usd())).isEqualTo(userReserve);
    assertThat(f().batchNonce(f().hubId())).isEqualTo(batchNonce);
    return reason;
  }

  /** A hub batch settling {@code diffs} with the user on {@code side}, signed by that user. */
  private static RawBatch signedSettlement(HubSide side, BigInteger nonce, Depository.SettlementDiff... diffs) {
    Credentials user = f().user(side);
    List<Depository.SettlementDiff> list = List.of(diffs);
    byte[] digest = RawDigests.settlement(f().domain(), f().left(user), f().right(user), list, nonce);
    return new RawBatch().settlement(id(user), list, nonce, RawDigests.sign(digest, user));
  }

  /** One token's diff seen from the hub, built raw so that it may break conservation. */
  private static Depository.SettlementDiff diff(
      HubSide side, DeployedToken token, BigInteger hubReserveDiff, BigInteger userReserveDiff,
      BigInteger collateralDiff, BigInteger ondeltaDiff) {
    return side == HubSide.LEFT
        ? RawBatch.diff(token.tokenId(), hubReserveDiff, userReserveDiff, collateralDiff, ondeltaDiff)
        : RawBatch.diff(token.tokenId(), userReserveDiff, hubReserveDiff, collateralDiff, ondeltaDiff);
  }

  private static DepositoryFixture f() {
    return FIXTURE.get();
  }

  private static void fundAccounts(DepositoryFixture f) {
    for (HubSide side : HubSide.values()) {
      f.fundCollateral(f.usd(), id(f.user(side)), COLLATERAL);
      f.deposit(f.user(side), f.usd(), USER_RESERVE);
    }
  }

  private static BigInteger big(int value) {
    return BigInteger.valueOf(value);
  }
}
