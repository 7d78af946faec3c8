package io.hubd.chainsim.contracts;

import static io.hubd.chainsim.contracts.DepositoryFixture.hubDiff;
import static io.hubd.chainsim.contracts.DepositoryFixture.id;
import static io.hubd.chainsim.contracts.DepositoryFixture.reason;
import static java.math.BigInteger.ONE;
import static java.math.BigInteger.ZERO;
import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.chainsim.DeployedSuite.DeployedToken;
import io.hubd.contracts.AccountState;
import io.hubd.contracts.AccountStateAuthorization;
import io.hubd.contracts.Batch;
import io.hubd.contracts.DepositoryCalls;
import io.hubd.contracts.DepositoryEvent;
import io.hubd.contracts.DepositoryEvents;
import io.hubd.contracts.DisputeState;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.LogRef;
import io.hubd.contracts.generated.Depository;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Disputes of the hub's accounts with the hub on either side, started by either side: the claim, counters, the
 * challenge period, the split of the collateral by delta = ondelta + offdelta at finalisation (within the
 * collateral, beyond it, below zero), the frozen account, and every refusal with its named error.
 */
class DisputeIT {
  private static final long PERIOD = 20;
  private static final LogRef NO_REF = new LogRef(0, "0x", "0x", 0);

  @RegisterExtension
  static final FixtureExtension FIXTURE = new FixtureExtension("disputes", DisputeIT::fundAccounts);

  /** Who starts the dispute. */
  enum Starter {
    HUB,
    USER
  }

  static Stream<Arguments> sidesAndStarters() {
    return Stream.of(HubSide.values()).flatMap(side -> Stream.of(Starter.values()).map(s -> Arguments.of(side, s)));
  }

  @ParameterizedTest(name = "hub {0}, started by {1}")
  @MethodSource("sidesAndStarters")
  void aSignedStateFreezesTheAccountUntilThePeriodEndsThenSplitsTheCollateralByDelta(HubSide side, Starter by) {
    Parties p = parties(side, by);
    DeployedToken usd = f().usd();
    AccountState before = f().account(p.user, usd);
    BigInteger leftShare = usd.units(30);
    // delta = ondelta + offdelta = 30 of the 100 in collateral: left gets 30, right 70
    BigInteger offdelta = leftShare.subtract(before.ondelta());
    AccountStateAuthorization state = state(p, ONE, List.of(new Batch.TokenDelta(usd.tokenId(), offdelta)));
    BigInteger leftReserve = f().reserve(f().left(p.user), usd);
    BigInteger rightReserve = f().reserve(f().right(p.user), usd);

    TransactionReceipt started = start(p.starter, state.toClaim(id(p.starter), state.sign(f().domain(),
        p.other.getEcKeyPair())));

    long deadline = started.getBlockNumber().longValueExact() + PERIOD;
    assertThat(single(started, DepositoryEvent.DisputeClaimed.class))
        .usingRecursiveComparison().ignoringFields("ref")
        .isEqualTo(new DepositoryEvent.DisputeClaimed(NO_REF, DepositoryEvent.DisputeClaimed.Kind.STARTED,
            f().left(p.user), f().right(p.user), id(p.starter), ONE, deadline, state.deltas()));
    assertThat(dispute(p.user))
        .contains(new DisputeState(ONE, Numeric.toHexString(state.deltasHash()), deadline, id(p.starter)));
    f().chain().control().mine(PERIOD - 1);
    assertThat(f().rejection(p.other, finalisation(p.other, p.starter, state.deltas())))
        .isEqualTo(reason("ChallengePeriodNotOver", "left", f().left(p.user), "right", f().right(p.user),
            "finaliseAfterBlock", BigInteger.valueOf(deadline)));
    f().chain().control().mine(1);

    TransactionReceipt finalised = f().submit(p.other, finalisation(p.other, p.starter, state.deltas()));

    assertThat(f().account(p.user, usd))
        .isEqualTo(new AccountState(ZERO, before.ondelta().subtract(leftShare), ONE));
    assertThat(f().reserve(f().left(p.user), usd)).isEqualTo(leftReserve.add(leftShare));
    assertThat(f().reserve(f().right(p.user), usd)).isEqualTo(rightReserve.add(usd.units(70)));
    assertThat(dispute(p.user)).isEmpty();
    assertThat(events(finalised)).filteredOn(e -> e instanceof DepositoryEvent.UncollectableCredit).isEmpty();
    assertThat(events(finalised)).filteredOn(e -> e instanceof DepositoryEvent.DisputeFinalised).hasSize(1);
    // usable again
    f().fundCollateral(usd, id(p.user), usd.units(5));
    assertThat(f().account(p.user, usd).collateral()).isEqualTo(usd.units(5));
  }

  static Stream<Arguments> sidesAndDeltas() {
    return Stream.of(HubSide.values()).flatMap(side -> Stream.of(140L, -25L).map(d -> Arguments.of(side, d)));
  }

  @ParameterizedTest(name = "hub {0}, delta {1} against collateral 100")
  @MethodSource("sidesAndDeltas")
  void creditBeyondTheCollateralIsReportedNotCollected(HubSide side, long wholeDelta) {
    Parties p = parties(side, Starter.USER);
    DeployedToken usd = f().usd();
    AccountState before = f().account(p.user, usd);
    BigInteger delta = usd.units(wholeDelta);
    AccountStateAuthorization state =
        state(p, BigInteger.TEN, List.of(new Batch.TokenDelta(usd.tokenId(), delta.subtract(before.ondelta()))));
    EntityId left = f().left(p.user);
    EntityId right = f().right(p.user);
    BigInteger leftReserve = f().reserve(left, usd);
    BigInteger rightReserve = f().reserve(right, usd);
    start(p.starter, state.toClaim(id(p.starter), state.sign(f().domain(), p.other.getEcKeyPair())));
    f().chain().control().mine(PERIOD);

    TransactionReceipt finalised = finaliseByAnyone(p.user, state.deltas());

    BigInteger collateral = usd.units(100);
    BigInteger toLeft = delta.signum() > 0 ? collateral : ZERO;
    assertThat(f().reserve(left, usd)).isEqualTo(leftReserve.add(toLeft));
    assertThat(f().reserve(right, usd)).isEqualTo(rightReserve.add(collateral.subtract(toLeft)));
    assertThat(f().account(p.user, usd))
        .isEqualTo(new AccountState(ZERO, before.ondelta().subtract(toLeft), BigInteger.TEN));
    DepositoryEvent.UncollectableCredit credit =
        delta.signum() > 0
            ? new DepositoryEvent.UncollectableCredit(NO_REF, right, left, usd.tokenId(), usd.units(40))
            : new DepositoryEvent.UncollectableCredit(NO_REF, left, right, usd.tokenId(), usd.units(25));
    assertThat(single(finalised, DepositoryEvent.UncollectableCredit.class))
        .usingRecursiveComparison().ignoringFields("ref")
        .isEqualTo(credit);
  }

  @ParameterizedTest(name = "hub {0}")
  @EnumSource(HubSide.class)
  void withoutAStateTheOnChainStateIsFinalAndTheNonceStays(HubSide side) {
    Credentials user = f().user(side);
    DeployedToken usd = f().usd();
    DeployedToken eth = f().eth();
    f().submit(f().hub(), Batch.builder()
        .collateralToReserve(f().c2r(f().hub(), user, usd, usd.units(10), BigInteger.valueOf(4))).build());
    AccountState before = f().account(user, usd);
    BigInteger hubReserve = f().reserve(f().hubId(), usd);
    BigInteger userReserve = f().reserve(user, usd);

    TransactionReceipt started =
        start(user, Batch.DisputeClaim.onChainState(f().hubId(), List.of(usd.tokenId(), eth.tokenId())));
    assertThat(dispute(user)).map(DisputeState::nonce).contains(BigInteger.valueOf(4));
    f().chain().control().mine(PERIOD);
    finaliseByAnyone(user, Batch.DisputeClaim.onChainState(f().hubId(), List.of(usd.tokenId(), eth.tokenId()))
        .deltas());

    // delta = ondelta: the hub owns all it put in (hub left: ondelta = collateral; hub right: ondelta = 0)
    assertThat(f().reserve(f().hubId(), usd)).isEqualTo(hubReserve.add(before.collateral()));
    assertThat(f().reserve(user, usd)).isEqualTo(userReserve);
    assertThat(f().account(user, usd)).isEqualTo(new AccountState(ZERO, ZERO, BigInteger.valueOf(4)));
    assertThat(single(started, DepositoryEvent.DisputeClaimed.class).kind())
        .isEqualTo(DepositoryEvent.DisputeClaimed.Kind.STARTED);
  }

  @ParameterizedTest(name = "hub {0}, started by {1}")
  @MethodSource("sidesAndStarters")
  void aNewerStateSignedByTheStarterReplacesTheClaimAndRestartsThePeriod(HubSide side, Starter by) {
    Parties p = parties(side, by);
    DeployedToken usd = f().usd();
    AccountStateAuthorization stale = state(p, ONE, List.of(new Batch.TokenDelta(usd.tokenId(), usd.units(-50))));
    AccountStateAuthorization latest = state(p, BigInteger.TWO, List.of(new Batch.TokenDelta(usd.tokenId(),
        usd.units(20))));
    start(p.starter, stale.toClaim(id(p.starter), stale.sign(f().domain(), p.other.getEcKeyPair())));
    f().chain().control().mine(PERIOD - 2);

    TransactionReceipt countered = f().submit(p.other, Batch.builder()
        .disputeCounter(latest.toClaim(id(p.other), latest.sign(f().domain(), p.starter.getEcKeyPair()))).build());

    long deadline = countered.getBlockNumber().longValueExact() + PERIOD;
    assertThat(single(countered, DepositoryEvent.DisputeClaimed.class))
        .usingRecursiveComparison().ignoringFields("ref")
        .isEqualTo(new DepositoryEvent.DisputeClaimed(NO_REF, DepositoryEvent.DisputeClaimed.Kind.COUNTERED,
            f().left(p.user), f().right(p.user), id(p.other), BigInteger.TWO, deadline, latest.deltas()));
    assertThat(dispute(p.user))
        .contains(new DisputeState(BigInteger.TWO, Numeric.toHexString(latest.deltasHash()), deadline, id(p.other)));
    f().chain().control().mine(PERIOD + 1); // a call runs in the latest block, a transaction in the next
    assertThat(f().rejection(p.starter, finalisation(p.starter, p.other, stale.deltas())))
        .isEqualTo(reason("DisputedStateMismatch", "left", f().left(p.user), "right", f().right(p.user)));
    AccountState before = f().account(p.user, usd);

    f().submit(p.starter, finalisation(p.starter, p.other, latest.deltas()));

    BigInteger delta = before.ondelta().add(usd.units(20));
    BigInteger toLeft = delta.max(ZERO).min(before.collateral());
    assertThat(f().account(p.user, usd))
        .isEqualTo(new AccountState(ZERO, before.ondelta().subtract(toLeft), BigInteger.TWO));
  }

  @Test
  void countersAreRefusedForAStaleNonceAWrongSignerAfterThePeriodAndWithoutADispute() {
    Parties p = parties(HubSide.LEFT, Starter.USER);
    DeployedToken usd = f().usd();
    AccountStateAuthorization claimed = state(p, BigInteger.valueOf(5), List.of(new Batch.TokenDelta(usd.tokenId(),
        ONE)));
    Batch noDisputeCounter = Batch.builder()
        .disputeCounter(claimed.toClaim(id(p.other), claimed.sign(f().domain(), p.starter.getEcKeyPair()))).build();
    assertThat(f().rejection(p.other, noDisputeCounter))
        .isEqualTo(reason("NotInDispute", "left", f().left(p.user), "right", f().right(p.user)));
    assertThat(f().rejection(p.other, finalisation(p.other, p.starter, claimed.deltas())))
        .isEqualTo(reason("NotInDispute", "left", f().left(p.user), "right", f().right(p.user)));
    start(p.starter, claimed.toClaim(id(p.starter), claimed.sign(f().domain(), p.other.getEcKeyPair())));

    AccountStateAuthorization same = state(p, BigInteger.valueOf(5), List.of());
    assertThat(f().rejection(p.other, counter(p.other, same, p.starter)))
        .isEqualTo(reason("StaleNonce", "left", f().left(p.user), "right", f().right(p.user), "stored",
            BigInteger.valueOf(5), "given", BigInteger.valueOf(5)));
    AccountStateAuthorization newer = state(p, BigInteger.valueOf(6), List.of());
    assertThat(f().rejection(p.other, counter(p.other, newer, p.other)))
        .isEqualTo(reason("InvalidSignature", "expectedSigner", id(p.starter)));
    f().chain().control().mine(PERIOD + 1); // a call runs in the latest block, a transaction in the next
    assertThat(f().rejection(p.other, counter(p.other, newer, p.starter)))
        .extracting(r -> r.name())
        .isEqualTo("ChallengePeriodOver");
  }

  @ParameterizedTest(name = "hub {0}")
  @EnumSource(HubSide.class)
  void aFrozenAccountRefusesR2cC2rSettlementsAndASecondDisputeButOtherAccountsStayOpen(HubSide side) {
    Credentials user = f().user(side);
    DeployedToken usd = f().usd();
    start(user, Batch.DisputeClaim.onChainState(f().hubId(), List.of(usd.tokenId())));
    Object frozen = reason("AccountFrozen", "left", f().left(user), "right", f().right(user));

    assertThat(f().rejection(f().hub(), Batch.builder().reserveToCollateral(new Batch.ReserveToCollateral(
        usd.tokenId(), List.of(new Batch.R2CPair(id(user), ONE)))).build())).isEqualTo(frozen);
    assertThat(f().rejection(f().hub(), Batch.builder()
        .collateralToReserve(f().c2r(f().hub(), user, usd, ONE, BigInteger.valueOf(9))).build())).isEqualTo(frozen);
    assertThat(f().rejection(user, Batch.builder().settlement(f().settlement(user, f().hub(),
        List.of(hubDiff(side, usd, ZERO, ZERO, ZERO, ONE)), BigInteger.valueOf(9))).build())).isEqualTo(frozen);
    assertThat(f().rejection(f().hub(), Batch.builder()
        .disputeStart(Batch.DisputeClaim.onChainState(id(user), List.of())).build())).isEqualTo(frozen);

    Credentials other = f().user(side, 1);
    f().fundCollateral(usd, id(other), ONE);
    assertThat(f().account(other, usd).collateral()).isEqualTo(usd.units(100).add(ONE));
  }

  @Test
  void startsAreRefusedForAStaleNonceAWrongSignerAnUnsignedOffdeltaAndBadTokenLists() {
    Credentials user = f().user(HubSide.RIGHT);
    DeployedToken usd = f().usd();
    f().submit(f().hub(), Batch.builder()
        .collateralToReserve(f().c2r(f().hub(), user, usd, ONE, BigInteger.valueOf(3))).build());
    Parties p = new Parties(f().hub(), user, user);
    AccountStateAuthorization stale = state(p, BigInteger.valueOf(3), List.of());
    assertThat(f().rejection(f().hub(), startOf(f().hub(), stale, user)))
        .isEqualTo(reason("StaleNonce", "left", f().left(user), "right", f().right(user), "stored",
            BigInteger.valueOf(3), "given", BigInteger.valueOf(3)));
    AccountStateAuthorization fresh = state(p, BigInteger.valueOf(4), List.of());
    assertThat(f().rejection(f().hub(), startOf(f().hub(), fresh, f().hub())))
        .isEqualTo(reason("InvalidSignature", "expectedSigner", id(user)));

    int t = usd.tokenId();
    assertThat(f().rejection(f().hub(), new RawBatch().disputeStart(
            RawBatch.claim(id(user), ZERO, List.of(RawBatch.delta(t, ONE)), new byte[0]))))
        .isEqualTo(reason("UnsignedOffdelta", "tokenId", BigInteger.valueOf(t)));
    assertThat(f().rejection(f().hub(), new RawBatch().disputeStart(RawBatch.claim(id(user), ZERO,
            List.of(RawBatch.delta(2, ZERO), RawBatch.delta(1, ZERO)), new byte[0]))))
        .isEqualTo(reason("TokensNotAscending", "tokenId", ONE));
    assertThat(f().rejection(f().hub(), new RawBatch().disputeStart(
            RawBatch.claim(id(user), ZERO, List.of(RawBatch.delta(9, ZERO)), new byte[0]))))
        .isEqualTo(reason("UnknownToken", "tokenId", BigInteger.valueOf(9)));
    List<Depository.TokenDelta> seventeen =
        IntStream.rangeClosed(1, Batch.MAX_STATE_TOKENS + 1).mapToObj(i -> RawBatch.delta(i, ZERO)).toList();
    assertThat(f().rejection(f().hub(), new RawBatch().disputeStart(
            RawBatch.claim(id(user), ZERO, seventeen, new byte[0]))).name())
        .isEqualTo("BatchTooLarge");
    assertThat(dispute(user)).isEmpty();
  }

  @Test
  void coSignedOperationsOfANonceUpToTheFinalisedOneCannotBeReplayed() {
    Credentials user = f().user(HubSide.LEFT);
    DeployedToken usd = f().usd();
    Batch.CollateralToReserve signedEarlier = f().c2r(f().hub(), user, usd, usd.units(10), BigInteger.valueOf(7));
    Parties p = new Parties(user, f().hub(), user);
    AccountStateAuthorization state = state(p, BigInteger.valueOf(8), List.of(new Batch.TokenDelta(usd.tokenId(),
        ZERO)));
    start(user, state.toClaim(id(user), state.sign(f().domain(), f().hub().getEcKeyPair())));
    f().chain().control().mine(PERIOD);
    finaliseByAnyone(user, state.deltas());

    assertThat(f().rejection(f().hub(), Batch.builder().collateralToReserve(signedEarlier).build()))
        .isEqualTo(reason("StaleNonce", "left", f().left(user), "right", f().right(user), "stored",
            BigInteger.valueOf(8), "given", BigInteger.valueOf(7)));
  }

  @Test
  void theChallengePeriodIsTheDeployedOneAndTheContractHashesDeltasAsJavaDoes() {
    List<Batch.TokenDelta> deltas =
        List.of(new Batch.TokenDelta(1, BigInteger.valueOf(-7)), new Batch.TokenDelta(2, BigInteger.TEN.pow(30)));

    assertThat(f().client().call(f().suite().depository(), DepositoryCalls.challengePeriod()))
        .isEqualTo(BigInteger.valueOf(PERIOD));
    assertThat(f().client().call(f().suite().depository(), DepositoryCalls.deltasHashOf(deltas)))
        .isEqualTo(Numeric.toHexString(AccountStateAuthorization.deltasHash(deltas)));
  }

  // ---------------------------------------------------------------- helpers

  /** The starter, the other side, and the user of the hub's account. */
  private record Parties(Credentials starter, Credentials other, Credentials user) {}

  private static Parties parties(HubSide side, Starter by) {
    Credentials user = f().user(side);
    return by == Starter.HUB ? new Parties(f().hub(), user, user) : new Parties(user, f().hub(), user);
  }

  private static AccountStateAuthorization state(Parties p, BigInteger nonce, List<Batch.TokenDelta> deltas) {
    return AccountStateAuthorization.between(id(p.starter), id(p.other), nonce, deltas);
  }

  private static TransactionReceipt start(Credentials submitter, Batch.DisputeClaim claim) {
    return f().submit(submitter, Batch.builder().disputeStart(claim).build());
  }

  private static Batch startOf(Credentials submitter, AccountStateAuthorization state, Credentials signer) {
    return Batch.builder().disputeStart(state.toClaim(id(submitter), state.sign(f().domain(),
        signer.getEcKeyPair()))).build();
  }

  private static Batch counter(Credentials submitter, AccountStateAuthorization state, Credentials signer) {
    return Batch.builder().disputeCounter(state.toClaim(id(submitter), state.sign(f().domain(),
        signer.getEcKeyPair()))).build();
  }

  private static Batch finalisation(Credentials submitter, Credentials counterparty, List<Batch.TokenDelta> deltas) {
    return Batch.builder().disputeFinalization(new Batch.DisputeFinalization(id(counterparty), deltas)).build();
  }

  /** {@code finaliseDispute} sent by the suite's owner, a party of neither side. */
  private static TransactionReceipt finaliseByAnyone(Credentials user, List<Batch.TokenDelta> deltas) {
    return f().client().send(f().owner(), f().suite().depository(),
        DepositoryCalls.finaliseDispute(id(user), f().hubId(), deltas));
  }

  private static Optional<DisputeState> dispute(Credentials user) {
    return f().client().call(f().suite().depository(), DepositoryCalls.disputeOf(id(user), f().hubId()));
  }

  private static List<DepositoryEvent> events(TransactionReceipt receipt) {
    return receipt.getLogs().stream().flatMap(l -> DepositoryEvents.decode(l).stream()).toList();
  }

  private static <T extends DepositoryEvent> T single(TransactionReceipt receipt, Class<T> type) {
    List<T> found = events(receipt).stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(found).as("%s events in %s", type.getSimpleName(), receipt.getTransactionHash()).hasSize(1);
    return found.get(0);
  }

  private static DepositoryFixture f() {
    return FIXTURE.get();
  }

  private static void fundAccounts(DepositoryFixture f) {
    for (HubSide side : HubSide.values()) {
      for (int i = 0; i < 2; i++) {
        f.fundCollateral(f.usd(), id(f.user(side, i)), f.usd().units(100));
      }
    }
  }
}
