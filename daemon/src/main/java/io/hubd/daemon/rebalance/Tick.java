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
 */
public record Tick(
    List<TokenBook> tokens,
    List<R2CRequest> requests,
    List<C2RApproval> approvals,
    List<C2RProposal> outstandingProposals,
    Set<AccountKey> inFlight) {

  public Tick {
    tokens = List.copyOf(Objects.requireNonNull(tokens, "tokens == null"));
    requests = List.copyOf(Objects.requireNonNull(requests, "requests == null"));
    approvals = List.copyOf(Objects.requireNonNull(approvals, "approvals == null"));
    outstandingProposals = List.copyOf(Objects.requireNonNull(outstandingProposals, "outstandingProposals == null"));
    inFlight = Set.copyOf(Objects.requireNonNull(inFlight, "inFlight == null"));
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
}
