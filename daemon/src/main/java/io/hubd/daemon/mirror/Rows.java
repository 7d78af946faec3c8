package io.hubd.daemon.mirror;

import io.hubd.contracts.EntityId;
import java.math.BigInteger;
import java.util.Objects;

/** The values the mirror keeps per key, each with the block of the event that set it. Immutable records. */
final class Rows {
  private Rows() {}

  /** A hub account's key: the counterparty and the token. */
  record AccountKey(EntityId counterparty, int tokenId) {
    AccountKey {
      Objects.requireNonNull(counterparty, "counterparty == null");
    }
  }

  /** An account's collateral and ondelta in one token. */
  record AccountRow(BigInteger collateral, BigInteger ondelta, long block) {
    AccountRow {
      Objects.requireNonNull(collateral, "collateral == null");
      Objects.requireNonNull(ondelta, "ondelta == null");
    }
  }

  /** One amount: a reserve balance or an account nonce. */
  record AmountRow(BigInteger value, long block) {
    AmountRow {
      Objects.requireNonNull(value, "value == null");
    }
  }

  /** A registered token's address. */
  record TokenRow(String address, long block) {
    TokenRow {
      Objects.requireNonNull(address, "address == null");
    }
  }

  /** A processed block's hash; {@code keep}: kept below the reorganisation window. */
  record BlockRow(long number, String hash, boolean keep) {
    BlockRow {
      Objects.requireNonNull(hash, "hash == null");
    }
  }

  /** An applied log's position. */
  record LogKey(long block, int logIndex) {}
}
