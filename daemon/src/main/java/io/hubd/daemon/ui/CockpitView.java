package io.hubd.daemon.ui;

import java.util.List;
import java.util.Map;

/**
 * Everything the operator page shows at one instant, as JSON. Amounts are decimal strings of base units (exact);
 * {@code decimals} says how to show them; chart series are doubles in whole tokens. Every string that came from
 * outside (reasons, addresses, purposes) is data: the page inserts it as text, never as markup. Immutable.
 */
public record CockpitView(
    String at,
    String hub,
    Chain chain,
    Ha ha,
    Gas gas,
    List<Token> tokens,
    Jobs jobs,
    Proposals proposals,
    List<Batch> batches,
    List<InFlight> inFlight,
    List<Dispute> disputes,
    List<Alerts.Alert> alerts,
    List<Audit> audit) {

  /** The mirror's position and readiness. */
  public record Chain(Long checkpoint, long headLagBlocks, boolean caughtUp, boolean ready,
      Map<String, Object> notReady) {}

  /** This instance's HA role; {@code role} is {@code single} without HA. */
  public record Ha(String role, Long epoch) {}

  public record Gas(String balanceWei, boolean low, String spentWei) {}

  /**
   * One token's panel.
   *
   * @param paused {@code operator}, {@code drift} (the mirror is being repaired), or null
   */
  public record Token(int id, String symbol, int decimals, String reserve, String minReserve, String targetReserve,
      String wallet, String paused, Map<String, Budget> budgets, Exposure exposure, Money money,
      TokenHistory.Series history) {}

  public record Budget(String remaining, String limit) {}

  /**
   * Users' exposure and the hub's credit: totals, the distribution of each, and the largest accounts.
   *
   * @param creditSoftLimit the settlement policy's credit soft limit, null without a settlement policy
   */
  public record Exposure(String total, String credit, long accounts, List<String> bucketNames, long[] buckets,
      String creditSoftLimit, List<String> creditBucketNames, long[] creditBuckets, List<Ranked> topExposure,
      List<Ranked> topCredit) {}

  /** One of the largest accounts and its amount. */
  public record Ranked(String counterparty, String amount) {
    static List<Ranked> of(List<ExposureScan.Ranked> ranked) {
      return ranked.stream().map(r -> new Ranked(r.counterparty(), r.amount().toString())).toList();
    }
  }

  /**
   * Fees, gas and netting since the daemon started, in the token's base units.
   *
   * @param gasCost the gas of mined batches' operations in the token, at its configured price
   * @param gasCostPerOperation the same per operation, on average
   * @param savedByNetting R2C of mined batches funded by their C2R and settlement inflows rather than the reserve
   */
  public record Money(String feesQuoted, String feesCollected, String gasCost, String gasCostPerOperation,
      String netMargin, String savedByNetting) {}

  public record Jobs(Map<String, Long> byState, List<JobRow> open, List<JobRow> closed) {}

  /**
   * What users sign for batches: C2R proposals, settlements the hub proposed (repay, secure) and settlements the hub
   * runtime handed in.
   *
   * @param openByKind the open ones counted by kind and state
   * @param settlementOutcomes settlements by outcome since the daemon started (proposed, signed, executed, stale,
   *     expired, failed), as {@code hubd_settlement_proposals_total} counts them
   * @param open the oldest open ones
   * @param ended the latest that ended
   */
  public record Proposals(Map<String, Map<String, Long>> openByKind, Map<String, Long> settlementOutcomes,
      List<ProposalRow> open, List<ProposalRow> ended) {}

  /**
   * One proposal or settlement.
   *
   * @param amount what moves (C2R, REPAY, SECURE); for a handed-in settlement, the hub's reserve change in its first
   *     token
   * @param expiresAt when a settlement proposal stops waiting, or null
   * @param reason why it went stale, expired or failed, or null
   */
  public record ProposalRow(long id, String kind, String state, int token, String counterparty, String amount,
      String nonce, long ageSeconds, String expiresAt, Long intentId, String reason) {}

  public record JobRow(long id, String kind, String state, int token, String counterparty, String amount,
      String funded, long ageSeconds, String reason) {}

  /** A journaled transaction: a batch, or a plain call (approval, faucet drip). */
  public record Batch(long id, String kind, String purpose, String state, Integer operations, String gasUsed,
      String feeWei, Long latencyMillis, Long block, String createdAt) {}

  /** A transaction not yet confirmed: its latest attempt's fees, its bumps, its age. */
  public record InFlight(long id, String purpose, String state, int attempts, int bumps, int cancels,
      String maxFeePerGas, String priorityFeePerGas, long ageSeconds, Long sentBlock) {}

  public record Audit(long id, String at, String actor, String action, String target, String detail) {}

  /**
   * An open dispute of one of the hub's accounts, as mirrored; the account is frozen until it ends.
   *
   * @param claimant who made the current claim: {@code hub} or {@code counterparty} (a claim against the hub)
   * @param nonce the claimed state's nonce
   * @param finaliseAfterBlock the claim can be countered up to this block and finalised after it
   * @param blocksLeft blocks after the mirror's checkpoint in which a counter can still land
   */
  public record Dispute(String counterparty, String claimant, String nonce, long startBlock, long claimBlock,
      long finaliseAfterBlock, long blocksLeft) {}
}
