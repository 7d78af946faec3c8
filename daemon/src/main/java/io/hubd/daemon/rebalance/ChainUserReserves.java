package io.hubd.daemon.rebalance;

import io.hubd.contracts.DepositoryCalls;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.chain.Chain;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Users' reserves read from the Depository with {@code reserveOf} at the node's latest block. A recent read (younger
 * than {@code maxAge}) serves sizing new proposals, so a user without reserve is not read on every tick; a fresh read
 * is made for a settlement about to go into a batch. A node that answers wrong costs at most a batch that reverts
 * (its culprit, the settlement, is then dropped): the contract checks the reserve. Thread-safe.
 */
public final class ChainUserReserves implements UserReserves {
  private static final int MAX_REMEMBERED = 100_000;

  private final Chain chain;
  private final String depository;
  private final Clock clock;
  private final Duration maxAge;
  private final Map<AccountKey, Read> recent = new ConcurrentHashMap<>();

  private record Read(BigInteger reserve, Instant at) {}

  public ChainUserReserves(Chain chain, String depository, Clock clock, Duration maxAge) {
    this.chain = Objects.requireNonNull(chain, "chain == null");
    this.depository = Objects.requireNonNull(depository, "depository == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.maxAge = Objects.requireNonNull(maxAge, "maxAge == null");
  }

  @Override
  public BigInteger of(EntityId user, int tokenId, boolean fresh) {
    AccountKey key = new AccountKey(user, tokenId);
    Instant now = clock.instant();
    Read read = recent.get(key);
    if (!fresh && read != null && read.at().plus(maxAge).isAfter(now)) {
      return read.reserve();
    }
    BigInteger reserve = chain.view(depository, DepositoryCalls.reserveOf(user, tokenId));
    if (recent.size() >= MAX_REMEMBERED) {
      recent.clear(); // bounded memory: the reads are only a courtesy to the node
    }
    recent.put(key, new Read(reserve, now));
    return reserve;
  }
}
