package io.hubd.daemon.rebalance;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything one tick plans from, besides the {@link CandidateIndex}: the tokens, the work waiting, and what is
 * already under way. Immutable.
 *
 * @param tokens one entry per token to plan, each token once; tokens not listed are not planned
 * @param requests accepted R2C requests not yet served, job ids unique; their accounts pinned in the index
 * @param approvals signed C2R approvals in hand; their accounts pinned in the index
 * @param outstandingProposals C2R proposals made earlier and neither signed nor withdrawn, never proposed again
 * @param inFlight accounts with a job submitted and not yet observed by the mirror: never planned again
 * @param settlements signed settlements in hand (proposed repayments and securings, runtime settlements); the
 *     accounts they touch pinned in the index
 * @param outstandingSettlements settlement proposals made earlier and not yet signed, never proposed again
 * @param userReserves the users' reserves, for sizing new settlement proposals and checking signed ones
 */
public record Tick(
    List<TokenBook> tokens,
    List<R2CRequest> requests,
    List<C2RApproval> approvals,
    List<C2RProposal> outstandingProposals,
    Set<AccountKey> inFlight,
    List<SettlementApproval> settlements,
    List<SettlementProposal> outstandingSettlements,
    UserReserves userReserves) {

  public Tick {
    tokens = List.copyOf(Objects.requireNonNull(tokens, "tokens == null"));
    requests = List.copyOf(Objects.requireNonNull(requests, "requests == null"));
    approvals = List.copyOf(Objects.requireNonNull(approvals, "approvals == null"));
    outstandingProposals = List.copyOf(Objects.requireNonNull(outstandingProposals, "outstandingProposals == null"));
    inFlight = Set.copyOf(Objects.requireNonNull(inFlight, "inFlight == null"));
    settlements = List.copyOf(Objects.requireNonNull(settlements, "settlements == null"));
    outstandingSettlements =
        List.copyOf(Objects.requireNonNull(outstandingSettlements, "outstandingSettlements == null"));
    Objects.requireNonNull(userReserves, "userReserves == null");
    Set<Integer> tokenIds = new HashSet<>();
    for (TokenBook book : tokens) {
      if (!tokenIds.add(book.tokenId())) {
        throw new IllegalArgumentException("token " + book.tokenId() + " is listed twice");
      }
    }
    Set<String> jobIds = new HashSet<>();
    for (R2CRequest request : requests) {
      if (!jobIds.add(request.jobId())) {
        throw new IllegalArgumentException("request " + request.jobId() + " is listed twice");
      }
    }
  }

  /** A tick without settlements. */
  public Tick(List<TokenBook> tokens, List<R2CRequest> requests, List<C2RApproval> approvals,
      List<C2RProposal> outstandingProposals, Set<AccountKey> inFlight) {
    this(tokens, requests, approvals, outstandingProposals, inFlight, List.of(), List.of(), UserReserves.NONE);
  }
}
