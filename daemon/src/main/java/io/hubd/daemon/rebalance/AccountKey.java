package io.hubd.daemon.rebalance;

import io.hubd.contracts.EntityId;
import java.util.Comparator;
import java.util.Objects;

/**
 * One hub account in one token: the counterparty of the hub and the token id. The unit of work of the planner: at
 * most one operation per key in a plan, at most one job in flight per key. Ordered by counterparty, then token.
 * Immutable.
 */
public record AccountKey(EntityId counterparty, int tokenId) implements Comparable<AccountKey> {
  private static final Comparator<AccountKey> ORDER =
      Comparator.comparing(AccountKey::counterparty).thenComparingInt(AccountKey::tokenId);

  public AccountKey {
    Objects.requireNonNull(counterparty, "counterparty == null");
    if (tokenId <= 0) {
      throw new IllegalArgumentException("tokenId must be positive: " + tokenId);
    }
  }

  @Override
  public int compareTo(AccountKey other) {
    return ORDER.compare(this, other);
  }
}
