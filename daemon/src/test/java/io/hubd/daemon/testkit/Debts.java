package io.hubd.daemon.testkit;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.jobs.Position;
import java.math.BigInteger;
import java.util.Optional;
import org.web3j.crypto.Credentials;

/** Users of a test chain on a chosen side of the hub, and positions in which a user owes the hub or is owed. */
public final class Debts {
  private Debts() {}

  /** One of the chain's funded accounts on the given side of the hub, from account {@code from} on. */
  public static Credentials userOnSide(TestChain chain, boolean hubLeft, int from) {
    for (int i = from; i < 20; i++) {
      Credentials c = chain.local().account(i);
      if (chain.hub().isLeftOf(EntityId.ofAddress(c.getAddress())) == hubLeft) {
        return c;
      }
    }
    throw new IllegalStateException("no account with the hub " + (hubLeft ? "left" : "right") + " of it");
  }

  /** The position of a user who owes the hub {@code amount} beyond the (empty) collateral. */
  public static Position owes(EntityId hub, EntityId user, int token, BigInteger amount) {
    return new Position(user, token, hub.isLeftOf(user) ? amount : amount.negate(), Optional.empty());
  }

  /** The position of a user the hub owes {@code amount} with nothing locked. */
  public static Position owed(EntityId hub, EntityId user, int token, BigInteger amount) {
    return new Position(user, token, hub.isLeftOf(user) ? amount.negate() : amount, Optional.empty());
  }
}
