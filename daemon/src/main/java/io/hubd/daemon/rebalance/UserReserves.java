package io.hubd.daemon.rebalance;

import io.hubd.contracts.EntityId;
import java.math.BigInteger;

/**
 * Users' reserves in the Depository, which the mirror does not hold (it follows the hub's own): what a settlement
 * may take from a user. Read when a tick needs them: recent reads may serve candidates for new proposals, a settlement
 * about to go into a batch is read afresh.
 */
@FunctionalInterface
public interface UserReserves {
  /** None anywhere: no settlement is proposed, none is used. */
  UserReserves NONE = (user, tokenId, fresh) -> BigInteger.ZERO;

  /**
   * The user's reserve of the token, at least 0.
   *
   * @param fresh read now rather than from a recent read
   */
  BigInteger of(EntityId user, int tokenId, boolean fresh);
}
