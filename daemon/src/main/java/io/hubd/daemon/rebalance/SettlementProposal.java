package io.hubd.daemon.rebalance;

import io.hubd.contracts.Batch;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A settlement the hub asks a user who owes it to sign: repay or secure {@code amount} of the debt at account nonce
 * {@code nonce}. The caller stores it and shows it; once signed it comes back as a {@link SettlementApproval}.
 * Immutable.
 *
 * @param account the account and token
 * @param mode repay or secure
 * @param amount at most the hub's credit, the user's reserve and the policy's maximum when proposed; positive
 * @param diff what the user signs
 * @param nonce above the stored nonce and every nonce already handed out or signed for this counterparty
 */
public record SettlementProposal(
    AccountKey account, SettlementPolicy.Mode mode, BigInteger amount, Batch.SettlementDiff diff, BigInteger nonce) {
  public SettlementProposal {
    Objects.requireNonNull(account, "account == null");
    Objects.requireNonNull(mode, "mode == null");
    Exposure.positive(amount, "amount");
    Objects.requireNonNull(diff, "diff == null");
    Exposure.positive(nonce, "nonce");
  }
}
