package io.hubd.daemon.rebalance;

import io.hubd.contracts.Batch;
import io.hubd.contracts.EntityId;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the signed settlements one batch uses, so that none can revert it and none harms the hub: every token
 * listed, every account known and not in flight nor touched by a C2R of the batch, the signed nonce above the stored
 * one and above the batch's C2R nonces of the counterparty, no collateral or user reserve taken beyond what is there
 * (the user's reserve read afresh), a proposed repayment or securing no larger than the user's debt now, one
 * settlement per counterparty (its lowest nonce; another one with the same nonce conflicts), and the hub's reserve
 * never taken below zero in the order the contract applies them. Within those, runtime settlements first, then the
 * hub's proposals by its tokens' strategy (the largest debt reduction first, or the oldest under {@link
 * Strategy#TIME}), at most {@code maxPerTick} per token and {@link Batch#MAX_SETTLEMENTS} in all, the tokens taking
 * turns. Those bringing
 * funds into the hub's reserve go first in the batch, those taking from it after them. O(s log s). Stateless.
 */
final class SettlementSelector {
  private static final Comparator<SettlementApproval> LOWEST_NONCE_FIRST =
      Comparator.comparing(SettlementApproval::counterparty).thenComparing(SettlementApproval::nonce)
          .thenComparing(SettlementApproval::id);

  private SettlementSelector() {}

  /**
   * @param used the settlements in batch order
   * @param unused the others, with why
   * @param inflow per token id, what the used settlements add to the hub's reserve (negative: take); absent: 0
   * @param touched the accounts the used settlements change
   */
  record Selection(
      List<SettlementApproval> used, List<UnusedSettlement> unused, Map<Integer, BigInteger> inflow,
      Set<AccountKey> touched) {
    BigInteger inflow(int tokenId) {
      return inflow.getOrDefault(tokenId, BigInteger.ZERO);
    }

    static final Selection NONE = new Selection(List.of(), List.of(), Map.of(), Set.of());
  }

  /**
   * The settlements to use.
   *
   * @param books the tick's tokens by id
   * @param c2r the batch's C2Rs, which the contract applies first
   */
  static Selection select(Tick tick, Map<Integer, TokenBook> books, CandidateIndex index,
      ApprovalSelector.Selection c2r) {
    if (tick.settlements().isEmpty()) {
      return Selection.NONE;
    }
    Set<AccountKey> busy = new HashSet<>();
    Map<EntityId, BigInteger> c2rNonce = new HashMap<>();
    for (C2RApproval a : c2r.used()) {
      busy.add(a.key());
      c2rNonce.merge(a.counterparty(), a.nonce(), BigInteger::max);
    }
    List<UnusedSettlement> unused = new ArrayList<>();
    List<Checked> usable = new ArrayList<>();
    List<SettlementApproval> sorted = new ArrayList<>(tick.settlements());
    sorted.sort(LOWEST_NONCE_FIRST);
    SettlementApproval previous = null;
    for (SettlementApproval s : sorted) {
      boolean sameCounterparty = previous != null && previous.counterparty().equals(s.counterparty());
      if (sameCounterparty && previous.nonce().equals(s.nonce())) {
        unused.add(new UnusedSettlement(s, QueueReason.NONCE_CONFLICT));
        continue;
      }
      Optional<QueueReason> problem = problem(s, tick, books, index, busy, c2rNonce);
      if (problem.isPresent()) {
        unused.add(new UnusedSettlement(s, problem.get()));
        if (problem.get() != QueueReason.STALE_NONCE) {
          previous = s; // a later one of this counterparty waits behind it (or would make its nonce stale)
        }
        continue;
      }
      if (sameCounterparty) {
        unused.add(new UnusedSettlement(s, QueueReason.ACCOUNT_BUSY)); // one per counterparty and batch
        continue;
      }
      usable.add(new Checked(s, effect(s, index)));
      previous = s;
    }
    return bounded(usable, books, c2r, unused);
  }

  /** A usable settlement and what it adds to the hub's reserve per token. */
  private record Checked(SettlementApproval settlement, Map<Integer, BigInteger> hubIn) {
    boolean takesFromReserve() {
      return hubIn.values().stream().anyMatch(v -> v.signum() < 0);
    }

    BigInteger rank() {
      return hubIn.values().stream().map(BigInteger::abs).reduce(BigInteger.ZERO, BigInteger::add)
          .add(settlement.diffs().stream().map(d -> d.collateralDiff().abs()).reduce(BigInteger.ZERO, BigInteger::add));
    }
  }

  private static Selection bounded(List<Checked> usable, Map<Integer, TokenBook> books, ApprovalSelector.Selection c2r,
      List<UnusedSettlement> unused) {
    usable = rankOrder(usable, books);
    Map<Integer, BigInteger> available = new HashMap<>();
    books.forEach((id, book) -> available.put(id, book.reserve().add(c2r.inflow(id))));
    Map<Integer, Integer> perToken = new HashMap<>();
    List<Checked> chosen = new ArrayList<>();
    for (Checked c : usable) {
      QueueReason over = overLimit(c, books, perToken, chosen.size());
      if (over != null) {
        unused.add(new UnusedSettlement(c.settlement(), over));
        continue;
      }
      c.hubIn().keySet().forEach(t -> perToken.merge(t, 1, Integer::sum));
      chosen.add(c);
    }
    // the contract applies them in list order: inflows first, then what takes from the reserve, while it lasts
    List<SettlementApproval> used = new ArrayList<>();
    Map<Integer, BigInteger> inflow = new HashMap<>();
    Set<AccountKey> touched = new HashSet<>();
    for (boolean takes : new boolean[] {false, true}) {
      for (Checked c : chosen) {
        if (c.takesFromReserve() != takes) {
          continue;
        }
        if (takes && c.hubIn().entrySet().stream()
            .anyMatch(e -> available.get(e.getKey()).add(e.getValue()).signum() < 0)) {
          unused.add(new UnusedSettlement(c.settlement(), QueueReason.INSUFFICIENT_RESERVE));
          continue;
        }
        c.hubIn().forEach((t, v) -> {
          available.merge(t, v, BigInteger::add);
          inflow.merge(t, v, BigInteger::add);
        });
        used.add(c.settlement());
        touched.addAll(c.settlement().keys());
      }
    }
    return new Selection(used, unused, inflow, touched);
  }

  private static QueueReason overLimit(Checked c, Map<Integer, TokenBook> books, Map<Integer, Integer> perToken,
      int chosen) {
    for (int token : c.hubIn().keySet()) {
      int maxPerTick = books.get(token).policy().maxPerTick();
      if (perToken.getOrDefault(token, 0) >= Math.min(maxPerTick, Batch.MAX_SETTLEMENTS)) {
        return maxPerTick <= Batch.MAX_SETTLEMENTS ? QueueReason.TICK_LIMIT : QueueReason.BATCH_LIMIT;
      }
    }
    return chosen >= Batch.MAX_SETTLEMENTS ? QueueReason.BATCH_LIMIT : null;
  }

  /**
   * Per token (of a settlement's first diff): runtime settlements first (the hub already agreed them), then by the
   * token's strategy; the tokens' lists taken in turn, so that no token crowds the others out of the batch.
   */
  private static List<Checked> rankOrder(List<Checked> usable, Map<Integer, TokenBook> books) {
    Map<Integer, List<Checked>> byToken = new java.util.TreeMap<>();
    usable.forEach(c -> byToken.computeIfAbsent(c.settlement().diffs().get(0).tokenId(), t -> new ArrayList<>()).add(c));
    List<List<Checked>> ranked = new ArrayList<>();
    byToken.forEach((token, list) -> {
      list.sort(order(books.get(token).policy().strategy()));
      ranked.add(list);
    });
    List<Checked> out = new ArrayList<>(usable.size());
    for (int i = 0; out.size() < usable.size(); i++) {
      for (List<Checked> list : ranked) {
        if (i < list.size()) {
          out.add(list.get(i));
        }
      }
    }
    return out;
  }

  private static Comparator<Checked> order(Strategy strategy) {
    Comparator<Checked> runtimeFirst =
        Comparator.comparing(c -> c.settlement().kind() != SettlementApproval.Kind.RUNTIME);
    Comparator<Checked> byStrategy = strategy == Strategy.TIME
        ? Comparator.comparing(c -> c.settlement().since())
        : Comparator.comparing(Checked::rank, Comparator.reverseOrder());
    return runtimeFirst.thenComparing(byStrategy).thenComparing(c -> c.settlement().counterparty())
        .thenComparing(c -> c.settlement().id());
  }

  /** Per token, what the settlement adds to the hub's reserve. */
  private static Map<Integer, BigInteger> effect(SettlementApproval s, CandidateIndex index) {
    Map<Integer, BigInteger> hubIn = new HashMap<>();
    for (Batch.SettlementDiff d : s.diffs()) {
      boolean hubIsLeft = index.find(new AccountKey(s.counterparty(), d.tokenId())).orElseThrow().account()
          .hubIsLeft();
      hubIn.merge(d.tokenId(), SettlementDiffs.hubReserve(hubIsLeft, d), BigInteger::add);
    }
    return hubIn;
  }

  /** Why {@code s} cannot go into this batch, if it cannot. */
  private static Optional<QueueReason> problem(SettlementApproval s, Tick tick, Map<Integer, TokenBook> books,
      CandidateIndex index, Set<AccountKey> busy, Map<EntityId, BigInteger> c2rNonce) {
    Set<Integer> tokens = new HashSet<>();
    for (Batch.SettlementDiff d : s.diffs()) {
      if (!books.containsKey(d.tokenId()) || !tokens.add(d.tokenId())) {
        return Optional.of(QueueReason.UNKNOWN_TOKEN);
      }
    }
    List<Candidate> accounts = new ArrayList<>();
    for (AccountKey key : s.keys()) {
      if (tick.inFlight().contains(key)) {
        return Optional.of(QueueReason.IN_FLIGHT);
      }
      if (busy.contains(key)) {
        return Optional.of(QueueReason.ACCOUNT_BUSY);
      }
      Optional<Candidate> candidate = index.find(key);
      if (candidate.isEmpty()) {
        return Optional.of(QueueReason.UNKNOWN_ACCOUNT);
      }
      accounts.add(candidate.get());
    }
    if (s.nonce().compareTo(accounts.get(0).account().nonce()) <= 0) {
      return Optional.of(QueueReason.STALE_NONCE);
    }
    if (s.nonce().compareTo(c2rNonce.getOrDefault(s.counterparty(), BigInteger.ZERO)) <= 0) {
      return Optional.of(QueueReason.NONCE_CONFLICT);
    }
    for (int i = 0; i < accounts.size(); i++) {
      Batch.SettlementDiff d = s.diffs().get(i);
      HubAccount account = accounts.get(i).account();
      if (account.collateral().add(d.collateralDiff()).signum() < 0) {
        return Optional.of(QueueReason.EXCEEDS_COLLATERAL);
      }
      BigInteger userOut = SettlementDiffs.userReserve(account.hubIsLeft(), d).negate();
      if (userOut.signum() > 0
          && userOut.compareTo(tick.userReserves().of(s.counterparty(), d.tokenId(), true)) > 0) {
        return Optional.of(QueueReason.EXCEEDS_USER_RESERVE);
      }
      if (s.kind() != SettlementApproval.Kind.RUNTIME
          && userOut.compareTo(accounts.get(i).exposure().hubCredit()) > 0) {
        return Optional.of(QueueReason.EXCEEDS_CREDIT);
      }
    }
    return Optional.empty();
  }

  /**
   * The C2R approvals that may go into this batch without making a waiting settlement's nonce stale: per
   * counterparty, those whose nonce is below the lowest nonce of its settlements still above the stored nonce; the
   * others go to {@code heldBack} with {@link QueueReason#NONCE_ORDER}.
   */
  static List<C2RApproval> nonceOrder(Tick tick, CandidateIndex index, List<UnusedApproval> heldBack) {
    if (tick.settlements().isEmpty()) {
      return tick.approvals();
    }
    Map<EntityId, BigInteger> lowest = new HashMap<>();
    for (SettlementApproval s : tick.settlements()) {
      BigInteger stored = index.find(s.keys().get(0)).map(c -> c.account().nonce()).orElse(BigInteger.ZERO);
      if (s.nonce().compareTo(stored) > 0) {
        lowest.merge(s.counterparty(), s.nonce(), BigInteger::min);
      }
    }
    List<C2RApproval> allowed = new ArrayList<>(tick.approvals().size());
    for (C2RApproval a : tick.approvals()) {
      BigInteger settlementNonce = lowest.get(a.counterparty());
      if (settlementNonce != null && a.nonce().compareTo(settlementNonce) >= 0) {
        heldBack.add(new UnusedApproval(a, QueueReason.NONCE_ORDER));
      } else {
        allowed.add(a);
      }
    }
    return allowed;
  }
}
