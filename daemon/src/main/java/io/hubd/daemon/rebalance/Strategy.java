package io.hubd.daemon.rebalance;

/**
 * The order in which one token's R2C targets share the reserve when it cannot fund them all. Ties go to the smaller
 * counterparty id, so a plan is the same for the same inputs.
 */
public enum Strategy {
  /** Largest amount first. */
  AMOUNT,
  /**
   * Oldest first: a request by the time it was accepted, a policy trigger by the time the index first saw the account
   * over the soft limit; an account with both by the earlier of the two.
   */
  TIME,
  /**
   * Highest fee first: a request by its quoted fee (the sum, for several requests on one account). A policy trigger
   * has no payer, so it ranks by the fee the policy would quote for its amount ({@link TokenPolicy#fee}): a top-up the
   * hub makes for itself competes with paid requests as if it had been asked for at list price, and larger top-ups
   * rank higher. An account with both ranks by the larger of the two.
   */
  FEE
}
