package io.hubd.daemon.rebalance;

import io.hubd.contracts.Batch;
import java.util.List;
import java.util.Objects;

/**
 * What one tick decided: the batch to submit and the bookkeeping the caller persists with it. Immutable.
 *
 * @param batch the batch: C2Rs first (ordered by counterparty, then nonce), then settlements, then one R2C group per
 *     token
 * @param fundings one entry per R2C pair, in batch order (tokens by id, each in its strategy's order)
 * @param usedApprovals the C2R approvals in the batch, in batch order
 * @param unusedApprovals the approvals left out, with why
 * @param proposals new C2Rs to ask users to sign, ordered by account
 * @param queued targets, or the unfunded rest of partial ones, left for a later tick: per token by id, the ones the
 *     strategy ranked among its best first in rank order, then the others in no particular order; last, requests of
 *     tokens the tick does not list
 * @param satisfiedRequests job ids of requests whose account has no exposure left: served, nothing to plan
 * @param reserves one entry per token of the tick, by token id
 * @param usedSettlements the settlements in the batch, in batch order
 * @param unusedSettlements the settlements left out, with why
 * @param settlementProposals new settlements to ask users to sign, ordered by account
 */
public record Plan(
    Batch batch,
    List<Funding> fundings,
    List<C2RApproval> usedApprovals,
    List<UnusedApproval> unusedApprovals,
    List<C2RProposal> proposals,
    List<Queued> queued,
    List<String> satisfiedRequests,
    List<ReserveFlow> reserves,
    List<SettlementApproval> usedSettlements,
    List<UnusedSettlement> unusedSettlements,
    List<SettlementProposal> settlementProposals) {

  public Plan {
    Objects.requireNonNull(batch, "batch == null");
    fundings = List.copyOf(Objects.requireNonNull(fundings, "fundings == null"));
    usedApprovals = List.copyOf(Objects.requireNonNull(usedApprovals, "usedApprovals == null"));
    unusedApprovals = List.copyOf(Objects.requireNonNull(unusedApprovals, "unusedApprovals == null"));
    proposals = List.copyOf(Objects.requireNonNull(proposals, "proposals == null"));
    queued = List.copyOf(Objects.requireNonNull(queued, "queued == null"));
    satisfiedRequests = List.copyOf(Objects.requireNonNull(satisfiedRequests, "satisfiedRequests == null"));
    reserves = List.copyOf(Objects.requireNonNull(reserves, "reserves == null"));
    usedSettlements = List.copyOf(Objects.requireNonNull(usedSettlements, "usedSettlements == null"));
    unusedSettlements = List.copyOf(Objects.requireNonNull(unusedSettlements, "unusedSettlements == null"));
    settlementProposals = List.copyOf(Objects.requireNonNull(settlementProposals, "settlementProposals == null"));
  }

  /** Whether there is nothing to submit. */
  public boolean isEmpty() {
    return batch.isEmpty();
  }
}
