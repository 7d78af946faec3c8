package io.hubd.daemon.rebalance.bench;

import io.hubd.contracts.EntityId;
import io.hubd.contracts.Signature;
import io.hubd.daemon.rebalance.AccountKey;
import io.hubd.daemon.rebalance.C2RApproval;
import io.hubd.daemon.rebalance.CandidateIndex;
import io.hubd.daemon.rebalance.HubAccount;
import io.hubd.daemon.rebalance.R2CRequest;
import io.hubd.daemon.rebalance.SettlementApproval;
import io.hubd.daemon.rebalance.SettlementDiffs;
import io.hubd.daemon.rebalance.SettlementPolicy;
import io.hubd.daemon.rebalance.Strategy;
import io.hubd.daemon.rebalance.Tick;
import io.hubd.daemon.rebalance.TokenBook;
import io.hubd.daemon.rebalance.TokenPolicy;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A synthetic hub of {@code n} accounts, the same for the same size and seed: one account per user, in one of two
 * tokens (1 ranked by amount, 2 by time), the hub on a random side. The mix: 10 % above the soft limit (a tenth of
 * them with a request too), 5 % with hub free collateral above the reclaim threshold and a signed C2R approval in
 * hand, 2 % above the threshold without one (they get proposals), 1 % with a request below the soft limit, 0.1 %
 * above the soft limit and in flight, 3 % owing the hub beyond their collateral above the settlement soft limit and
 * holding reserve (a third of them with a signed repayment in hand, the others get settlement proposals); the rest
 * need nothing. Amounts are 6-decimal base units.
 */
final class Population {
  static final long UNIT = 1_000_000;
  static final long SEED = 42;
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Signature SIGNATURE = signature();

  final Map<Integer, TokenPolicy> policies = Map.of(1, policy("TUSD", Strategy.AMOUNT), 2, policy("TEUR", Strategy.TIME));
  final HubAccount[] accounts;
  final List<R2CRequest> requests = new ArrayList<>();
  final List<C2RApproval> approvals = new ArrayList<>();
  final Set<AccountKey> inFlight = new HashSet<>();
  final List<SettlementApproval> settlements = new ArrayList<>();
  private final Map<AccountKey, BigInteger> userReserves = new HashMap<>();
  private final Set<AccountKey> pinned = new HashSet<>();

  private Population(int n, long seed) {
    accounts = new HubAccount[n];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) {
      accounts[i] = next(i, random);
    }
  }

  static Population generate(int n, long seed) {
    return new Population(n, seed);
  }

  /** An index fed every account once, as the mirror and the positions feed would at start-up. */
  CandidateIndex index() {
    CandidateIndex index = new CandidateIndex(policies, Clock.fixed(START, ZoneOffset.UTC));
    for (HubAccount account : accounts) {
      if (pinned.contains(account.key())) {
        index.pin(account);
      } else {
        index.update(account);
      }
    }
    return index;
  }

  Tick tick() {
    List<TokenBook> books = List.of(
        new TokenBook(1, BigInteger.valueOf(500 * UNIT), policies.get(1)),
        new TokenBook(2, BigInteger.valueOf(5_000 * UNIT), policies.get(2)));
    return new Tick(books, requests, approvals, List.of(), inFlight, settlements, List.of(),
        (user, tokenId, fresh) -> userReserves.getOrDefault(new AccountKey(user, tokenId), BigInteger.ZERO));
  }

  private HubAccount next(int i, SplittableRandom random) {
    AccountKey key = new AccountKey(user(i), 1 + random.nextInt(2));
    boolean hubIsLeft = random.nextBoolean();
    long nonce = random.nextInt(5);
    int kind = random.nextInt(1_000);
    if (kind < 100) {
      HubAccount account = shaped(key, hubIsLeft, UNIT + random.nextLong(1, 9 * UNIT), 0, nonce, random);
      if (kind < 10) {
        request(i, key, account, random);
      }
      return account;
    }
    if (kind < 150) {
      long free = 5 * UNIT + random.nextLong(1, 20 * UNIT);
      approvals.add(new C2RApproval(key.counterparty(), key.tokenId(), BigInteger.valueOf(free),
          BigInteger.valueOf(nonce + 1), SIGNATURE));
      pinned.add(key);
      return shaped(key, hubIsLeft, 0, free, nonce, random);
    }
    if (kind < 170) {
      return shaped(key, hubIsLeft, 0, 5 * UNIT + random.nextLong(1, 20 * UNIT), nonce, random);
    }
    if (kind < 180) {
      HubAccount account = shaped(key, hubIsLeft, random.nextLong(1, UNIT), 0, nonce, random);
      request(i, key, account, random);
      return account;
    }
    if (kind < 181) {
      inFlight.add(key);
      return shaped(key, hubIsLeft, UNIT + random.nextLong(1, 9 * UNIT), 0, nonce, random);
    }
    if (kind < 211) {
      long debt = 5 * UNIT + random.nextLong(1, 50 * UNIT);
      userReserves.put(key, BigInteger.valueOf(random.nextLong(1, 2 * debt)));
      if (kind < 191) {
        long repay = 1 + random.nextLong(Math.min(debt, userReserves.get(key).longValueExact()));
        settlements.add(new SettlementApproval("s-" + i, SettlementApproval.Kind.REPAY, key.counterparty(),
            List.of(SettlementDiffs.repay(hubIsLeft, key.tokenId(), BigInteger.valueOf(repay))),
            BigInteger.valueOf(nonce + 1), SIGNATURE, START));
        pinned.add(key);
      }
      return indebted(key, hubIsLeft, debt, nonce, random);
    }
    return random.nextBoolean()
        ? shaped(key, hubIsLeft, random.nextLong(0, UNIT / 2), 0, nonce, random)
        : shaped(key, hubIsLeft, 0, random.nextLong(0, 5 * UNIT), nonce, random);
  }

  private void request(int i, AccountKey key, HubAccount account, SplittableRandom random) {
    long asked = 1 + random.nextLong(2 * account.exposure().userExposure().longValueExact() + 1);
    requests.add(new R2CRequest("job-" + i, key.counterparty(), key.tokenId(), BigInteger.valueOf(asked),
        START.plusMillis(random.nextInt(3_600_000)), BigInteger.valueOf(UNIT), BigInteger.valueOf(random.nextInt(1_000))));
    pinned.add(key);
  }

  /** An account whose user owes the hub {@code debt} beyond its collateral, on either side. */
  private static HubAccount indebted(AccountKey key, boolean hubIsLeft, long debt, long nonce, SplittableRandom random) {
    long collateral = random.nextLong(0, 10 * UNIT);
    long delta = hubIsLeft ? collateral + debt : -debt;
    long ondelta = random.nextLong(-UNIT, UNIT);
    return new HubAccount(key, hubIsLeft, BigInteger.valueOf(collateral), BigInteger.valueOf(ondelta),
        BigInteger.valueOf(nonce), BigInteger.valueOf(delta - ondelta));
  }

  /** An account with the given user exposure or hub free collateral (one of them 0), on either side. */
  private static HubAccount shaped(
      AccountKey key, boolean hubIsLeft, long exposure, long free, long nonce, SplittableRandom random) {
    long collateral;
    long delta;
    if (exposure > 0) {
      collateral = random.nextLong(0, 10 * UNIT);
      delta = hubIsLeft ? -exposure : collateral + exposure;
    } else {
      collateral = free + random.nextLong(0, UNIT);
      delta = hubIsLeft ? free : collateral - free;
    }
    long ondelta = random.nextLong(-UNIT, UNIT);
    return new HubAccount(key, hubIsLeft, BigInteger.valueOf(collateral), BigInteger.valueOf(ondelta),
        BigInteger.valueOf(nonce), BigInteger.valueOf(delta - ondelta));
  }

  private static EntityId user(int i) {
    String digits = Long.toHexString(0x10_0000_0000L + i);
    return new EntityId("0".repeat(64 - digits.length()) + digits);
  }

  private static TokenPolicy policy(String token, Strategy strategy) {
    return new TokenPolicy(token, BigInteger.valueOf(UNIT), BigInteger.valueOf(1_000_000 * UNIT), BigInteger.ZERO,
        BigInteger.valueOf(5 * UNIT), 256, strategy, BigInteger.valueOf(10_000), 10, 30_000, BigInteger.ONE)
        .withSettlement(new SettlementPolicy(BigInteger.valueOf(5 * UNIT), BigInteger.valueOf(100 * UNIT),
            Duration.ofMinutes(10), SettlementPolicy.Mode.REPAY));
  }

  private static Signature signature() {
    byte[] bytes = new byte[65];
    bytes[0] = 1;
    bytes[64] = 27;
    return Signature.of(bytes);
  }
}
