package io.hubd.daemon.rebalance;

import io.hubd.contracts.Batch;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the C2R approvals one batch uses, so that none can revert it: the account is known and not in flight, the
 * signed nonce is above the stored one, the amount is at most the hub's free collateral now (so the user's exposure
 * does not change), one approval per account and token, and strictly increasing nonces per counterparty in batch
 * order (the contract stores each signed nonce as it goes). Within those, the largest amounts of each token first,
 * at most {@code maxPerTick} per token and {@code Batch.MAX_COLLATERAL_TO_RESERVE} in all, shared round-robin
 * among tokens. O(a log a) in the number of approvals. Stateless.
 */
final class ApprovalSelector {
  private static final Comparator<C2RApproval> LARGEST_FIRST = Comparator.comparing(C2RApproval::amount)
      .reversed()
      .thenComparing(C2RApproval::key);
  private static final Comparator<C2RApproval> BATCH_ORDER =
      Comparator.comparing(C2RApproval::counterparty).thenComparing(C2RApproval::nonce);

  private ApprovalSelector() {}

  /**
   * The approvals to use, in batch order, and the others with why.
   *
   * @param books the tick's tokens by id, in id order
   */
  static Selection select(
      List<C2RApproval> approvals, Map<Integer, TokenBook> books, Set<AccountKey> inFlight, CandidateIndex index) {
    List<UnusedApproval> unused = new ArrayList<>();
    Collection<C2RApproval> usable = onePerAccount(approvals, books, inFlight, index, unused);
    List<C2RApproval> distinct = distinctNonces(usable, unused);
    return bounded(distinct, books, unused);
  }

  /** The usable approvals, the lowest nonce of each account and token; the others go to {@code unused}. */
  private static Collection<C2RApproval> onePerAccount(
      List<C2RApproval> approvals, Map<Integer, TokenBook> books, Set<AccountKey> inFlight, CandidateIndex index,
      List<UnusedApproval> unused) {
    Map<AccountKey, C2RApproval> perAccount = new HashMap<>(2 * approvals.size());
    for (C2RApproval approval : approvals) {
      Optional<QueueReason> problem = problem(approval, books, inFlight, index);
      if (problem.isPresent()) {
        unused.add(new UnusedApproval(approval, problem.get()));
        continue;
      }
      C2RApproval other = perAccount.putIfAbsent(approval.key(), approval);
      if (other != null && approval.nonce().compareTo(other.nonce()) < 0) {
        perAccount.put(approval.key(), approval);
        unused.add(new UnusedApproval(other, QueueReason.DUPLICATE));
      } else if (other != null) {
        unused.add(new UnusedApproval(approval, QueueReason.DUPLICATE));
      }
    }
    return perAccount.values();
  }

  /** Per counterparty, one approval per nonce (the smallest token id), in batch order; the others conflict. */
  private static List<C2RApproval> distinctNonces(Collection<C2RApproval> approvals, List<UnusedApproval> unused) {
    List<C2RApproval> sorted = new ArrayList<>(approvals);
    sorted.sort(BATCH_ORDER.thenComparingInt(C2RApproval::tokenId));
    List<C2RApproval> kept = new ArrayList<>(sorted.size());
    C2RApproval previous = null;
    for (C2RApproval approval : sorted) {
      if (previous != null && previous.counterparty().equals(approval.counterparty())
          && previous.nonce().equals(approval.nonce())) {
        unused.add(new UnusedApproval(approval, QueueReason.NONCE_CONFLICT));
      } else {
        kept.add(approval);
        previous = approval;
      }
    }
    return kept;
  }

  /** The largest approvals of each token within its tick limit, then the batch bound shared among tokens. */
  private static Selection bounded(
      List<C2RApproval> approvals, Map<Integer, TokenBook> books, List<UnusedApproval> unused) {
    Map<Integer, List<C2RApproval>> byToken = new HashMap<>();
    approvals.forEach(a -> byToken.computeIfAbsent(a.tokenId(), id -> new ArrayList<>()).add(a));
    List<List<C2RApproval>> best = new ArrayList<>();
    for (TokenBook book : books.values()) {
      int maxPerTick = book.policy().maxPerTick();
      int limit = Math.min(maxPerTick, Batch.MAX_COLLATERAL_TO_RESERVE);
      TopK.Selection<C2RApproval> selection =
          TopK.select(byToken.getOrDefault(book.tokenId(), List.of()), limit, LARGEST_FIRST);
      QueueReason over = limit == maxPerTick ? QueueReason.TICK_LIMIT : QueueReason.BATCH_LIMIT;
      selection.rest().forEach(a -> unused.add(new UnusedApproval(a, over)));
      best.add(selection.best());
    }
    int[] slots = SlotShare.roundRobin(best.stream().mapToInt(List::size).toArray(), Batch.MAX_COLLATERAL_TO_RESERVE);
    List<C2RApproval> used = new ArrayList<>();
    Map<Integer, BigInteger> inflow = new HashMap<>();
    for (int i = 0; i < slots.length; i++) {
      List<C2RApproval> tokenBest = best.get(i);
      for (int j = 0; j < tokenBest.size(); j++) {
        C2RApproval approval = tokenBest.get(j);
        if (j < slots[i]) {
          used.add(approval);
          inflow.merge(approval.tokenId(), approval.amount(), BigInteger::add);
        } else {
          unused.add(new UnusedApproval(approval, QueueReason.BATCH_LIMIT));
        }
      }
    }
    used.sort(BATCH_ORDER);
    return new Selection(used, unused, inflow);
  }

  /** Why {@code approval} cannot be used in this batch at all, if it cannot. */
  private static Optional<QueueReason> problem(
      C2RApproval approval, Map<Integer, TokenBook> books, Set<AccountKey> inFlight, CandidateIndex index) {
    if (!books.containsKey(approval.tokenId())) {
      return Optional.of(QueueReason.UNKNOWN_TOKEN);
    }
    if (inFlight.contains(approval.key())) {
      return Optional.of(QueueReason.IN_FLIGHT);
    }
    Optional<Candidate> candidate = index.find(approval.key());
    if (candidate.isEmpty()) {
      return Optional.of(QueueReason.UNKNOWN_ACCOUNT);
    }
    if (approval.nonce().compareTo(candidate.get().account().nonce()) <= 0) {
      return Optional.of(QueueReason.STALE_NONCE);
    }
    if (approval.amount().compareTo(candidate.get().exposure().hubFreeCollateral()) > 0) {
      return Optional.of(QueueReason.EXCEEDS_FREE_COLLATERAL);
    }
    return Optional.empty();
  }

  /**
   * @param used the approvals in batch order
   * @param unused the others, with why
   * @param inflow per token id, the sum of the used amounts; absent: 0
   */
  record Selection(List<C2RApproval> used, List<UnusedApproval> unused, Map<Integer, BigInteger> inflow) {
    BigInteger inflow(int tokenId) {
      return inflow.getOrDefault(tokenId, BigInteger.ZERO);
    }
  }
}
