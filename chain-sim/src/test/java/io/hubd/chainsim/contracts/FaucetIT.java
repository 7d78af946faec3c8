package io.hubd.chainsim.contracts;

import static io.hubd.chainsim.contracts.DepositoryFixture.reason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubd.chainsim.ChainCallReverted;
import io.hubd.chainsim.DeployedSuite.DeployedToken;
import io.hubd.chainsim.SuiteSpec;
import io.hubd.contracts.ContractCode;
import io.hubd.contracts.Erc20Calls;
import io.hubd.contracts.FaucetCalls;
import io.hubd.contracts.RevertReason;
import io.hubd.contracts.generated.Faucet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The faucet: pays at most the per-drip cap of an enabled token, once per cooldown per recipient and token, from
 * what it holds, and reports each drip in a {@code Dripped} event. Exercised with the 6- and the 18-decimal token.
 */
class FaucetIT {
  @RegisterExtension static final FixtureExtension FIXTURE = new FixtureExtension("faucet");

  @ParameterizedTest
  @ValueSource(strings = {"TUSD", "TETH"})
  void dripsUpToTheCapAndReportsWhenTheRecipientMayComeBack(String symbol) {
    DeployedToken token = f().suite().token(symbol);
    String recipient = recipient("first");
    BigInteger cap = cap(token);
    BigInteger available = f().client().call(faucet(), FaucetCalls.available(token.address()));

    TransactionReceipt receipt = drip(token, recipient, cap);

    long dripTime = blockTimestamp(receipt);
    BigInteger readyAt = BigInteger.valueOf(dripTime + cooldown(token));
    assertThat(f().wallet(token, recipient)).isEqualTo(cap);
    assertThat(f().client().call(faucet(), FaucetCalls.available(token.address()))).isEqualTo(available.subtract(cap));
    assertThat(f().client().call(faucet(), FaucetCalls.nextDripAt(token.address(), recipient))).isEqualTo(readyAt);
    List<Faucet.DrippedEventResponse> events = Faucet.getDrippedEvents(receipt);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).token).isEqualToIgnoringCase(token.address());
    assertThat(events.get(0).recipient).isEqualToIgnoringCase(recipient);
    assertThat(events.get(0).amount).isEqualTo(cap);
    assertThat(events.get(0).nextDripAt).isEqualTo(readyAt);
  }

  @ParameterizedTest
  @ValueSource(strings = {"TUSD", "TETH"})
  void rejectsADripAboveTheCap(String symbol) {
    DeployedToken token = f().suite().token(symbol);
    BigInteger requested = cap(token).add(BigInteger.ONE);

    assertThat(dripRejection(token, recipient("greedy"), requested))
        .isEqualTo(reason("DripTooLarge", "max", cap(token), "requested", requested));
  }

  @ParameterizedTest
  @ValueSource(strings = {"TUSD", "TETH"})
  void rejectsASecondDripToTheSameRecipientWithinTheCooldown(String symbol) {
    DeployedToken token = f().suite().token(symbol);
    String recipient = recipient("impatient");
    TransactionReceipt first = drip(token, recipient, BigInteger.ONE);
    BigInteger readyAt = BigInteger.valueOf(blockTimestamp(first) + cooldown(token));
    f().chain().control().increaseTime(cooldown(token) / 2);
    f().chain().control().mine();

    assertThat(dripRejection(token, recipient, BigInteger.ONE))
        .isEqualTo(reason("CooldownActive", "recipient", recipient, "readyAt", readyAt));
    drip(token, recipient("someone else"), BigInteger.ONE); // the cooldown is the recipient's, not the faucet's
  }

  @ParameterizedTest
  @ValueSource(strings = {"TUSD", "TETH"})
  void dripsAgainOnceTheCooldownHasPassed(String symbol) {
    DeployedToken token = f().suite().token(symbol);
    String recipient = recipient("patient");
    drip(token, recipient, cap(token));
    f().chain().control().increaseTime(cooldown(token));
    f().chain().control().mine();

    drip(token, recipient, cap(token));

    assertThat(f().wallet(token, recipient)).isEqualTo(cap(token).shiftLeft(1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"TUSD", "TETH"})
  void servesTheRecipientAgainExactlyWhenTheCooldownEnds(String symbol) {
    DeployedToken token = f().suite().token(symbol);
    String recipient = recipient("punctual");
    long readyAt = blockTimestamp(drip(token, recipient, BigInteger.ONE)) + cooldown(token);

    f().setNextBlockTimestamp(readyAt - 1);
    assertThatThrownBy(() -> dripInNextBlock(token, recipient))
        .isInstanceOfSatisfying(
            ChainCallReverted.class,
            e ->
                assertThat(e.reason())
                    .isEqualTo(
                        reason("CooldownActive", "recipient", recipient, "readyAt", BigInteger.valueOf(readyAt))));
    f().setNextBlockTimestamp(readyAt);
    TransactionReceipt second = dripInNextBlock(token, recipient);

    assertThat(blockTimestamp(second)).isEqualTo(readyAt);
    assertThat(f().wallet(token, recipient)).isEqualTo(BigInteger.TWO);
  }

  @Test
  void keepsASeparateCooldownPerToken() {
    String recipient = recipient("both tokens");

    drip(f().usd(), recipient, BigInteger.TEN);
    drip(f().eth(), recipient, BigInteger.TEN);

    assertThat(f().wallet(f().usd(), recipient)).isEqualTo(BigInteger.TEN);
    assertThat(f().wallet(f().eth(), recipient)).isEqualTo(BigInteger.TEN);
  }

  @ParameterizedTest
  @ValueSource(strings = {"TUSD", "TETH"})
  void rejectsADripLargerThanWhatTheFaucetHolds(String symbol) {
    DeployedToken token = f().suite().token(symbol);
    BigInteger have = f().client().call(faucet(), FaucetCalls.available(token.address()));
    BigInteger need = have.add(BigInteger.ONE);
    f().client().send(f().owner(), faucet(), FaucetCalls.configure(token.address(), need, cooldown(token), true));

    assertThat(dripRejection(token, recipient("thirsty"), need))
        .isEqualTo(reason("FaucetDry", "token", token.address(), "have", have, "need", need));
  }

  @Test
  void rejectsATokenItWasNeverConfiguredFor() {
    String stranger =
        f().client().deploy(f().owner(), ContractCode.testToken("Stranger", "STR", 6, f().owner().getAddress()));
    f().client().send(f().owner(), stranger, Erc20Calls.mint(faucet(), BigInteger.TEN));

    assertThat(
            f().rejection(requester(), faucet(), FaucetCalls.drip(stranger, recipient("stranger"), BigInteger.ONE)))
        .isEqualTo(reason("TokenNotEnabled", "token", stranger));
  }

  @Test
  void rejectsATokenTheOwnerDisabledAndReportsTheChange() {
    DeployedToken token = f().usd();
    TransactionReceipt receipt =
        f().client().send(f().owner(), faucet(), FaucetCalls.configure(token.address(), cap(token), 60, false));

    List<Faucet.TokenConfiguredEventResponse> events = Faucet.getTokenConfiguredEvents(receipt);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).token).isEqualToIgnoringCase(token.address());
    assertThat(events.get(0).enabled).isFalse();
    assertThat(dripRejection(token, recipient("late"), BigInteger.ONE))
        .isEqualTo(reason("TokenNotEnabled", "token", token.address()));
  }

  @Test
  void rejectsAZeroAmountAndTheZeroRecipient() {
    assertThat(dripRejection(f().usd(), recipient("nothing"), BigInteger.ZERO)).isEqualTo(reason("ZeroAmount"));
    assertThat(dripRejection(f().usd(), "0x" + "0".repeat(40), BigInteger.ONE)).isEqualTo(reason("InvalidRecipient"));
  }

  @Test
  void letsOnlyTheOwnerConfigure() {
    Credentials intruder = requester();

    assertThat(
            f().rejection(
                intruder, faucet(), FaucetCalls.configure(f().usd().address(), BigInteger.TEN.pow(30), 0, true)))
        .isEqualTo(reason("OwnableUnauthorizedAccount", "account", intruder.getAddress()));
  }

  // ---------------------------------------------------------------- helpers

  private static TransactionReceipt drip(DeployedToken token, String recipient, BigInteger amount) {
    return f().client().send(requester(), faucet(), FaucetCalls.drip(token.address(), recipient, amount));
  }

  /** Drips one base unit in the next block, with a fixed gas limit so that no estimate runs at another time. */
  private static TransactionReceipt dripInNextBlock(DeployedToken token, String recipient) {
    String hash =
        f().client().submit(requester(), faucet(), FaucetCalls.drip(token.address(), recipient, BigInteger.ONE),
            BigInteger.ZERO, BigInteger.valueOf(200_000), f().client().defaultFees());
    return f().client().waitForReceipt(hash, Duration.ofSeconds(10));
  }

  private static RevertReason dripRejection(DeployedToken token, String recipient, BigInteger amount) {
    return f().rejection(requester(), faucet(), FaucetCalls.drip(token.address(), recipient, amount));
  }

  /** Anyone may ask the faucet to pay a recipient; here a key with no special role does. */
  private static Credentials requester() {
    return f().user(HubSide.LEFT);
  }

  private static String recipient(String name) {
    return TestKeys.key("faucet/" + name).getAddress();
  }

  private static String faucet() {
    return f().suite().faucet();
  }

  private static BigInteger cap(DeployedToken token) {
    return f().client().call(faucet(), FaucetCalls.maxPerDrip(token.address()));
  }

  private static long cooldown(DeployedToken token) {
    return SuiteSpec.standard().tokens().stream()
        .filter(t -> t.symbol().equals(token.symbol()))
        .findFirst()
        .orElseThrow()
        .cooldownSeconds();
  }

  private static long blockTimestamp(TransactionReceipt receipt) {
    try {
      return f().chain().web3j().ethGetBlockByHash(receipt.getBlockHash(), false).send().getBlock().getTimestamp()
          .longValueExact();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static DepositoryFixture f() {
    return FIXTURE.get();
  }
}
