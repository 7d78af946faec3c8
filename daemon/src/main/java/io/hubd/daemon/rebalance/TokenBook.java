package io.hubd.daemon.rebalance;

import java.math.BigInteger;
import java.util.Objects;

/**
 * One token as a tick sees it: the hub's reserve from the mirror and the token's policy. Immutable.
 *
 * @param tokenId the Depository's token id
 * @param reserve the hub's reserve of the token, at least 0
 * @param policy the token's rebalancing policy
 */
public record TokenBook(int tokenId, BigInteger reserve, TokenPolicy policy) {
  public TokenBook {
    if (tokenId <= 0) {
      throw new IllegalArgumentException("tokenId must be positive: " + tokenId);
    }
    Exposure.nonNegative(reserve, "reserve");
    Objects.requireNonNull(policy, "policy == null");
  }
}
