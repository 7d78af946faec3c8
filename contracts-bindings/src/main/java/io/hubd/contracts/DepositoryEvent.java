package io.hubd.contracts;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A decoded Depository event. Each carries the absolute post-state it reports, so applying one twice leaves the
 * same state as applying it once.
 */
public sealed interface DepositoryEvent {

  LogRef ref();

  record TokenRegistered(LogRef ref, int tokenId, String token) implements DepositoryEvent {
    public TokenRegistered {
      Objects.requireNonNull(ref, "ref == null");
      Objects.requireNonNull(token, "token == null");
    }
  }

  record ReserveUpdated(LogRef ref, EntityId entity, int tokenId, BigInteger newBalance) implements DepositoryEvent {
    public ReserveUpdated {
      Objects.requireNonNull(ref, "ref == null");
      Objects.requireNonNull(entity, "entity == null");
      Objects.requireNonNull(newBalance, "newBalance == null");
    }
  }

  record AccountUpdated(
      LogRef ref,
      EntityId left,
      EntityId right,
      int tokenId,
      BigInteger collateral,
      BigInteger ondelta,
      BigInteger nonce)
      implements DepositoryEvent {
    public AccountUpdated {
      Objects.requireNonNull(ref, "ref == null");
      Objects.requireNonNull(left, "left == null");
      Objects.requireNonNull(right, "right == null");
      Objects.requireNonNull(collateral, "collateral == null");
      Objects.requireNonNull(ondelta, "ondelta == null");
      Objects.requireNonNull(nonce, "nonce == null");
    }
  }

  record BatchProcessed(LogRef ref, EntityId entity, String batchHash, BigInteger batchNonce)
      implements DepositoryEvent {
    public BatchProcessed {
      Objects.requireNonNull(ref, "ref == null");
      Objects.requireNonNull(entity, "entity == null");
      Objects.requireNonNull(batchHash, "batchHash == null");
      Objects.requireNonNull(batchNonce, "batchNonce == null");
    }
  }
}
