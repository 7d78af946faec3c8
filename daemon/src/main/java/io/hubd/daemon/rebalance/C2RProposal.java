package io.hubd.daemon.rebalance;

import io.hubd.contracts.CollateralToReserveAuthorization;
import io.hubd.contracts.EntityId;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A C2R the hub asks a user to sign: withdraw {@code amount} of the hub's free collateral at account nonce
 * {@code nonce}. The caller stores it and shows it to the user; once signed it comes back as a {@link C2RApproval}.
 * Immutable.
 *
 * @param account the account and token
 * @param amount the hub's free collateral when proposed, positive
 * @param nonce the account nonce to sign: above the stored nonce and above every nonce already handed out or signed
 *     for this counterparty
 */
public record C2RProposal(AccountKey account, BigInteger amount, BigInteger nonce) {
  public C2RProposal {
    Objects.requireNonNull(account, "account == null");
    Exposure.positive(amount, "amount");
    Exposure.positive(nonce, "nonce");
  }

  /** What the user signs, for the hub entity {@code hub}. */
  public CollateralToReserveAuthorization toAuthorization(EntityId hub) {
    return new CollateralToReserveAuthorization(hub, account.counterparty(), account.tokenId(), amount, nonce);
  }
}
