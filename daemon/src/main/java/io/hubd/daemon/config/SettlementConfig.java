package io.hubd.daemon.config;

import java.math.BigInteger;
import java.time.Duration;

/**
 * When hubd asks a user who owes the hub beyond the collateral to settle ({@code tokens.<id>.settlement}; absent:
 * never). Checked again, with its names, when the token's policy is built. Immutable.
 *
 * @param creditSoftLimit the hub's credit to one user above which a settlement is proposed, in base units
 * @param maxPerProposal the most one proposal moves
 * @param lifetime how long a proposal waits for the signature and then for a batch
 * @param mode {@code repay} (the user's reserve into the hub's) or {@code secure} (into the account's collateral)
 */
public record SettlementConfig(BigInteger creditSoftLimit, BigInteger maxPerProposal, Duration lifetime, String mode) {}
