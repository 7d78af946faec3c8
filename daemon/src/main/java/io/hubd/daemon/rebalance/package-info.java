/**
 * Rebalancing: the pure core that decides, once per tick, which accounts get collateral from the hub's reserve
 * (R2C) and which signed withdrawals (C2R) fund them in the same batch.
 *
 * <p>{@link io.hubd.daemon.rebalance.Exposure} and {@link io.hubd.daemon.rebalance.HubAccount} are the accounting;
 * {@link io.hubd.daemon.rebalance.TokenPolicy} the per-token rules; {@link io.hubd.daemon.rebalance.CandidateIndex}
 * keeps, change by change, the few accounts that may need work; {@link io.hubd.daemon.rebalance.Planner} turns one
 * {@link io.hubd.daemon.rebalance.Tick} into one {@link io.hubd.daemon.rebalance.Plan}. Nothing here talks to the
 * chain, the store or the network: callers feed it and persist what it decides. Amounts are token base units.
 */
package io.hubd.daemon.rebalance;
