package io.hubd.daemon.rebalance;

import io.hubd.contracts.Batch;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.Signature;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A user's signature, in hand, allowing the hub to withdraw {@code amount} of their account's collateral into its
 * reserve (C2R) at account nonce {@code nonce}. Immutable.
 *
 * @param counterparty the user who signed
 * @param tokenId the token
 * @param amount the collateral the hub may withdraw, positive
 * @param nonce the account nonce signed; usable only above the stored nonce
 * @param signature the user's EIP-712 signature over the authorization
 */
public record C2RApproval(
    EntityId counterparty, int tokenId, BigInteger amount, BigInteger nonce, Signature signature) {

  public C2RApproval {
    Objects.requireNonNull(counterparty, "counterparty == null");
    Exposure.positive(amount, "amount");
    Exposure.positive(nonce, "nonce");
    Objects.requireNonNull(signature, "signature == null");
    new AccountKey(counterparty, tokenId); // validates the token id
  }

  public AccountKey key() {
    return new AccountKey(counterparty, tokenId);
  }

  public Batch.CollateralToReserve toOperation() {
    return new Batch.CollateralToReserve(counterparty, tokenId, amount, nonce, signature);
  }
}
