package io.hubd.daemon.explain;

import java.util.List;
import java.util.Objects;

/**
 * One account's explanation: its state with the exposure formula's inputs, the token's policy numbers (its settlement
 * policy's too), the reserve and budget, the open job, the open proposals and settlements and the last few that
 * ended, the planner's recent decisions, the open dispute and every reason nothing is being done.
 * Amounts are decimal strings of base units (exact, and safe in JavaScript). Immutable.
 */
public record Explanation(
    String counterparty,
    int token,
    String symbol,
    String at,
    Account account,
    Policy policy,
    Funds funds,
    List<JobView> openJobs,
    List<ProposalView> proposals,
    List<ProposalView> endedProposals,
    List<DecisionView> decisions,
    List<RefusalView> refusals,
    DisputeView dispute,
    List<Reason> reasons) {

  public Explanation {
    Objects.requireNonNull(counterparty, "counterparty == null");
    openJobs = List.copyOf(openJobs);
    proposals = List.copyOf(proposals);
    endedProposals = List.copyOf(endedProposals);
    decisions = List.copyOf(decisions);
    refusals = List.copyOf(refusals);
    reasons = List.copyOf(reasons);
  }

  /**
   * The account as the chain and the positions feed know it, and what follows from it.
   *
   * @param hubSide {@code left} or {@code right}: which side of the account the hub is
   * @param formula the exposure formula for the hub's side, with the numbers put in
   */
  public record Account(String hubSide, boolean mirrored, boolean positioned, String collateral, String ondelta,
      String offdelta, String delta, String nonce, String userExposure, String hubFreeCollateral, String hubCredit,
      String formula) {}

  /** @param settlement when the hub proposes settlements to users who owe it; null: never */
  public record Policy(String softLimit, String hardLimit, String target, String reclaimThreshold, int maxPerTick,
      String strategy, String feeBase, int feeBps, Settlement settlement) {}

  /** The token's settlement policy: above {@code creditSoftLimit} of hub credit, propose {@code mode}. */
  public record Settlement(String creditSoftLimit, String maxPerProposal, String lifetime, String mode) {}

  /**
   * @param r2cBudgetRemaining empty when the token has no R2C budget
   * @param batchInFlight the journal id of the batch the rebalance loop waits for, when there is one
   */
  public record Funds(String reserve, String r2cBudgetRemaining, boolean paused, Long batchInFlight) {}

  public record JobView(long id, String kind, String state, String amount, String funded, String planned,
      String reason, long ageSeconds) {}

  /**
   * A proposal or settlement of the account.
   *
   * @param amount what moves (C2R, REPAY, SECURE); 0 for a settlement the hub runtime handed in (see {@code diffs})
   * @param diffs a settlement's per-token changes from the hub's side; empty for a C2R
   * @param expiresAt when a settlement proposal stops waiting, or null
   * @param batch the journal id of the batch carrying it, or null
   * @param reason why it went stale, expired or failed, or null
   */
  public record ProposalView(long id, String kind, String state, String amount, String nonce, List<DiffView> diffs,
      String createdAt, String expiresAt, Long batch, String reason) {}

  /** One token's part of a settlement, from the hub's side: what the hub's and the user's reserves, the collateral
   * and ondelta change by. */
  public record DiffView(int token, String hubReserve, String userReserve, String collateral, String ondelta) {}

  public record DecisionView(String kind, String reason, String amount, String first, String last, long ticks) {}

  public record RefusalView(String at, String code, String message) {}

  /**
   * The account's open dispute (null in an explanation when there is none): who made the current claim ({@code hub}
   * or {@code counterparty}), at which nonce, and its blocks; {@code blocksLeft} after the mirror's checkpoint.
   */
  public record DisputeView(String claimant, String nonce, long startBlock, long claimBlock, long finaliseAfterBlock,
      long blocksLeft) {}

  /** Why nothing (more) is done for the account now: a stable code and a sentence with the numbers. */
  public record Reason(ReasonCode code, String text) {
    public Reason {
      Objects.requireNonNull(code, "code == null");
      Objects.requireNonNull(text, "text == null");
    }
  }

  /** Every reason the hub may have for doing nothing. */
  public enum ReasonCode {
    NO_EXPOSURE,
    BELOW_SOFT_LIMIT,
    BUDGET_EXHAUSTED,
    RESERVE_SHORT,
    PER_TICK_CAP,
    WAITING_FOR_SIGNATURE,
    ACCOUNT_FROZEN,
    BATCH_IN_FLIGHT,
    TOKEN_PAUSED,
    RATE_LIMITED,
    FEE_ABOVE_MAX_FEE,
    NO_SETTLEMENT_POLICY,
    NOT_PLANNED_YET,
    OTHER
  }
}
