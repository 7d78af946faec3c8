package io.hubd.daemon.rebalance;

import static io.hubd.daemon.rebalance.Accounts.T0;
import static io.hubd.daemon.rebalance.Accounts.TUSD;
import static io.hubd.daemon.rebalance.Accounts.big;
import static io.hubd.daemon.rebalance.Accounts.key;
import static io.hubd.daemon.rebalance.Accounts.receiver;
import static io.hubd.daemon.rebalance.Accounts.request;
import static io.hubd.daemon.rebalance.PolicyBuilder.policy;
import static io.hubd.daemon.rebalance.TickBuilder.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PlannerOrderTest {

  @Test
  void amountStrategyFundsTheLargestFirst() {
    TokenPolicy policy = policy("TUSD").softLimit(10).strategy(Strategy.AMOUNT).build();
    Desk desk = Desk.of(TUSD, policy).with(receiver(1, TUSD, 30), receiver(2, TUSD, 50), receiver(3, TUSD, 40));

    Plan plan = desk.plan(tick().token(TUSD, 60, policy));

    assertThat(plan.fundings()).extracting(Funding::account, Funding::amount)
        .containsExactly(
            tuple(key(2, TUSD), big(50)),
            tuple(key(3, TUSD), big(10)));
  }

  @Test
  void amountStrategyBreaksTiesByCounterparty() {
    TokenPolicy policy = policy("TUSD").softLimit(10).strategy(Strategy.AMOUNT).build();
    Desk desk = Desk.of(TUSD, policy).with(receiver(3, TUSD, 40), receiver(1, TUSD, 40), receiver(2, TUSD, 40));

    Plan plan = desk.plan(tick().token(TUSD, 1_000, policy));

    assertThat(plan.fundings()).extracting(Funding::account)
        .containsExactly(key(1, TUSD), key(2, TUSD), key(3, TUSD));
  }

  @Test
  void timeStrategyFundsTheOldestFirstMixingRequestsAndPolicyTriggers() {
    TokenPolicy policy = policy("TUSD").softLimit(100).strategy(Strategy.TIME).build();
    Desk desk = Desk.of(TUSD, policy);
    desk.pinned(receiver(1, TUSD, 50), receiver(3, TUSD, 50));
    desk.clock.advance(Duration.ofSeconds(10));
    desk.with(receiver(2, TUSD, 500)); // over the soft limit since T0 + 10 s
    desk.clock.advance(Duration.ofSeconds(10));
    desk.with(receiver(4, TUSD, 900)); // over since T0 + 20 s

    Plan plan = desk.plan(tick().token(TUSD, 1_000_000, policy)
        .request(request("newest", 1, TUSD, 50, T0.plusSeconds(30), 0))
        .request(request("oldest", 3, TUSD, 50, T0.plusSeconds(5), 0)));

    assertThat(plan.fundings()).extracting(Funding::account)
        .containsExactly(key(3, TUSD), key(2, TUSD), key(4, TUSD), key(1, TUSD));
  }

  @Test
  void timeStrategyRanksAnAccountWithARequestAndATriggerByTheEarlierOfTheTwo() {
    TokenPolicy policy = policy("TUSD").softLimit(100).strategy(Strategy.TIME).build();
    Desk desk = Desk.of(TUSD, policy).with(receiver(1, TUSD, 500)); // over since T0
    desk.clock.advance(Duration.ofSeconds(10));
    desk.with(receiver(2, TUSD, 500)); // over since T0 + 10 s

    Plan plan = desk.plan(tick().token(TUSD, 1_000_000, policy)
        .request(request("job", 2, TUSD, 50, T0.minusSeconds(60), 0)));

    assertThat(plan.fundings()).extracting(Funding::account).containsExactly(key(2, TUSD), key(1, TUSD));
  }

  @Test
  void feeStrategyFundsTheHighestQuotedFeeFirst() {
    TokenPolicy policy = policy("TUSD").softLimit(1_000).strategy(Strategy.FEE).build();
    Desk desk = Desk.of(TUSD, policy)
        .pinned(receiver(1, TUSD, 100), receiver(2, TUSD, 100), receiver(3, TUSD, 100));

    Plan plan = desk.plan(tick().token(TUSD, 1_000, policy)
        .request(request("cheap", 1, TUSD, 100, T0, 5))
        .request(request("dear", 2, TUSD, 100, T0.plusSeconds(9), 90))
        .request(request("middle", 3, TUSD, 100, T0, 40)));

    assertThat(plan.fundings()).extracting(Funding::account)
        .containsExactly(key(2, TUSD), key(3, TUSD), key(1, TUSD));
  }

  @Test
  void feeStrategyRanksAPolicyTriggerByTheFeeItsAmountWouldBeQuoted() {
    // a top-up of 1 000 lists at 10 + 1 000 × 2 % = 30: between the requests paying 40 and 20
    TokenPolicy policy = policy("TUSD").softLimit(100).strategy(Strategy.FEE).fees(10, 200, 0, 0).build();
    Desk desk = Desk.of(TUSD, policy)
        .pinned(receiver(1, TUSD, 50), receiver(2, TUSD, 50))
        .with(receiver(3, TUSD, 1_000));

    Plan plan = desk.plan(tick().token(TUSD, 1_000_000, policy)
        .request(request("twenty", 1, TUSD, 50, T0, 20))
        .request(request("forty", 2, TUSD, 50, T0, 40)));

    assertThat(plan.fundings()).extracting(Funding::account)
        .containsExactly(key(2, TUSD), key(3, TUSD), key(1, TUSD));
  }
}
