package io.hubd.contracts;

import java.math.BigInteger;
import java.util.Objects;

/** An account's on-chain state in one token: collateral, ondelta, and the account nonce. Immutable. */
public record AccountState(BigInteger collateral, BigInteger ondelta, BigInteger nonce) {
  public static final AccountState EMPTY = new AccountState(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);

  public AccountState {
    Objects.requireNonNull(collateral, "collateral == null");
    Objects.requireNonNull(ondelta, "ondelta == null");
    Objects.requireNonNull(nonce, "nonce == null");
    if (collateral.signum() < 0) {
      throw new IllegalArgumentException("collateral < 0: " + collateral);
    }
  }
}
