package io.hubd.daemon.rebalance;

import io.hubd.contracts.EntityId;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the accounts worth a new C2R proposal: hub free collateral above the token's reclaim threshold, nothing in
 * flight, no approval in hand and no proposal outstanding. Each proposal asks for all of the hub's free collateral at
 * the next nonce of the counterparty: above the stored account nonce and above every nonce already signed or
 * proposed for it (in any token), so that proposals of one counterparty in several tokens can all be used, in
 * order. Touches only the index's accounts above the reclaim threshold. Stateless.
 */
final class ProposalFinder {
  private ProposalFinder() {}

  /**
   * The new proposals, ordered by account.
   *
   * @param books the tick's tokens by id, in id order
   */
  static List<C2RProposal> find(Tick tick, Map<Integer, TokenBook> books, CandidateIndex index) {
    int handedOut = tick.approvals().size() + tick.outstandingProposals().size();
    Set<AccountKey> taken = new HashSet<>(2 * handedOut);
    Map<EntityId, BigInteger> lastNonce = new HashMap<>(2 * handedOut);
    for (C2RApproval approval : tick.approvals()) {
      taken.add(approval.key());
      lastNonce.merge(approval.counterparty(), approval.nonce(), BigInteger::max);
    }
    for (C2RProposal proposal : tick.outstandingProposals()) {
      taken.add(proposal.account());
      lastNonce.merge(proposal.account().counterparty(), proposal.nonce(), BigInteger::max);
    }
    List<C2RProposal> proposals = new ArrayList<>();
    for (TokenBook book : books.values()) {
      for (Candidate candidate : index.aboveReclaimThreshold(book.tokenId())) {
        AccountKey key = candidate.key();
        if (!book.policy().triggersReclaim(candidate.exposure()) || taken.contains(key)
            || tick.inFlight().contains(key)) {
          continue;
        }
        BigInteger nonce = lastNonce.getOrDefault(key.counterparty(), BigInteger.ZERO)
            .max(candidate.account().nonce())
            .add(BigInteger.ONE);
        lastNonce.put(key.counterparty(), nonce);
        proposals.add(new C2RProposal(key, candidate.exposure().hubFreeCollateral(), nonce));
      }
    }
    proposals.sort((a, b) -> a.account().compareTo(b.account()));
    return proposals;
  }
}
