package io.hubd.daemon.topup;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.hubd.contracts.RevertReason;
import io.hubd.contracts.FaucetCalls;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The faucet path of one token's top-up: drip first when the wallet is short, the cooldown, and a dry alarm. */
class FaucetRefillTest {
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger alarmLogger = (Logger) LoggerFactory.getLogger(DryAlarm.class);

  @BeforeEach
  void captureAlarms() {
    logs.start();
    alarmLogger.addAppender(logs);
  }

  @AfterEach
  void releaseAlarms() {
    alarmLogger.detachAppender(logs);
  }

  private long warnings() {
    return logs.list.stream().filter(e -> e.getLevel() == Level.WARN).count();
  }

  @Test
  void dripsWhatTheWalletLacksBeforeDepositing() {
    TopUpHarness h = TopUpHarness.standard().reserve(100).wallet(1_000);

    h.step();

    assertThat(h.phase()).isEqualTo(TopUpPhase.DRIPPING);
    assertThat(h.intents.last().to()).isEqualTo(TopUpHarness.FAUCET);
    assertThat(h.intents.last().data())
        .isEqualTo(FaucetCalls.drip(TopUpHarness.TOKEN_ADDRESS, TopUpHarness.HUB, BigInteger.valueOf(3_900)));

    h.confirmLast();
    h.step();

    assertThat(h.steps("faucet", "done")).isEqualTo(1);
    assertThat(h.phase()).as("the drip is in the wallet: approve the whole deposit").isEqualTo(TopUpPhase.APPROVING);
    assertThat(h.intents.lastAmount()).isEqualTo(BigInteger.valueOf(4_900));
  }

  @Test
  void dripsNoMoreThanTheFaucetsCapOrHoldings() {
    TopUpHarness h = TopUpHarness.standard().reserve(100);
    h.faucetCap(3_000);
    h.step();
    assertThat(h.intents.lastAmount()).isEqualTo(BigInteger.valueOf(3_000));

    TopUpHarness held = TopUpHarness.standard().reserve(100);
    held.faucetHolds(2_500);
    held.step();
    assertThat(held.intents.lastAmount()).isEqualTo(BigInteger.valueOf(2_500));
  }

  @Test
  void depositsWhatOneCappedDripGaveWhileTheCooldownRuns() {
    TopUpHarness h = TopUpHarness.standard().reserve(100);
    h.faucetCap(3_000);
    h.step();
    h.confirmLast();

    assertThat(h.approveAndOffer()).isEqualTo(BigInteger.valueOf(3_000));
  }

  @Test
  void waitsOutTheCooldownWithoutSubmittingADripThatWouldRevert() {
    TopUpHarness h = TopUpHarness.standard().reserve(100);
    h.nextDripAt(h.blockTime() + 30);

    h.step();
    h.clock.advance(TopUpHarness.RETRY.multipliedBy(10));
    h.step();

    assertThat(h.phase()).isEqualTo(TopUpPhase.IDLE);
    assertThat(h.intents.submitted()).isEmpty();
    assertThat(h.topUp.dry(TopUpHarness.TOKEN)).as("a cooldown is not a dry faucet").isFalse();

    h.mineBlockAt(h.blockTime() + 30);
    h.step();

    assertThat(h.phase()).isEqualTo(TopUpPhase.DRIPPING);
  }

  @Test
  void judgesTheCooldownByTheLatestBlockNotByTheSimulation() {
    TopUpHarness h = TopUpHarness.standard().reserve(100);
    h.nextDripAt(h.blockTime() + 1); // a drip in the next block might pass; the latest block is early

    h.step();
    assertThat(h.intents.submitted()).isEmpty();

    h.mineBlockAt(h.blockTime() + 1);
    h.step();
    assertThat(h.phase()).isEqualTo(TopUpPhase.DRIPPING);
  }

  @Test
  void aDripThatRevertsAnywayBacksOffUntilTheFaucetIsReady() {
    TopUpHarness h = TopUpHarness.standard().reserve(100);
    h.step();
    long readyAt = h.blockTime() + 60;
    h.nextDripAt(readyAt); // someone else's drip to the hub landed first
    h.intents.fail(h.intents.lastId(),
        new RevertReason("CooldownActive", Map.of("recipient", TopUpHarness.HUB, "readyAt", readyAt)));

    h.step();
    assertThat(h.phase()).isEqualTo(TopUpPhase.IDLE);
    assertThat(h.steps("faucet", "failed")).isEqualTo(1);
    h.clock.advance(TopUpHarness.RETRY);
    h.step();
    assertThat(h.intents.submitted()).as("still cooling down").hasSize(1);

    h.mineBlockAt(readyAt);
    h.step();

    assertThat(h.phase()).isEqualTo(TopUpPhase.DRIPPING);
    assertThat(h.intents.submitted()).hasSize(2);
  }

  @Test
  void warnsOnceAndRaisesTheGaugeWhileWalletAndFaucetAreDry() {
    TopUpHarness h = TopUpHarness.standard().reserve(100);
    h.faucetHolds(0);

    for (int i = 0; i < 5; i++) {
      h.step();
      h.clock.advance(TopUpHarness.RETRY);
    }

    assertThat(h.gauge("hubd_topup_dry")).isEqualTo(1);
    assertThat(warnings()).isEqualTo(1);
    assertThat(h.intents.submitted()).isEmpty();

    h.wallet(10_000);
    h.step();

    assertThat(h.gauge("hubd_topup_dry")).isZero();
    assertThat(h.phase()).isEqualTo(TopUpPhase.APPROVING);
    h.wallet(0);
    h.intents.fail(h.intents.lastId(), new RevertReason("Error", Map.of("message", "no")));
    h.step();
    h.clock.advance(TopUpHarness.RETRY.multipliedBy(2));
    h.step();
    assertThat(warnings()).as("a new episode warns again").isEqualTo(2);
  }

  @Test
  void aDisabledFaucetCountsAsDry() {
    TopUpHarness h = TopUpHarness.standard().reserve(100);
    h.faucetEnabled(false);

    h.step();

    assertThat(h.intents.submitted()).as("the simulated drip reverts, so none is sent").isEmpty();
    assertThat(h.topUp.dry(TopUpHarness.TOKEN)).isTrue();
  }

  @Test
  void withoutTheFaucetAnEmptyWalletIsDry() {
    TopUpHarness h = new TopUpHarness(1_000, 5_000, 1_000_000, false, new SimpleMeterRegistry()).reserve(100);

    h.step();

    assertThat(h.topUp.dry(TopUpHarness.TOKEN)).isTrue();
    assertThat(logs.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
        .contains("the hub wallet is dry");
  }
}
