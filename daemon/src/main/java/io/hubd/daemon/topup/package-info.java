/**
 * Reserve top-up: keeps the hub's reserve of each token at or above its {@code minReserve} by moving tokens from
 * the hub wallet into the reserve (an ERC20 approval, then an {@code ExternalToReserve} in the next rebalance
 * batch), refilling the wallet from the faucet contract first where the network allows it.
 *
 * <p>Public contract: {@link io.hubd.daemon.topup.ReserveTopUp}, which the composition root runs on its own loop
 * and hands to the rebalance coordinator as its {@link io.hubd.daemon.rebalance.ReserveDeposits}, and
 * {@link io.hubd.daemon.topup.TopUpPhase}, where one token's top-up is. Amounts are token base units.
 */
package io.hubd.daemon.topup;
