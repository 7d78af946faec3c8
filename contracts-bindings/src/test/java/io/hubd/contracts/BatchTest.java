package io.hubd.contracts;

import static io.hubd.contracts.Fixtures.big;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class BatchTest {
  private static final EntityId PEER = Fixtures.repeated(0x11);
  private static final String WALLET = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
  private static final Signature SIGNATURE = Fixtures.signature(1);
  private static final BigInteger INT128_MAX = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);

  static Stream<Arguments> invalidAmounts() {
    return Stream.of(
        Arguments.of(BigInteger.ZERO, "amount must be positive: 0"),
        Arguments.of(big(-1), "amount must be positive: -1"),
        Arguments.of(INT128_MAX.add(BigInteger.ONE), "amount must be below 2^127: " + INT128_MAX.add(BigInteger.ONE)));
  }

  @ParameterizedTest
  @MethodSource("invalidAmounts")
  void everyAmountIsPositiveAndBelowTwoToThe127(BigInteger amount, String message) {
    List<ThrowingCallable> constructors =
        List.of(
            () -> new Batch.ExternalToReserve(1, amount),
            () -> new Batch.ReserveToReserve(PEER, 1, amount),
            () -> new Batch.CollateralToReserve(PEER, 1, amount, big(1), SIGNATURE),
            () -> new Batch.R2CPair(PEER, amount),
            () -> new Batch.ReserveToExternal(WALLET, 1, amount));

    for (ThrowingCallable constructor : constructors) {
      assertThatThrownBy(constructor).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
  }

  @Test
  void acceptsTheLargestInt128Amount() {
    assertThat(new Batch.ExternalToReserve(1, INT128_MAX).amount()).isEqualTo(INT128_MAX);
    assertThat(new Batch.R2CPair(PEER, INT128_MAX).amount()).isEqualTo(INT128_MAX);
  }

  @Test
  void everyNonceIsPositive() {
    assertThatThrownBy(() -> new Batch.CollateralToReserve(PEER, 1, big(1), BigInteger.ZERO, SIGNATURE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("nonce must be positive: 0");
    assertThatThrownBy(() -> new Batch.Settlement(PEER, List.of(), big(-2), SIGNATURE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("nonce must be positive: -2");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void everyTokenIdIsPositive(int tokenId) {
    List<ThrowingCallable> constructors =
        List.of(
            () -> new Batch.ExternalToReserve(tokenId, big(1)),
            () -> new Batch.ReserveToReserve(PEER, tokenId, big(1)),
            () -> new Batch.CollateralToReserve(PEER, tokenId, big(1), big(1), SIGNATURE),
            () -> new Batch.SettlementDiff(tokenId, big(1), big(-1), big(0), big(0)),
            () -> new Batch.ReserveToCollateral(tokenId, List.of()),
            () -> new Batch.ReserveToExternal(WALLET, tokenId, big(1)));

    for (ThrowingCallable constructor : constructors) {
      assertThatThrownBy(constructor)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("tokenId must be positive: " + tokenId);
    }
  }

  @Test
  void everyReferenceIsRequired() {
    assertNullRejected(() -> new Batch.ExternalToReserve(1, null), "amount == null");
    assertNullRejected(() -> new Batch.ReserveToReserve(null, 1, big(1)), "receiver == null");
    assertNullRejected(() -> new Batch.CollateralToReserve(null, 1, big(1), big(1), SIGNATURE), "counterparty == null");
    assertNullRejected(() -> new Batch.CollateralToReserve(PEER, 1, big(1), null, SIGNATURE), "nonce == null");
    assertNullRejected(() -> new Batch.CollateralToReserve(PEER, 1, big(1), big(1), null), "signature == null");
    assertNullRejected(() -> new Batch.SettlementDiff(1, null, big(0), big(0), big(0)), "leftReserveDiff == null");
    assertNullRejected(() -> new Batch.SettlementDiff(1, big(0), null, big(0), big(0)), "rightReserveDiff == null");
    assertNullRejected(() -> new Batch.SettlementDiff(1, big(0), big(0), null, big(0)), "collateralDiff == null");
    assertNullRejected(() -> new Batch.SettlementDiff(1, big(0), big(0), big(0), null), "ondeltaDiff == null");
    assertNullRejected(() -> new Batch.Settlement(null, List.of(), big(1), SIGNATURE), "counterparty == null");
    assertNullRejected(() -> new Batch.Settlement(PEER, null, big(1), SIGNATURE), "diffs == null");
    assertNullRejected(() -> new Batch.Settlement(PEER, List.of(), big(1), null), "signature == null");
    assertNullRejected(() -> new Batch.R2CPair(null, big(1)), "counterparty == null");
    assertNullRejected(() -> new Batch.ReserveToCollateral(1, null), "pairs == null");
    assertNullRejected(() -> new Batch.ReserveToExternal(null, 1, big(1)), "receiver == null");
    assertNullRejected(
        () -> new Batch(null, List.of(), List.of(), List.of(), List.of(), List.of()), "externalToReserve == null");
    assertNullRejected(
        () -> new Batch(List.of(), null, List.of(), List.of(), List.of(), List.of()), "reserveToReserve == null");
    assertNullRejected(
        () -> new Batch(List.of(), List.of(), null, List.of(), List.of(), List.of()), "collateralToReserve == null");
    assertNullRejected(
        () -> new Batch(List.of(), List.of(), List.of(), null, List.of(), List.of()), "settlements == null");
    assertNullRejected(
        () -> new Batch(List.of(), List.of(), List.of(), List.of(), null, List.of()), "reserveToCollateral == null");
    assertNullRejected(
        () -> new Batch(List.of(), List.of(), List.of(), List.of(), List.of(), null), "reserveToExternal == null");
  }

  @Test
  void rejectsAnExternalReceiverThatIsNotAnAddress() {
    assertThatThrownBy(() -> new Batch.ReserveToExternal("0x1234", 1, big(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an address is 20 bytes of hex: 0x1234");
  }

  @Test
  void aSettlementDiffConservesReservesAndCollateral() {
    assertThatThrownBy(() -> new Batch.SettlementDiff(3, big(5), big(-4), big(0), big(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("settlement of token 3 does not conserve value: reserves and collateral sum to 1");

    // ondelta is not part of the conservation rule
    assertThat(new Batch.SettlementDiff(3, big(5), big(-4), big(-1), big(1_000)).ondeltaDiff()).isEqualTo(big(1_000));
  }

  @Test
  void aSettlementDiffFitsInInt128() {
    BigInteger tooLarge = INT128_MAX.add(BigInteger.ONE);
    BigInteger tooSmall = INT128_MAX.negate().subtract(BigInteger.TWO);

    assertThatThrownBy(() -> new Batch.SettlementDiff(1, tooLarge, tooLarge.negate(), big(0), big(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a settlement diff fits in int128: " + tooLarge);
    assertThatThrownBy(() -> new Batch.SettlementDiff(1, big(0), big(0), big(0), tooSmall))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a settlement diff fits in int128: " + tooSmall);

    BigInteger int128Min = INT128_MAX.negate().subtract(BigInteger.ONE);
    assertThat(new Batch.SettlementDiff(1, int128Min, INT128_MAX, BigInteger.ONE, int128Min).leftReserveDiff())
        .isEqualTo(int128Min);
  }

  @Test
  void boundsEachList() {
    assertBound(
        Batch.MAX_EXTERNAL_TO_RESERVE,
        "externalToReserve",
        n -> new Batch(copies(n, new Batch.ExternalToReserve(1, big(1))), List.of(), List.of(), List.of(), List.of(),
            List.of()));
    assertBound(
        Batch.MAX_RESERVE_TO_RESERVE,
        "reserveToReserve",
        n -> new Batch(List.of(), copies(n, new Batch.ReserveToReserve(PEER, 1, big(1))), List.of(), List.of(),
            List.of(), List.of()));
    assertBound(
        Batch.MAX_COLLATERAL_TO_RESERVE,
        "collateralToReserve",
        n -> new Batch(List.of(), List.of(), copies(n, new Batch.CollateralToReserve(PEER, 1, big(1), big(1),
            SIGNATURE)), List.of(), List.of(), List.of()));
    assertBound(
        Batch.MAX_SETTLEMENTS,
        "settlements",
        n -> new Batch(List.of(), List.of(), List.of(), copies(n, new Batch.Settlement(PEER, List.of(), big(1),
            SIGNATURE)), List.of(), List.of()));
    assertBound(
        Batch.MAX_RESERVE_TO_EXTERNAL,
        "reserveToExternal",
        n -> new Batch(List.of(), List.of(), List.of(), List.of(), List.of(), copies(n,
            new Batch.ReserveToExternal(WALLET, 1, big(1)))));
    assertBound(
        Batch.MAX_SETTLEMENT_DIFFS,
        "diffs",
        n -> new Batch.Settlement(PEER, copies(n, new Batch.SettlementDiff(1, big(1), big(-1), big(0), big(0))),
            big(1), SIGNATURE));
  }

  @Test
  void boundsMatchTheDepository() {
    String source = Fixtures.solidity("Depository.sol");

    assertThat(source)
        .contains("MAX_EXTERNAL_TO_RESERVE = " + Batch.MAX_EXTERNAL_TO_RESERVE + ";")
        .contains("MAX_RESERVE_TO_RESERVE = " + Batch.MAX_RESERVE_TO_RESERVE + ";")
        .contains("MAX_COLLATERAL_TO_RESERVE = " + Batch.MAX_COLLATERAL_TO_RESERVE + ";")
        .contains("MAX_SETTLEMENTS = " + Batch.MAX_SETTLEMENTS + ";")
        .contains("MAX_SETTLEMENT_DIFFS = " + Batch.MAX_SETTLEMENT_DIFFS + ";")
        .contains("MAX_R2C_PAIRS = " + Batch.MAX_R2C_PAIRS + ";")
        .contains("MAX_RESERVE_TO_EXTERNAL = " + Batch.MAX_RESERVE_TO_EXTERNAL + ";");
  }

  @Test
  void boundsReserveToCollateralPairsSummedOverAllGroups() {
    int half = Batch.MAX_R2C_PAIRS / 2;
    List<Batch.ReserveToCollateral> full =
        List.of(r2c(1, half), r2c(2, Batch.MAX_R2C_PAIRS - half), r2c(3, 0));
    List<Batch.ReserveToCollateral> oneOver = List.of(r2c(1, half), r2c(2, Batch.MAX_R2C_PAIRS - half + 1));

    Batch batch = new Batch(List.of(), List.of(), List.of(), List.of(), full, List.of());

    assertThat(batch.operationCount()).isEqualTo(Batch.MAX_R2C_PAIRS);
    assertThatThrownBy(() -> new Batch(List.of(), List.of(), List.of(), List.of(), oneOver, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a batch holds at most " + Batch.MAX_R2C_PAIRS + " R2C pairs, got " + (Batch.MAX_R2C_PAIRS + 1));
  }

  @Test
  void countsEveryOperationAndEveryPair() {
    Batch batch =
        Batch.builder()
            .externalToReserve(new Batch.ExternalToReserve(1, big(10)))
            .reserveToReserve(new Batch.ReserveToReserve(PEER, 1, big(1)))
            .collateralToReserve(new Batch.CollateralToReserve(PEER, 1, big(1), big(1), SIGNATURE))
            .settlement(
                new Batch.Settlement(
                    PEER,
                    List.of(
                        new Batch.SettlementDiff(1, big(1), big(-1), big(0), big(0)),
                        new Batch.SettlementDiff(2, big(1), big(-1), big(0), big(0))),
                    big(2),
                    SIGNATURE))
            .reserveToCollateral(r2c(1, 3))
            .reserveToCollateral(r2c(2, 2))
            .reserveToExternal(new Batch.ReserveToExternal(WALLET, 1, big(1)))
            .build();

    assertThat(batch.operationCount()).isEqualTo(1 + 1 + 1 + 1 + 5 + 1);
    assertThat(batch.isEmpty()).isFalse();
    assertThat(Batch.EMPTY.operationCount()).isZero();
    assertThat(Batch.EMPTY.isEmpty()).isTrue();
    assertThat(Batch.builder().reserveToCollateral(r2c(1, 0)).build().isEmpty()).isTrue();
  }

  @Test
  void sumsTheAmountsOfAReserveToCollateralGroup() {
    Batch.ReserveToCollateral group =
        new Batch.ReserveToCollateral(1, List.of(new Batch.R2CPair(PEER, big(3)), new Batch.R2CPair(PEER, big(4))));

    assertThat(group.total()).isEqualTo(big(7));
    assertThat(new Batch.ReserveToCollateral(1, List.of()).total()).isZero();
  }

  @Test
  void copiesItsListsSoLaterChangesCannotReachIt() {
    List<Batch.ExternalToReserve> deposits = new ArrayList<>(List.of(new Batch.ExternalToReserve(1, big(1))));
    List<Batch.R2CPair> pairs = new ArrayList<>(List.of(new Batch.R2CPair(PEER, big(1))));
    Batch batch =
        new Batch(deposits, List.of(), List.of(), List.of(), List.of(new Batch.ReserveToCollateral(1, pairs)),
            List.of());

    deposits.add(new Batch.ExternalToReserve(1, big(2)));
    pairs.add(new Batch.R2CPair(PEER, big(2)));

    assertThat(batch.operationCount()).isEqualTo(2);
    assertThatThrownBy(() -> batch.externalToReserve().add(new Batch.ExternalToReserve(1, big(1))))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  private static Batch.ReserveToCollateral r2c(int tokenId, int pairs) {
    return new Batch.ReserveToCollateral(
        tokenId,
        IntStream.range(0, pairs).mapToObj(i -> new Batch.R2CPair(PEER, big(i + 1))).toList());
  }

  private static <T> List<T> copies(int n, T item) {
    return Collections.nCopies(n, item);
  }

  private static void assertBound(int max, String name, IntFunction<Object> build) {
    assertThat(build.apply(max)).isNotNull();
    assertThatThrownBy(() -> build.apply(max + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(name + " holds at most " + max + " entries, got " + (max + 1));
  }

  private static void assertNullRejected(ThrowingCallable constructor, String message) {
    assertThatThrownBy(constructor).isInstanceOf(NullPointerException.class).hasMessage(message);
  }

  @Test
  void refusesTheZeroEntityAsCounterpartyOrReceiver() {
    EntityId zero = new EntityId("0".repeat(64));
    assertThatThrownBy(() -> new Batch.R2CPair(zero, big(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("counterparty must not be the zero entity");
    assertThatThrownBy(() -> new Batch.ReserveToReserve(zero, 1, big(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("receiver must not be the zero entity");
  }
}
