package io.hubd.daemon.rebalance;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.contracts.Batch;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.testkit.MutableClock;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Whatever the accounts, requests and approvals, a plan applied to the accounts as the contract would apply it never
 * overspends a reserve, never funds an account twice or with nothing, never leaves a negative exposure, and never
 * moves collateral the hub does not own.
 */
class PlannerPropertiesTest {
  private static final int USERS = 12;

  record AccountSpec(int user, int token, boolean hubIsLeft, int collateral, int ondelta, int offdelta,
      boolean pinned) {}

  record RequestSpec(int user, int token, int amount, int acceptedSecond, int fee) {}

  record ApprovalSpec(int user, int token, int amount, int nonce) {}

  record Scenario(List<TokenPolicy> policies, List<Integer> reserves, List<AccountSpec> accounts,
      List<RequestSpec> requests, List<ApprovalSpec> approvals, List<Integer> userNonces, Set<Integer> inFlightUsers) {}

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<TokenPolicy> policy = Combinators.combine(
            Arbitraries.integers().between(0, 200), Arbitraries.integers().between(0, 100),
            Arbitraries.integers().between(0, 200), Arbitraries.integers().between(1, 6),
            Arbitraries.of(Strategy.class), Arbitraries.integers().between(0, 500))
        .as((soft, targetPercent, reclaim, maxPerTick, strategy, bps) -> new TokenPolicy("T",
            BigInteger.valueOf(soft), BigInteger.valueOf(10_000), BigInteger.valueOf(soft * targetPercent / 100),
            BigInteger.valueOf(reclaim), maxPerTick, strategy, BigInteger.ONE, bps, 3, BigInteger.TWO));
    Arbitrary<AccountSpec> account = Combinators.combine(
            Arbitraries.integers().between(1, USERS), Arbitraries.integers().between(1, 2), Arbitraries.of(true, false),
            Arbitraries.integers().between(0, 500), Arbitraries.integers().between(-500, 500),
            Arbitraries.integers().between(-500, 500), Arbitraries.of(true, false))
        .as(AccountSpec::new);
    Arbitrary<RequestSpec> request = Combinators.combine(
            Arbitraries.integers().between(1, USERS), Arbitraries.integers().between(1, 3),
            Arbitraries.integers().between(1, 300), Arbitraries.integers().between(0, 100),
            Arbitraries.integers().between(0, 50))
        .as(RequestSpec::new);
    Arbitrary<ApprovalSpec> approval = Combinators.combine(
            Arbitraries.integers().between(1, USERS), Arbitraries.integers().between(1, 2),
            Arbitraries.integers().between(1, 300), Arbitraries.integers().between(1, 5))
        .as(ApprovalSpec::new);
    return Combinators.combine(
            policy.list().ofSize(2), Arbitraries.integers().between(0, 1_000).list().ofSize(2),
            account.list().ofMaxSize(40), request.list().ofMaxSize(12), approval.list().ofMaxSize(12),
            Arbitraries.integers().between(0, 3).list().ofSize(USERS + 1),
            Arbitraries.integers().between(1, USERS).set().ofMaxSize(3))
        .as(Scenario::new);
  }

  @Property(tries = 500)
  @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
  void aPlanAppliedAsTheContractWouldKeepsEveryInvariant(@ForAll("scenarios") Scenario scenario) {
    CandidateIndex index = new CandidateIndex(
        Map.of(1, scenario.policies().get(0), 2, scenario.policies().get(1)), new MutableClock(Accounts.T0));
    Map<AccountKey, HubAccount> chain = new HashMap<>();
    for (AccountSpec spec : scenario.accounts()) {
      HubAccount account = account(spec, scenario.userNonces().get(spec.user()));
      chain.put(account.key(), account);
      if (spec.pinned()) {
        index.pin(account);
      } else {
        index.update(account);
      }
    }
    Tick tick = tick(scenario);

    Plan plan = new Planner(index).plan(tick);

    Map<Integer, BigInteger> reserves = new HashMap<>();
    tick.tokens().forEach(book -> reserves.put(book.tokenId(), book.reserve()));
    Map<EntityId, BigInteger> nonces = new HashMap<>();
    chain.values().forEach(a -> nonces.merge(a.key().counterparty(), a.nonce(), BigInteger::max));
    Set<AccountKey> touched = new HashSet<>();
    for (Batch.CollateralToReserve op : plan.batch().collateralToReserve()) {
      AccountKey key = new AccountKey(op.counterparty(), op.tokenId());
      assertThat(touched.add(key)).as("one operation for %s", key).isTrue();
      assertThat(tick.inFlight()).doesNotContain(key);
      assertThat(op.nonce()).isGreaterThan(nonces.get(op.counterparty()));
      nonces.put(op.counterparty(), op.nonce());
      HubAccount before = chain.get(key);
      assertThat(op.amount()).isPositive().isLessThanOrEqualTo(before.exposure().hubFreeCollateral());
      HubAccount after = before.afterCollateralToReserve(op.amount(), op.nonce());
      assertThat(after.exposure().userExposure()).isEqualTo(before.exposure().userExposure());
      chain.put(key, after);
      reserves.merge(op.tokenId(), op.amount(), BigInteger::add);
    }
    for (Batch.ReserveToCollateral group : plan.batch().reserveToCollateral()) {
      for (Batch.R2CPair pair : group.pairs()) {
        AccountKey key = new AccountKey(pair.counterparty(), group.tokenId());
        assertThat(touched.add(key)).as("one operation for %s", key).isTrue();
        assertThat(tick.inFlight()).doesNotContain(key);
        HubAccount before = chain.get(key);
        assertThat(pair.amount()).isPositive().isLessThanOrEqualTo(before.exposure().userExposure());
        chain.put(key, before.afterReserveToCollateral(pair.amount()));
        BigInteger reserve = reserves.get(group.tokenId()).subtract(pair.amount());
        assertThat(reserve.signum()).as("reserve of token %s", group.tokenId()).isNotNegative();
        reserves.put(group.tokenId(), reserve);
      }
    }
    for (ReserveFlow flow : plan.reserves()) {
      assertThat(flow.after()).isEqualTo(reserves.get(flow.tokenId()));
    }
    assertThat(plan.fundings()).allSatisfy(f -> assertThat(f.amount()).isLessThanOrEqualTo(f.wanted()));
    assertThat(plan.queued()).allSatisfy(q -> assertThat(q.amount()).isPositive());
    collectCoverage(plan);
  }

  /** Fails the property when the scenarios stop exercising netting, partial fills and unusable approvals. */
  private static void collectCoverage(Plan plan) {
    Statistics.label("c2r").collect(!plan.usedApprovals().isEmpty());
    Statistics.label("r2c").collect(!plan.fundings().isEmpty());
    Statistics.label("partial").collect(plan.fundings().stream().anyMatch(Funding::partial));
    Statistics.label("unused approval").collect(!plan.unusedApprovals().isEmpty());
    Statistics.label("c2r").coverage(c -> c.check(true).percentage(p -> p > 10));
    Statistics.label("r2c").coverage(c -> c.check(true).percentage(p -> p > 30));
    Statistics.label("partial").coverage(c -> c.check(true).percentage(p -> p > 5));
    Statistics.label("unused approval").coverage(c -> c.check(true).percentage(p -> p > 10));
  }

  private static HubAccount account(AccountSpec spec, int nonce) {
    return new HubAccount(Accounts.key(spec.user(), spec.token()), spec.hubIsLeft(),
        BigInteger.valueOf(spec.collateral()), BigInteger.valueOf(spec.ondelta()), BigInteger.valueOf(nonce),
        BigInteger.valueOf(spec.offdelta()));
  }

  private static Tick tick(Scenario scenario) {
    TickBuilder tick = TickBuilder.tick()
        .token(1, scenario.reserves().get(0), scenario.policies().get(0))
        .token(2, scenario.reserves().get(1), scenario.policies().get(1));
    int job = 0;
    for (RequestSpec spec : scenario.requests()) {
      tick.request(Accounts.request("job-" + job++, spec.user(), spec.token(), spec.amount(),
          Accounts.T0.plusSeconds(spec.acceptedSecond()), spec.fee()));
    }
    for (ApprovalSpec spec : scenario.approvals()) {
      tick.approval(Accounts.approval(spec.user(), spec.token(), spec.amount(), spec.nonce()));
    }
    for (int user : scenario.inFlightUsers()) {
      tick.inFlight(Accounts.key(user, 1));
    }
    return tick.build();
  }
}
