package io.hubd.chainsim.contracts;

import static io.hubd.chainsim.contracts.DepositoryFixture.id;
import static io.hubd.chainsim.contracts.DepositoryFixture.reason;
import static java.math.BigInteger.ONE;
import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.chainsim.DeployedSuite.DeployedToken;
import io.hubd.contracts.AccountStateAuthorization;
import io.hubd.contracts.Batch;
import io.hubd.contracts.CollateralToReserveAuthorization;
import io.hubd.contracts.ContractCode;
import io.hubd.contracts.DepositoryCalls;
import io.hubd.contracts.Eip712Domain;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.SettlementAuthorization;
import io.hubd.contracts.Signature;
import io.hubd.contracts.generated.Depository;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;
import org.web3j.protocol.ObjectMapperFactory;

/**
 * Counterparty signatures on C2R and settlements: EIP-712 over the Depository's domain, checked against the
 * counterparty's key, with an account nonce that only moves forward. Every rejection leaves the account as it was.
 */
class SignatureIT {
  @RegisterExtension
  static final FixtureExtension FIXTURE = new FixtureExtension("signatures", SignatureIT::fundAccounts);

  /** The two operations that carry a counterparty's signature. */
  enum Kind {
    C2R,
    SETTLEMENT
  }

  static Stream<Arguments> kindsAndSides() {
    return Stream.of(Kind.values()).flatMap(k -> Stream.of(HubSide.values()).map(s -> Arguments.of(k, s)));
  }

  @ParameterizedTest(name = "{0}, hub {1}")
  @MethodSource("kindsAndSides")
  void acceptsTheCounterpartysSignatureUnderThisDepositorysDomain(Kind kind, HubSide side) {
    Credentials user = f().user(side);

    f().submit(f().hub(), signedBy(kind, user, f().domain(), user, ONE));

    assertThat(f().account(user, f().usd()).nonce()).isEqualTo(ONE);
  }

  @ParameterizedTest(name = "{0}, hub {1}")
  @MethodSource("kindsAndSides")
  void rejectsAReplayedAuthorization(Kind kind, HubSide side) {
    Credentials user = f().user(side);
    RawBatch batch = signedBy(kind, user, f().domain(), user, ONE);
    f().submit(f().hub(), batch);

    assertThat(f().rejection(f().hub(), batch))
        .isEqualTo(reason("StaleNonce", "left", f().left(user), "right", f().right(user), "stored", ONE, "given", ONE));
  }

  @ParameterizedTest(name = "{0}, hub {1}")
  @MethodSource("kindsAndSides")
  void rejectsANonceBelowTheOneTheOtherOperationStored(Kind kind, HubSide side) {
    Credentials user = f().user(side);
    Kind other = kind == Kind.C2R ? Kind.SETTLEMENT : Kind.C2R;
    BigInteger stored = BigInteger.valueOf(5);
    f().submit(f().hub(), signedBy(other, user, f().domain(), user, stored));
    BigInteger given = BigInteger.valueOf(4);

    assertThat(f().rejection(f().hub(), signedBy(kind, user, f().domain(), user, given)))
        .isEqualTo(
            reason("StaleNonce", "left", f().left(user), "right", f().right(user), "stored", stored, "given", given));
  }

  @ParameterizedTest(name = "{0}, hub {1}")
  @MethodSource("kindsAndSides")
  void rejectsAnAuthorizationSignedForAnotherChain(Kind kind, HubSide side) {
    Credentials user = f().user(side);
    Eip712Domain otherChain = Eip712Domain.depository(f().domain().chainId() + 1, f().suite().depository());

    assertRejectedAsInvalid(user, signedBy(kind, user, otherChain, user, ONE));
  }

  @ParameterizedTest(name = "{0}, hub {1}")
  @MethodSource("kindsAndSides")
  void rejectsAnAuthorizationSignedForAnotherDepository(Kind kind, HubSide side) {
    Credentials user = f().user(side);
    String otherDepository = f().client().deploy(f().owner(), ContractCode.depository(f().owner().getAddress(), 20));
    Eip712Domain otherContract = Eip712Domain.depository(f().domain().chainId(), otherDepository);

    assertRejectedAsInvalid(user, signedBy(kind, user, otherContract, user, ONE));
  }

  @ParameterizedTest(name = "{0}, hub {1}")
  @MethodSource("kindsAndSides")
  void rejectsAnAuthorizationSignedByAnotherKey(Kind kind, HubSide side) {
    Credentials user = f().user(side);

    assertRejectedAsInvalid(user, signedBy(kind, user, f().domain(), f().user(side, 1), ONE));
    assertRejectedAsInvalid(user, signedBy(kind, user, f().domain(), f().hub(), ONE));
  }

  @ParameterizedTest
  @EnumSource(HubSide.class)
  void rejectsAC2rAuthorizedForAnotherSubmitter(HubSide side) {
    Credentials user = f().user(side);
    Credentials otherSubmitter = f().user(side, 1);
    DeployedToken token = f().usd();
    BigInteger amount = token.units(1);
    byte[] digest =
        RawDigests.collateralToReserve(f().domain(), id(otherSubmitter), id(user), big(token.tokenId()), amount, ONE);

    byte[] signature = RawDigests.sign(digest, user);

    assertRejectedAsInvalid(user, new RawBatch().collateralToReserve(id(user), token.tokenId(), amount, ONE, signature));
  }

  @ParameterizedTest
  @EnumSource(HubSide.class)
  void rejectsASettlementSignedForAnotherAccount(HubSide side) {
    Credentials user = f().user(side);
    Credentials other = f().user(side, 1);
    List<Depository.SettlementDiff> diffs = payUser(side);
    // the user signed these diffs for its account with another entity
    EntityId a = id(user);
    EntityId b = id(other);
    byte[] digest = RawDigests.settlement(f().domain(), a.isLeftOf(b) ? a : b, a.isLeftOf(b) ? b : a, diffs, ONE);

    assertRejectedAsInvalid(user, new RawBatch().settlement(id(user), diffs, ONE, RawDigests.sign(digest, user)));
  }

  static Stream<Arguments> malformations() {
    BigInteger n = Sign.CURVE_PARAMS.getN();
    return Stream.of(
        Arguments.of("empty", (UnaryOperator<byte[]>) sig -> new byte[0]),
        Arguments.of("64 bytes", (UnaryOperator<byte[]>) sig -> Arrays.copyOf(sig, 64)),
        Arguments.of("66 bytes", (UnaryOperator<byte[]>) sig -> Arrays.copyOf(sig, 66)),
        Arguments.of("all zero", (UnaryOperator<byte[]>) sig -> new byte[65]),
        Arguments.of("v of 0 or 1", (UnaryOperator<byte[]>) sig -> withV(sig, sig[64] - 27)),
        Arguments.of("v of 29", (UnaryOperator<byte[]>) sig -> withV(sig, 29)),
        Arguments.of(
            "high s (the malleable twin of a valid signature)",
            (UnaryOperator<byte[]>)
                sig -> {
                  byte[] out = withV(sig, sig[64] == 27 ? 28 : 27);
                  BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
                  byte[] highS = org.web3j.utils.Numeric.toBytesPadded(n.subtract(s), 32);
                  System.arraycopy(highS, 0, out, 32, 32);
                  return out;
                }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformations")
  void rejectsAMalformedC2rSignature(String name, UnaryOperator<byte[]> malform) {
    Credentials user = f().user(HubSide.LEFT);
    DeployedToken token = f().usd();
    byte[] digest =
        RawDigests.collateralToReserve(f().domain(), f().hubId(), id(user), big(token.tokenId()), token.units(1), ONE);
    byte[] signature = malform.apply(RawDigests.sign(digest, user));

    assertRejectedAsInvalid(
        user, new RawBatch().collateralToReserve(id(user), token.tokenId(), token.units(1), ONE, signature));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformations")
  void rejectsAMalformedSettlementSignature(String name, UnaryOperator<byte[]> malform) {
    Credentials user = f().user(HubSide.RIGHT);
    List<Depository.SettlementDiff> diffs = payUser(HubSide.RIGHT);
    byte[] digest = RawDigests.settlement(f().domain(), id(user), f().hubId(), diffs, ONE);
    byte[] signature = malform.apply(RawDigests.sign(digest, user));

    assertRejectedAsInvalid(user, new RawBatch().settlement(id(user), diffs, ONE, signature));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void rejectsACounterpartyThatCannotSign(Kind kind) {
    EntityId notAnAccount = new EntityId("0x" + "11".repeat(12) + "22".repeat(20)); // upper 12 bytes set
    byte[] anySignature = new byte[65];
    int usd = f().usd().tokenId();
    RawBatch batch =
        kind == Kind.C2R
            ? new RawBatch().collateralToReserve(notAnAccount, usd, BigInteger.TEN, ONE, anySignature)
            : new RawBatch().settlement(notAnAccount, List.of(), ONE, anySignature);

    assertThat(f().rejection(f().hub(), batch)).isEqualTo(reason("InvalidCounterparty", "counterparty", notAnAccount));
  }

  @ParameterizedTest
  @EnumSource(HubSide.class)
  void acceptsAC2rSignedByAWalletThroughSignTypedData(HubSide side) throws IOException {
    Credentials wallet = devAccountOn(side);
    DeployedToken token = f().eth();
    f().fundCollateral(token, id(wallet), token.units(2));
    CollateralToReserveAuthorization auth =
        new CollateralToReserveAuthorization(f().hubId(), id(wallet), token.tokenId(), token.units(2), ONE);

    Signature signature = signTypedData(wallet, auth.toTypedDataJson(f().domain()));
    f().submit(f().hub(), Batch.builder().collateralToReserve(auth.toOperation(signature)).build());

    assertThat(signature).isEqualTo(auth.sign(f().domain(), wallet.getEcKeyPair()));
    assertThat(f().account(f().hubId(), id(wallet), token).collateral()).isZero();
  }

  @ParameterizedTest
  @EnumSource(HubSide.class)
  void acceptsASettlementSignedByAWalletThroughSignTypedData(HubSide side) throws IOException {
    Credentials wallet = devAccountOn(side);
    DeployedToken usd = f().usd();
    DeployedToken eth = f().eth();
    f().fundCollateral(usd, id(wallet), usd.units(8));
    SettlementAuthorization auth =
        SettlementAuthorization.between(
            f().hubId(),
            id(wallet),
            List.of(
                DepositoryFixture.hubDiff(side, usd, usd.units(3), usd.units(5), usd.units(-8), usd.units(-8)),
                DepositoryFixture.hubDiff(side, eth, eth.units(-1), eth.units(1), BigInteger.ZERO, BigInteger.ZERO)),
            BigInteger.TWO);

    Signature signature = signTypedData(wallet, auth.toTypedDataJson(f().domain()));
    f().submit(f().hub(), Batch.builder().settlement(auth.toOperation(f().hubId(), signature)).build());

    assertThat(f().reserve(wallet, usd)).isEqualTo(usd.units(5));
    assertThat(f().reserve(wallet, eth)).isEqualTo(eth.units(1));
    assertThat(f().account(f().hubId(), id(wallet), usd).nonce()).isEqualTo(BigInteger.TWO);
  }

  @ParameterizedTest(name = "hub {0}")
  @EnumSource(HubSide.class)
  void anAccountStateAWalletSignsAsTypedDataStartsADispute(HubSide side) throws IOException {
    Credentials wallet = devAccountOn(side);
    DeployedToken usd = f().usd();
    AccountStateAuthorization state =
        AccountStateAuthorization.between(f().hubId(), id(wallet), BigInteger.valueOf(3),
            List.of(new Batch.TokenDelta(usd.tokenId(), usd.units(-12)), new Batch.TokenDelta(f().eth().tokenId(),
                BigInteger.ONE)));

    Signature signature = signTypedData(wallet, state.toTypedDataJson(f().domain()));
    f().submit(f().hub(), Batch.builder().disputeStart(state.toClaim(f().hubId(), signature)).build());

    assertThat(state.isSignedBy(f().domain(), signature, id(wallet))).isTrue();
    assertThat(f().client().call(f().suite().depository(), DepositoryCalls.disputeOf(f().hubId(), id(wallet))))
        .hasValueSatisfying(d -> {
          assertThat(d.nonce()).isEqualTo(BigInteger.valueOf(3));
          assertThat(d.deltasHash()).isEqualTo(org.web3j.utils.Numeric.toHexString(state.deltasHash()));
          assertThat(d.claimant()).isEqualTo(f().hubId());
        });
  }

  // ---------------------------------------------------------------- helpers

  /** A batch for the hub with one {@code kind} operation on its account with {@code user}, signed by {@code signer}. */
  private static RawBatch signedBy(
      Kind kind, Credentials user, Eip712Domain domain, Credentials signer, BigInteger nonce) {
    DeployedToken token = f().usd();
    if (kind == Kind.C2R) {
      byte[] digest =
          RawDigests.collateralToReserve(domain, f().hubId(), id(user), big(token.tokenId()), token.units(1), nonce);
      return new RawBatch()
          .collateralToReserve(id(user), token.tokenId(), token.units(1), nonce, RawDigests.sign(digest, signer));
    }
    HubSide side = f().hubId().isLeftOf(id(user)) ? HubSide.LEFT : HubSide.RIGHT;
    List<Depository.SettlementDiff> diffs = payUser(side);
    byte[] digest = RawDigests.settlement(domain, f().left(user), f().right(user), diffs, nonce);
    return new RawBatch().settlement(id(user), diffs, nonce, RawDigests.sign(digest, signer));
  }

  /** The hub pays the user one unit from its reserve. */
  private static List<Depository.SettlementDiff> payUser(HubSide side) {
    DeployedToken usd = f().usd();
    Batch.SettlementDiff d =
        DepositoryFixture.hubDiff(side, usd, usd.units(-1), usd.units(1), BigInteger.ZERO, BigInteger.ZERO);
    return List.of(
        RawBatch.diff(d.tokenId(), d.leftReserveDiff(), d.rightReserveDiff(), d.collateralDiff(), d.ondeltaDiff()));
  }

  private static void assertRejectedAsInvalid(Credentials user, RawBatch batch) {
    assertThat(f().rejection(f().hub(), batch)).isEqualTo(reason("InvalidSignature", "expectedSigner", id(user)));
    assertThat(f().account(user, f().usd()).nonce()).isZero();
  }

  /** A key the node holds (so it can sign typed data) whose account with the hub puts the hub on {@code side}. */
  private static Credentials devAccountOn(HubSide side) {
    return f().chain().accounts().stream()
        .filter(a -> !a.equals(f().owner()))
        .filter(a -> f().hubId().isLeftOf(id(a)) == (side == HubSide.LEFT))
        .findFirst()
        .orElseThrow();
  }

  /** Asks the node to sign as a wallet does ({@code eth_signTypedData_v4}), from the JSON payload hubd builds. */
  private static Signature signTypedData(Credentials wallet, Map<String, Object> typedData) throws IOException {
    String json = ObjectMapperFactory.getObjectMapper().writeValueAsString(typedData);
    return Signature.ofHex((String) f().rpc("eth_signTypedData_v4", wallet.getAddress(), json));
  }

  private static byte[] withV(byte[] signature, int v) {
    byte[] out = signature.clone();
    out[64] = (byte) v;
    return out;
  }

  private static DepositoryFixture f() {
    return FIXTURE.get();
  }

  private static void fundAccounts(DepositoryFixture f) {
    for (HubSide side : HubSide.values()) {
      f.fundCollateral(f.usd(), id(f.user(side)), f.usd().units(100));
    }
  }

  private static BigInteger big(int value) {
    return BigInteger.valueOf(value);
  }
}
