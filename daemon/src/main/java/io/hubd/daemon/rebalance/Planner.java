package io.hubd.daemon.rebalance;

import io.hubd.contracts.Batch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns one {@link Tick} and the {@link CandidateIndex} into one {@link Plan}: one batch that nets signed C2Rs and
 * settlements against R2C top-ups and requests, and the bookkeeping that goes with it.
 *
 * <p>Rules: the usable C2R approvals come first (see the selector's rules: valid nonce, at most the hub's free
 * collateral, one per account and token; none whose nonce would make a waiting settlement's stale), then the usable
 * settlements ({@link SettlementSelector}); their amounts count towards each token's effective reserve
 * ({@code reserve + C2R and settlement inflows in this batch - R2C already planned}); an account a settlement
 * changes gets no R2C in the same batch. Every account with requests or a soft-limit
 * trigger becomes one R2C target (never two operations for one account and token; never an account in flight)
 * wanting the larger of {@code exposure - target} and its requests capped at its exposure; targets are ranked by
 * the token's {@link Strategy}, and each gets what it wants or what is left of the effective reserve, the rest
 * queued. At most {@code maxPerTick} pairs and C2Rs per token, at most {@link Batch#MAX_R2C_PAIRS} pairs and
 * {@link Batch#MAX_COLLATERAL_TO_RESERVE} C2Rs per batch, batch room shared round-robin among tokens. So no token's
 * R2Cs exceed its reserve plus its C2Rs, and no amount is zero.
 *
 * <p>Cost: O(c log k + r + a log a) for c candidate accounts of the index, r requests and a approvals, with k the
 * per-token bound; accounts the index does not keep are never looked at. The planner only reads the index. Not
 * thread-safe: called by the index's owner thread.
 */
public final class Planner {
  private static final Comparator<R2CRequest> OLDEST_FIRST =
      Comparator.comparing(R2CRequest::acceptedAt).thenComparing(R2CRequest::jobId);

  private final CandidateIndex index;

  public Planner(CandidateIndex index) {
    this.index = Objects.requireNonNull(index, "index == null");
  }

  public Plan plan(Tick tick) {
    Objects.requireNonNull(tick, "tick == null");
    Map<Integer, TokenBook> books = new TreeMap<>();
    tick.tokens().forEach(book -> books.put(book.tokenId(), book));
    List<UnusedApproval> heldBack = new ArrayList<>();
    List<C2RApproval> approvals = SettlementSelector.nonceOrder(tick, index, heldBack);
    ApprovalSelector.Selection c2r = ApprovalSelector.select(approvals, books, tick.inFlight(), index);
    SettlementSelector.Selection settlements = SettlementSelector.select(tick, books, index, c2r);
    Set<AccountKey> busy = new HashSet<>(tick.inFlight());
    busy.addAll(settlements.touched()); // R2C sized on the state before a settlement of the same account: not now
    List<Queued> unknownTokens = new ArrayList<>();
    Map<Integer, Map<AccountKey, List<R2CRequest>>> requests = requestsByToken(tick, books, unknownTokens);

    List<TokenPass> passes = new ArrayList<>(books.size());
    for (TokenBook book : books.values()) {
      Map<AccountKey, List<R2CRequest>> tokenRequests = requests.getOrDefault(book.tokenId(), Map.of());
      TargetCollector collected = TargetCollector.collect(book, index, tokenRequests, busy);
      passes.add(TokenPass.run(book, collected, c2r.inflow(book.tokenId()), settlements.inflow(book.tokenId())));
    }
    int[] slots = SlotShare.roundRobin(passes.stream().mapToInt(TokenPass::demand).toArray(), Batch.MAX_R2C_PAIRS);
    List<Funding> fundings = new ArrayList<>();
    List<Queued> queued = new ArrayList<>();
    List<ReserveFlow> reserves = new ArrayList<>(passes.size());
    List<String> satisfied = new ArrayList<>();
    for (int i = 0; i < passes.size(); i++) {
      reserves.add(passes.get(i).finish(slots[i], fundings, queued));
      satisfied.addAll(passes.get(i).satisfied());
    }
    queued.addAll(unknownTokens);
    List<UnusedApproval> unused = new ArrayList<>(c2r.unused());
    unused.addAll(heldBack);
    Set<AccountKey> inBatch = new HashSet<>(settlements.touched());
    c2r.used().forEach(a -> inBatch.add(a.key()));
    ProposalFinder.Found found = ProposalFinder.find(tick, books, index, inBatch);
    return new Plan(
        batch(c2r.used(), settlements.used(), fundings), fundings, c2r.used(), unused, found.c2r(), queued, satisfied,
        reserves, settlements.used(), settlements.unused(), found.settlements());
  }

  /** The tick's requests by token and account, each account's oldest first; requests of unlisted tokens queue. */
  private static Map<Integer, Map<AccountKey, List<R2CRequest>>> requestsByToken(
      Tick tick, Map<Integer, TokenBook> books, List<Queued> unknownTokens) {
    Map<Integer, Map<AccountKey, List<R2CRequest>>> byToken = new HashMap<>();
    for (R2CRequest request : tick.requests()) {
      if (!books.containsKey(request.tokenId())) {
        unknownTokens.add(new Queued(
            request.key(), request.amount(), QueueReason.UNKNOWN_TOKEN, List.of(request.jobId()), false));
        continue;
      }
      byToken.computeIfAbsent(request.tokenId(), id -> new HashMap<>())
          .computeIfAbsent(request.key(), key -> new ArrayList<>(1))
          .add(request);
    }
    byToken.values().forEach(accounts -> accounts.values().forEach(list -> list.sort(OLDEST_FIRST)));
    return byToken;
  }

  /** C2Rs in the selector's order, settlements in theirs, then one R2C group per token, pairs in the order planned. */
  private static Batch batch(List<C2RApproval> approvals, List<SettlementApproval> settlements,
      List<Funding> fundings) {
    Batch.Builder builder = Batch.builder();
    approvals.forEach(approval -> builder.collateralToReserve(approval.toOperation()));
    settlements.forEach(settlement -> builder.settlement(settlement.toOperation()));
    int start = 0;
    for (int i = 1; i <= fundings.size(); i++) {
      int tokenId = fundings.get(start).account().tokenId();
      if (i == fundings.size() || fundings.get(i).account().tokenId() != tokenId) {
        builder.reserveToCollateral(new Batch.ReserveToCollateral(
            tokenId, fundings.subList(start, i).stream().map(Funding::toPair).toList()));
        start = i;
      }
    }
    return builder.build();
  }
}
