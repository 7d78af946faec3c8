package io.hubd.daemon.mirror;

import io.hubd.contracts.Batch;
import io.hubd.contracts.EntityId;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

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

  /**
   * One dispute event of the hub's account with {@code counterparty}: a claim ({@code STARTED}, {@code COUNTERED};
   * {@code claimant}, {@code finaliseAfterBlock} and {@code deltas} present) or its end ({@code FINALISED}, with the
   * account nonce it set).
   */
  record DisputeRow(
      long block, int logIndex, EntityId counterparty, DisputeKind kind, Optional<EntityId> claimant,
      BigInteger nonce, OptionalLong finaliseAfterBlock, List<Batch.TokenDelta> deltas, String transactionHash) {
    DisputeRow {
      Objects.requireNonNull(counterparty, "counterparty == null");
      Objects.requireNonNull(kind, "kind == null");
      Objects.requireNonNull(claimant, "claimant == null");
      Objects.requireNonNull(nonce, "nonce == null");
      Objects.requireNonNull(finaliseAfterBlock, "finaliseAfterBlock == null");
      deltas = List.copyOf(deltas);
      Objects.requireNonNull(transactionHash, "transactionHash == null");
      if ((kind == DisputeKind.FINALISED) == claimant.isPresent()
          || claimant.isPresent() != finaliseAfterBlock.isPresent()) {
        throw new IllegalArgumentException("a claim has a claimant and a finalisation block, a finalisation neither");
      }
    }
  }

  /** What a dispute event did. */
  enum DisputeKind {
    STARTED,
    COUNTERED,
    FINALISED
  }
}
