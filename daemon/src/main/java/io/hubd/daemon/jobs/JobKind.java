package io.hubd.daemon.jobs;

/** What a job pays for: collateral for a user (R2C), or a faucet payout. */
public enum JobKind {
  R2C,
  FAUCET
}
