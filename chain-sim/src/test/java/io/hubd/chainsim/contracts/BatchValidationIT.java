package io.hubd.chainsim.contracts;

import static io.hubd.chainsim.contracts.DepositoryFixture.id;
import static io.hubd.chainsim.contracts.DepositoryFixture.reason;
import static java.math.BigInteger.ONE;
import static java.math.BigInteger.ZERO;
import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.contracts.AccountState;
import io.hubd.contracts.Batch;
import io.hubd.contracts.BatchCall;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.RevertReason;
import io.hubd.contracts.generated.Depository;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.crypto.Credentials;

/**
 * What the Depository rejects before it moves anything: batch nonces out of sequence, lists over their bounds,
 * unknown tokens, zero amounts, impossible counterparties and receivers. Each case names the error and its
 * arguments, and a rejected batch leaves the hub's batch nonce where it was.
 */
class BatchValidationIT {
  private static final EntityId ZERO_ID = new EntityId("0x" + "0".repeat(64));
  private static final String ZERO_ADDRESS = "0x" + "0".repeat(40);
  private static final byte[] NO_SIGNATURE = new byte[65];
  @RegisterExtension
  static final FixtureExtension FIXTURE = new FixtureExtension("batch-validation");

  /** A batch the hub submits and the error it must be rejected with. */
  record Case(String name, Supplier<RawBatch> batch, Supplier<RevertReason> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  // ---------------------------------------------------------------- batch nonce

  @Test
  void rejectsABatchNonceThatSkipsAhead() {
    BigInteger last = f().batchNonce(f().hubId());
    BigInteger skipped = last.add(BigInteger.TWO);

    assertThat(f().rejection(f().hub(), BatchCall.of(onePaymentBatch(), skipped).callData()))
        .isEqualTo(reason("BadBatchNonce", "entity", f().hubId(), "expected", last.add(ONE), "given", skipped));
    assertThat(f().batchNonce(f().hubId())).isEqualTo(last);
  }

  @Test
  void rejectsAReplayedBatch() {
    BatchCall call = f().nextCall(f().hub(), onePaymentBatch());
    f().client().send(f().hub(), f().suite().depository(), call.callData());

    assertThat(f().rejection(f().hub(), call.callData()))
        .isEqualTo(
            reason("BadBatchNonce", "entity", f().hubId(), "expected", call.batchNonce().add(ONE), "given",
                call.batchNonce()));
    assertThat(f().reserve(id(f().user(HubSide.LEFT)), f().usd())).as("paid once").isEqualTo(ONE);
  }

  @Test
  void rejectsAZeroBatchNonceForAnEntityThatNeverSubmitted() {
    // the model refuses a zero nonce, so the call is encoded raw
    assertThat(f().rejection(f().user(HubSide.RIGHT), new RawBatch().callData(ZERO)))
        .isEqualTo(reason("BadBatchNonce", "entity", id(f().user(HubSide.RIGHT)), "expected", ONE, "given", ZERO));
  }

  @Test
  void countsBatchNoncesPerEntity() {
    BigInteger hubNonce = f().batchNonce(f().hubId());

    f().submit(f().user(HubSide.LEFT), Batch.EMPTY);

    assertThat(f().batchNonce(id(f().user(HubSide.LEFT)))).isEqualTo(ONE);
    assertThat(f().batchNonce(f().hubId())).isEqualTo(hubNonce);
  }

  @Test
  void aRejectedBatchLeavesItsNonceForTheNextOne() {
    BigInteger next = f().nextBatchNonce(f().hub());
    BigInteger tooMuch = f().reserve(f().hubId(), f().usd()).add(ONE);
    f().rejection(
        f().hub(),
        Batch.builder()
            .reserveToReserve(new Batch.ReserveToReserve(id(f().user(HubSide.LEFT)), f().usd().tokenId(), tooMuch))
            .build());

    f().client().send(f().hub(), f().suite().depository(), BatchCall.of(onePaymentBatch(), next).callData());

    assertThat(f().batchNonce(f().hubId())).isEqualTo(next);
  }

  // ---------------------------------------------------------------- bounds

  static Stream<Case> oversizeLists() {
    return Stream.of(
        tooLarge("externalToReserve", 0, 17, 16, b -> b.externalToReserve(usd(), ONE)),
        tooLarge("reserveToReserve", 1, 257, 256, b -> b.reserveToReserve(user(), usd(), ONE)),
        tooLarge("collateralToReserve", 2, 257, 256, b -> b.collateralToReserve(user(), usd(), ONE, ONE, NO_SIGNATURE)),
        tooLarge("settlements", 3, 65, 64, b -> b.settlement(user(), List.of(), ONE, NO_SIGNATURE)),
        new Case(
            "settlement diffs",
            () -> new RawBatch().settlement(user(), nCopies(17, RawBatch.diff(usd(), ZERO, ZERO, ZERO, ONE)), ONE,
                NO_SIGNATURE),
            () -> batchTooLarge(4, 17, 16)),
        new Case(
            "R2C pairs summed over three groups",
            () ->
                new RawBatch()
                    .reserveToCollateral(usd(), pairs(100, ONE))
                    .reserveToCollateral(f().eth().tokenId(), pairs(100, ONE))
                    .reserveToCollateral(usd(), pairs(57, ONE)),
            () -> batchTooLarge(5, 257, 256)),
        tooLarge("reserveToExternal", 6, 257, 256, b -> b.reserveToExternal(f().hub().getAddress(), usd(), ONE)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oversizeLists")
  void rejectsAListOverItsBound(Case c) {
    assertRejected(c);
  }

  @Test
  void acceptsTheFullR2cBoundSpreadOverGroups() {
    BigInteger before = f().reserve(f().hubId(), f().usd());
    List<Depository.R2CPair> first = pairs(200, BigInteger.TEN);
    List<Depository.R2CPair> second = pairs(200, 56, BigInteger.TWO);

    f().submit(f().hub(), new RawBatch().reserveToCollateral(usd(), first).reserveToCollateral(usd(), second));

    assertThat(f().reserve(f().hubId(), f().usd())).isEqualTo(before.subtract(BigInteger.valueOf(200 * 10 + 56 * 2)));
    assertThat(f().account(f().hubId(), EntityId.ofBytes(second.get(55).counterparty), f().usd()).collateral())
        .isEqualTo(BigInteger.TWO);
  }

  @Test
  void acceptsTheFullSettlementDiffBound() {
    Credentials user = f().user(HubSide.LEFT);
    List<Depository.SettlementDiff> diffs = nCopies(16, RawBatch.diff(usd(), ZERO, ZERO, ZERO, ONE));
    byte[] digest = RawDigests.settlement(f().domain(), f().left(user), f().right(user), diffs, ONE);

    f().submit(f().hub(), new RawBatch().settlement(id(user), diffs, ONE, RawDigests.sign(digest, user)));

    assertThat(f().account(user, f().usd())).isEqualTo(new AccountState(ZERO, BigInteger.valueOf(16), ONE));
  }

  // ---------------------------------------------------------------- tokens, amounts, counterparties, receivers

  static Stream<Case> unknownTokens() {
    return Stream.of(0, 3)
        .flatMap(
            t ->
                Stream.of(
                    batchOf(b -> b.externalToReserve(t, ONE)),
                    batchOf(b -> b.reserveToReserve(user(), t, ONE)),
                    batchOf(b -> b.collateralToReserve(user(), t, ONE, ONE, NO_SIGNATURE)),
                    batchOf(b -> b.reserveToCollateral(t, pairs(1, ONE))),
                    batchOf(b -> b.reserveToExternal(f().hub().getAddress(), t, ONE)))
                    .map(
                        batch ->
                            new Case(
                                batch.get().firstOperation() + " in token " + t,
                                batch,
                                () -> reason("UnknownToken", "tokenId", BigInteger.valueOf(t)))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unknownTokens")
  void rejectsAnUnknownToken(Case c) {
    assertRejected(c);
  }

  static Stream<Case> zeroAmounts() {
    return Stream.of(
            batchOf(b -> b.externalToReserve(usd(), ZERO)),
            batchOf(b -> b.reserveToReserve(user(), usd(), ZERO)),
            batchOf(b -> b.collateralToReserve(user(), usd(), ZERO, ONE, NO_SIGNATURE)),
            // the second pair of the group is the zero one
            batchOf(
                b ->
                    b.reserveToCollateral(
                        usd(), List.of(RawBatch.pair(user(), ONE), RawBatch.pair(id(f().user(HubSide.RIGHT)), ZERO)))),
            batchOf(b -> b.reserveToExternal(f().hub().getAddress(), usd(), ZERO)))
        .map(batch -> new Case(batch.get().firstOperation(), batch, () -> reason("ZeroAmount")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("zeroAmounts")
  void rejectsAZeroAmount(Case c) {
    assertRejected(c);
  }

  static Stream<Case> invalidCounterparties() {
    return Stream.of("self", "zero")
        .flatMap(
            which -> {
              Supplier<EntityId> counterparty = () -> which.equals("self") ? f().hubId() : ZERO_ID;
              return Stream.of(
                      batchOf(b -> b.collateralToReserve(counterparty.get(), usd(), ONE, ONE, NO_SIGNATURE)),
                      batchOf(b -> b.settlement(counterparty.get(), List.of(), ONE, NO_SIGNATURE)),
                      batchOf(b -> b.reserveToCollateral(usd(), List.of(RawBatch.pair(counterparty.get(), ONE)))))
                  .map(
                      batch ->
                          new Case(
                              batch.get().firstOperation() + " with " + which,
                              batch,
                              () -> reason("InvalidCounterparty", "counterparty", counterparty.get())));
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidCounterparties")
  void rejectsAnAccountWithItselfOrTheZeroEntity(Case c) {
    assertRejected(c);
  }

  static Stream<Case> invalidReceivers() {
    return Stream.of(
        new Case("reserveToReserve to the zero entity", () -> new RawBatch().reserveToReserve(ZERO_ID, usd(), ONE),
            () -> reason("InvalidReceiver")),
        new Case("reserveToExternal to the zero address",
            () -> new RawBatch().reserveToExternal(ZERO_ADDRESS, usd(), ONE), () -> reason("InvalidReceiver")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidReceivers")
  void rejectsTheZeroReceiver(Case c) {
    assertRejected(c);
  }

  @Test
  void rejectsCollateralBeyond128Bits() {
    BigInteger beyond = BigInteger.TWO.pow(128);
    assertRejected(
        new Case("R2C of 2^128", () -> new RawBatch().reserveToCollateral(usd(), pairs(1, beyond)),
            () -> reason("AmountOverflow")));
  }

  // ---------------------------------------------------------------- helpers

  private static void assertRejected(Case c) {
    BigInteger batchNonce = f().batchNonce(f().hubId());
    assertThat(f().rejection(f().hub(), c.batch().get())).isEqualTo(c.expected().get());
    assertThat(f().batchNonce(f().hubId())).isEqualTo(batchNonce);
  }

  private static Case tooLarge(
      String list, int ordinal, int size, int max, java.util.function.Consumer<RawBatch> addOne) {
    return new Case(
        list + " with " + size + " entries",
        batchOf(batch -> IntStream.range(0, size).forEach(i -> addOne.accept(batch))),
        () -> batchTooLarge(ordinal, size, max));
  }

  private static RevertReason batchTooLarge(int ordinal, int size, int max) {
    return reason(
        "BatchTooLarge", "list", BigInteger.valueOf(ordinal), "size", BigInteger.valueOf(size), "max",
        BigInteger.valueOf(max));
  }

  private static Supplier<RawBatch> batchOf(java.util.function.Consumer<RawBatch> add) {
    return () -> {
      RawBatch batch = new RawBatch();
      add.accept(batch);
      return batch;
    };
  }

  /** {@code n} R2C pairs of {@code amount}, each with a distinct counterparty that is no key's entity. */
  private static List<Depository.R2CPair> pairs(int n, BigInteger amount) {
    return pairs(0, n, amount);
  }

  /** Like {@link #pairs(int, BigInteger)}, with counterparties numbered from {@code first}. */
  private static List<Depository.R2CPair> pairs(int first, int n, BigInteger amount) {
    List<Depository.R2CPair> out = new ArrayList<>();
    for (int i = first; i < first + n; i++) {
      out.add(RawBatch.pair(new EntityId(String.format("0x%064x", 0x10_000 + i)), amount));
    }
    return out;
  }

  private static <T> List<T> nCopies(int n, T value) {
    return java.util.Collections.nCopies(n, value);
  }

  /** The hub pays one base unit of TUSD into a user's reserve. */
  private static Batch onePaymentBatch() {
    return Batch.builder()
        .reserveToReserve(new Batch.ReserveToReserve(id(f().user(HubSide.LEFT)), f().usd().tokenId(), ONE))
        .build();
  }

  private static int usd() {
    return f().usd().tokenId();
  }

  private static EntityId user() {
    return id(f().user(HubSide.LEFT));
  }
  private static DepositoryFixture f() {
    return FIXTURE.get();
  }

}
