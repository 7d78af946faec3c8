package io.hubd.daemon.explain;

import java.util.List;
import java.util.Objects;

/**
 * One account's explanation: its state with the exposure formula's inputs, the token's policy numbers, the reserve
 * and budget, the open job and proposals, the planner's recent decisions and every reason nothing is being done.
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
    List<DecisionView> decisions,
    List<RefusalView> refusals,
    List<Reason> reasons) {

  public Explanation {
    Objects.requireNonNull(counterparty, "counterparty == null");
    openJobs = List.copyOf(openJobs);
    proposals = List.copyOf(proposals);
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

  public record Policy(String softLimit, String hardLimit, String target, String reclaimThreshold, int maxPerTick,
      String strategy, String feeBase, int feeBps) {}

  /**
   * @param r2cBudgetRemaining empty when the token has no R2C budget
   * @param batchInFlight the journal id of the batch the rebalance loop waits for, when there is one
   */
  public record Funds(String reserve, String r2cBudgetRemaining, boolean paused, Long batchInFlight) {}

  public record JobView(long id, String kind, String state, String amount, String funded, String planned,
      String reason, long ageSeconds) {}

  public record ProposalView(long id, String kind, String state, String amount, String nonce) {}

  public record DecisionView(String kind, String reason, String amount, String first, String last, long ticks) {}

  public record RefusalView(String at, String code, String message) {}

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
    NOT_PLANNED_YET,
    OTHER
  }
}
