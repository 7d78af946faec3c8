package io.hubd.daemon.rebalance;

import static io.hubd.daemon.rebalance.Accounts.T0;
import static io.hubd.daemon.rebalance.Accounts.TUSD;
import static io.hubd.daemon.rebalance.Accounts.key;
import static io.hubd.daemon.rebalance.Accounts.receiver;
import static io.hubd.daemon.rebalance.Accounts.spender;
import static io.hubd.daemon.rebalance.PolicyBuilder.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.testkit.MutableClock;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CandidateIndexTest {
  private final MutableClock clock = new MutableClock(T0);
  private final CandidateIndex index =
      new CandidateIndex(Map.of(TUSD, policy("TUSD").softLimit(100).reclaimThreshold(50).build()), clock);

  @Test
  void keepsOnlyAccountsAboveTheSoftLimitOrTheReclaimThreshold() {
    index.update(receiver(1, TUSD, 100)); // at the soft limit: nothing to do
    index.update(receiver(2, TUSD, 101));
    index.update(spender(3, TUSD, 50, 0)); // at the reclaim threshold: nothing to do
    index.update(spender(4, TUSD, 51, 0));

    assertThat(index.size()).isEqualTo(2);
    assertThat(index.account(key(2, TUSD))).isPresent();
    assertThat(index.account(key(4, TUSD))).isPresent();
    assertThat(index.account(key(1, TUSD))).isEmpty();
    assertThat(index.account(key(3, TUSD))).isEmpty();
  }

  @Test
  void forgetsAnAccountOnceItNeedsNothing() {
    index.update(receiver(1, TUSD, 500));
    index.update(receiver(1, TUSD, 0));
    assertThat(index.size()).isZero();
  }

  @Test
  void keepsTheStateOfAPinnedAccountUntilUnpinned() {
    index.pin(receiver(1, TUSD, 30));
    index.update(receiver(1, TUSD, 40));
    assertThat(index.account(key(1, TUSD)).orElseThrow().offdelta()).isEqualTo(Accounts.big(-40));

    index.unpin(key(1, TUSD));
    assertThat(index.size()).isZero();
  }

  @Test
  void unpinningAnAccountThatNeedsWorkKeepsIt() {
    index.pin(receiver(1, TUSD, 300));
    index.unpin(key(1, TUSD));
    assertThat(index.account(key(1, TUSD))).isPresent();
  }

  @Test
  void remembersWhenAnAccountFirstWentOverTheSoftLimitWhileItStaysThere() {
    index.update(receiver(1, TUSD, 200));
    Instant first = clock.instant();
    clock.advance(Duration.ofSeconds(5));
    index.update(receiver(1, TUSD, 300));
    assertThat(index.find(key(1, TUSD)).orElseThrow().overSoftLimitSince()).contains(first);

    index.pin(receiver(1, TUSD, 50)); // below the limit, kept by the pin: the time is forgotten
    assertThat(index.find(key(1, TUSD)).orElseThrow().overSoftLimitSince()).isEmpty();
    clock.advance(Duration.ofSeconds(5));
    index.update(receiver(1, TUSD, 150));
    assertThat(index.find(key(1, TUSD)).orElseThrow().overSoftLimitSince()).contains(first.plusSeconds(10));
  }

  @Test
  void ignoresAccountsOfTokensWithoutAPolicyUnlessPinned() {
    index.update(receiver(1, 7, 1_000_000));
    assertThat(index.size()).isZero();
    index.pin(receiver(1, 7, 1_000_000));
    assertThat(index.size()).isOne();
  }

  @Test
  void sortsKeptAccountsByTheWorkTheyNeedAsTheyChange() {
    index.update(receiver(1, TUSD, 500));
    assertThat(index.overSoftLimit(TUSD)).extracting(Candidate::key).containsExactly(key(1, TUSD));
    assertThat(index.aboveReclaimThreshold(TUSD)).isEmpty();

    index.update(spender(1, TUSD, 80, 0));
    assertThat(index.overSoftLimit(TUSD)).isEmpty();
    assertThat(index.aboveReclaimThreshold(TUSD)).extracting(Candidate::key).containsExactly(key(1, TUSD));

    index.update(spender(1, TUSD, 10, 0));
    assertThat(index.overSoftLimit(TUSD)).isEmpty();
    assertThat(index.aboveReclaimThreshold(TUSD)).isEmpty();
  }

  @Test
  void neverTopsUpAnAccountWhoseCounterpartyCannotSignACollateralWithdrawal() {
    EntityId contract = new EntityId("0x" + "ab".repeat(32)); // upper 96 bits set: no key can sign for it
    HubAccount owed = new HubAccount(new AccountKey(contract, TUSD), true, BigInteger.ZERO, BigInteger.ZERO,
        BigInteger.ZERO, BigInteger.valueOf(-5_000));
    index.update(owed);
    index.update(receiver(1, TUSD, 5_000));

    assertThat(index.overSoftLimit(TUSD)).extracting(Candidate::key).containsExactly(key(1, TUSD));
    assertThat(index.account(owed.key())).isEmpty();
  }
}
