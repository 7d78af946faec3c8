package io.hubd.daemon.rebalance;

import io.hubd.contracts.EntityId;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the accounts worth a new proposal. A C2R: hub free collateral above the token's reclaim threshold; it asks for
 * all of it. A settlement (tokens with a settlement policy): the hub's credit above the policy's soft limit, the user
 * holding reserve; it asks to repay or secure what the reserve covers, at most the policy's maximum, for at most
 * {@code maxPerTick} accounts of the token per tick, the largest debts first. Never for an account in flight, touched
 * by the batch being built, with an approval in hand or a proposal outstanding (one open proposal per account and
 * token, whatever its kind). Each proposal takes the next nonce of the counterparty: above the stored account nonce
 * and above every nonce already signed or proposed for it (in any token, of any kind), so that they can all be used,
 * in order. Touches only the index's accounts above the thresholds (and reads the reserves of at most
 * {@code maxPerTick} users per token). Stateless.
 */
final class ProposalFinder {
  private static final Comparator<Candidate> LARGEST_CREDIT_FIRST =
      Comparator.comparing((Candidate c) -> c.exposure().hubCredit()).reversed().thenComparing(Candidate::key);

  private ProposalFinder() {}

  /** The new proposals, each kind ordered by account. */
  record Found(List<C2RProposal> c2r, List<SettlementProposal> settlements) {}

  /**
   * @param books the tick's tokens by id, in id order
   * @param inBatch the accounts the batch being built changes by C2R or settlement
   */
  static Found find(Tick tick, Map<Integer, TokenBook> books, CandidateIndex index, Set<AccountKey> inBatch) {
    int handedOut = tick.approvals().size() + tick.outstandingProposals().size() + tick.settlements().size()
        + tick.outstandingSettlements().size();
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
    for (SettlementApproval settlement : tick.settlements()) {
      taken.addAll(settlement.keys());
      lastNonce.merge(settlement.counterparty(), settlement.nonce(), BigInteger::max);
    }
    for (SettlementProposal proposal : tick.outstandingSettlements()) {
      taken.add(proposal.account());
      lastNonce.merge(proposal.account().counterparty(), proposal.nonce(), BigInteger::max);
    }
    List<C2RProposal> c2r = new ArrayList<>();
    List<SettlementProposal> settlements = new ArrayList<>();
    for (TokenBook book : books.values()) {
      for (Candidate candidate : index.aboveReclaimThreshold(book.tokenId())) {
        AccountKey key = candidate.key();
        if (!book.policy().triggersReclaim(candidate.exposure()) || unavailable(key, taken, tick, inBatch)) {
          continue;
        }
        BigInteger nonce = next(lastNonce, candidate);
        taken.add(key);
        c2r.add(new C2RProposal(key, candidate.exposure().hubFreeCollateral(), nonce));
      }
      book.policy().settlement().ifPresent(policy -> {
        List<Candidate> wanting = new ArrayList<>();
        for (Candidate candidate : index.aboveCreditLimit(book.tokenId())) {
          if (policy.triggers(candidate.exposure()) && !unavailable(candidate.key(), taken, tick, inBatch)) {
            wanting.add(candidate);
          }
        }
        for (Candidate candidate : TopK.select(wanting, book.policy().maxPerTick(), LARGEST_CREDIT_FIRST).best()) {
          AccountKey key = candidate.key();
          BigInteger reserve = tick.userReserves().of(key.counterparty(), key.tokenId(), false);
          BigInteger amount = policy.amount(candidate.exposure(), reserve);
          if (amount.signum() == 0) {
            continue; // nothing in the user's reserve to settle with
          }
          BigInteger nonce = next(lastNonce, candidate);
          taken.add(key);
          settlements.add(new SettlementProposal(key, policy.mode(), amount,
              SettlementDiffs.of(policy.mode(), candidate.account().hubIsLeft(), key.tokenId(), amount), nonce));
        }
      });
    }
    c2r.sort((a, b) -> a.account().compareTo(b.account()));
    settlements.sort((a, b) -> a.account().compareTo(b.account()));
    return new Found(c2r, settlements);
  }

  private static boolean unavailable(AccountKey key, Set<AccountKey> taken, Tick tick, Set<AccountKey> inBatch) {
    return taken.contains(key) || tick.inFlight().contains(key) || inBatch.contains(key);
  }

  private static BigInteger next(Map<EntityId, BigInteger> lastNonce, Candidate candidate) {
    EntityId counterparty = candidate.key().counterparty();
    BigInteger nonce = lastNonce.getOrDefault(counterparty, BigInteger.ZERO).max(candidate.account().nonce())
        .add(BigInteger.ONE);
    lastNonce.put(counterparty, nonce);
    return nonce;
  }
}
