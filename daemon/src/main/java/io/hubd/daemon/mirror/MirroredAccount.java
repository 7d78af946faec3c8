package io.hubd.daemon.mirror;

import io.hubd.contracts.EntityId;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The hub's account with {@code counterparty} in one token, as mirrored. {@code ondelta} is from the left side's
 * point of view, as on chain; {@code nonce} is the account's (shared by its tokens). Immutable.
 *
 * @param lastBlock the block of the last event that changed this account in this token
 */
public record MirroredAccount(
    EntityId counterparty,
    int tokenId,
    boolean hubIsLeft,
    BigInteger collateral,
    BigInteger ondelta,
    BigInteger nonce,
    long lastBlock) {

  public MirroredAccount {
    Objects.requireNonNull(counterparty, "counterparty == null");
    Objects.requireNonNull(collateral, "collateral == null");
    Objects.requireNonNull(ondelta, "ondelta == null");
    Objects.requireNonNull(nonce, "nonce == null");
    if (collateral.signum() < 0) {
      throw new IllegalArgumentException("collateral < 0: " + collateral);
    }
  }
}
