package io.hubd.daemon.ui;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.jobs.Position;
import io.hubd.daemon.mirror.MirrorView;
import io.hubd.daemon.rebalance.AccountKey;
import io.hubd.daemon.rebalance.Exposure;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Supplier;

/**
 * One pass over the hub's accounts (mirror joined with the positions feed) summing, per token, the users' exposure
 * and the hub's credit, counting accounts by exposure against the soft and hard limits and by credit against the
 * settlement policy's credit soft limit, and keeping the {@code top} largest of each: O(n log top) time,
 * O(positions) memory. Run by the cockpit sampler, never per request.
 */
final class ExposureScan {
  /** The result for one token; {@code buckets} and {@code creditBuckets} count accounts as the names say. */
  record Summary(BigInteger exposure, BigInteger credit, long accounts, long[] buckets, long[] creditBuckets,
      List<Ranked> topExposure, List<Ranked> topCredit) {}

  /** One account and its amount. */
  record Ranked(String counterparty, BigInteger amount) {}

  /**
   * A token's limits the accounts are counted against.
   *
   * @param creditSoft the settlement policy's {@code creditSoftLimit}; 0 without a settlement policy
   */
  record Limits(BigInteger soft, BigInteger hard, BigInteger creditSoft) {}

  /** The exposure buckets, against the token's soft and hard limits. */
  static final List<String> BUCKETS = List.of("0", "≤ soft/2", "≤ soft", "≤ hard", "> hard");

  /** The hub credit buckets, against the settlement policy's credit soft limit. */
  static final List<String> CREDIT_BUCKETS = List.of("0", "≤ credit soft limit", "> credit soft limit");

  private final EntityId hub;
  private final MirrorView mirror;
  private final Supplier<List<Position>> positions;
  private final Map<Integer, Limits> limits;
  private final int top;

  ExposureScan(EntityId hub, MirrorView mirror, Supplier<List<Position>> positions, Map<Integer, Limits> limits,
      int top) {
    this.hub = hub;
    this.mirror = mirror;
    this.positions = positions;
    this.limits = Map.copyOf(limits);
    this.top = top;
  }

  Map<Integer, Summary> scan() {
    Map<AccountKey, BigInteger> offdeltas = new HashMap<>();
    for (Position p : positions.get()) {
      offdeltas.put(new AccountKey(p.counterparty(), p.tokenId()), p.offdelta());
    }
    Map<Integer, Acc> acc = new HashMap<>();
    limits.forEach((token, l) -> acc.put(token, new Acc(l, top)));
    mirror.forEachAccount(a -> {
      AccountKey key = new AccountKey(a.counterparty(), a.tokenId());
      BigInteger off = offdeltas.remove(key);
      Acc x = acc.get(a.tokenId());
      if (x != null) {
        x.add(a.counterparty(), Exposure.of(hub.isLeftOf(a.counterparty()), a.collateral(), a.ondelta(),
            off == null ? BigInteger.ZERO : off));
      }
    });
    offdeltas.forEach((key, off) -> {
      Acc x = acc.get(key.tokenId());
      if (x != null && !key.counterparty().equals(hub)) {
        x.add(key.counterparty(), Exposure.of(hub.isLeftOf(key.counterparty()), BigInteger.ZERO, BigInteger.ZERO,
            off));
      }
    });
    Map<Integer, Summary> out = new HashMap<>();
    acc.forEach((token, x) -> out.put(token, x.summary()));
    return out;
  }

  /** One token's running sums. */
  private static final class Acc {
    private static final Comparator<Ranked> BY_AMOUNT = Comparator.comparing(Ranked::amount);
    private final Limits limits;
    private final int top;
    private BigInteger exposure = BigInteger.ZERO;
    private BigInteger credit = BigInteger.ZERO;
    private long accounts;
    private final long[] buckets = new long[BUCKETS.size()];
    private final long[] creditBuckets = new long[CREDIT_BUCKETS.size()];
    private final PriorityQueue<Ranked> topExposure = new PriorityQueue<>(BY_AMOUNT);
    private final PriorityQueue<Ranked> topCredit = new PriorityQueue<>(BY_AMOUNT);

    Acc(Limits limits, int top) {
      this.limits = limits;
      this.top = top;
    }

    void add(EntityId counterparty, Exposure e) {
      accounts++;
      exposure = exposure.add(e.userExposure());
      credit = credit.add(e.hubCredit());
      buckets[bucket(e.userExposure())]++;
      BigInteger c = e.hubCredit();
      creditBuckets[c.signum() == 0 ? 0 : c.compareTo(limits.creditSoft()) <= 0 ? 1 : 2]++;
      keep(topExposure, counterparty, e.userExposure());
      keep(topCredit, counterparty, e.hubCredit());
    }

    private int bucket(BigInteger x) {
      if (x.signum() == 0) {
        return 0;
      }
      if (x.shiftLeft(1).compareTo(limits.soft()) <= 0) {
        return 1;
      }
      if (x.compareTo(limits.soft()) <= 0) {
        return 2;
      }
      return x.compareTo(limits.hard()) <= 0 ? 3 : 4;
    }

    private void keep(PriorityQueue<Ranked> q, EntityId counterparty, BigInteger amount) {
      if (amount.signum() <= 0) {
        return;
      }
      if (q.size() < top) {
        q.add(new Ranked(counterparty.hex(), amount));
      } else if (q.peek().amount().compareTo(amount) < 0) {
        q.poll();
        q.add(new Ranked(counterparty.hex(), amount));
      }
    }

    Summary summary() {
      return new Summary(exposure, credit, accounts, buckets.clone(), creditBuckets.clone(), sorted(topExposure),
          sorted(topCredit));
    }

    private static List<Ranked> sorted(PriorityQueue<Ranked> q) {
      List<Ranked> out = new ArrayList<>(q);
      out.sort(BY_AMOUNT.reversed());
      return out;
    }
  }
}
