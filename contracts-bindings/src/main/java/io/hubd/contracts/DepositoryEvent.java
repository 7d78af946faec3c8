package io.hubd.contracts;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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

  /**
   * One R2C group of {@code entity} in {@code tokenId}: each funded account's absolute collateral and ondelta after
   * the group (the account nonce is unchanged by R2C and not carried). One log, several accounts.
   */
  record AccountsFunded(LogRef ref, EntityId entity, int tokenId, List<FundedAccount> accounts)
      implements DepositoryEvent {
    public AccountsFunded {
      Objects.requireNonNull(ref, "ref == null");
      Objects.requireNonNull(entity, "entity == null");
      accounts = List.copyOf(Objects.requireNonNull(accounts, "accounts == null"));
    }

    /**
     * The part of this group that concerns {@code party}: all of it when {@code party} funded it, else the accounts
     * with {@code party} as counterparty; empty when none does.
     */
    public Optional<AccountsFunded> concerning(EntityId party) {
      if (entity.equals(party)) {
        return Optional.of(this);
      }
      List<FundedAccount> mine = accounts.stream().filter(a -> a.counterparty().equals(party)).toList();
      return mine.isEmpty() ? Optional.empty() : Optional.of(new AccountsFunded(ref, entity, tokenId, mine));
    }
  }

  /** An account (funder, counterparty) after an R2C: its collateral and ondelta (from the left side). */
  record FundedAccount(EntityId counterparty, BigInteger collateral, BigInteger ondelta) {
    public FundedAccount {
      Objects.requireNonNull(counterparty, "counterparty == null");
      Objects.requireNonNull(collateral, "collateral == null");
      Objects.requireNonNull(ondelta, "ondelta == null");
    }
  }

  /**
   * A dispute claim: a dispute started ({@code DisputeStarted}) or a newer state replacing the claim
   * ({@code DisputeCountered}), made by {@code claimant}; the dispute can be finalised after block
   * {@code finaliseAfterBlock}, with {@code deltas}.
   */
  record DisputeClaimed(
      LogRef ref, Kind kind, EntityId left, EntityId right, EntityId claimant, BigInteger nonce,
      long finaliseAfterBlock, List<Batch.TokenDelta> deltas)
      implements DepositoryEvent {
    /** Which event made the claim. */
    public enum Kind {
      STARTED,
      COUNTERED
    }

    public DisputeClaimed {
      Objects.requireNonNull(ref, "ref == null");
      Objects.requireNonNull(kind, "kind == null");
      Objects.requireNonNull(left, "left == null");
      Objects.requireNonNull(right, "right == null");
      Objects.requireNonNull(claimant, "claimant == null");
      Objects.requireNonNull(nonce, "nonce == null");
      deltas = List.copyOf(deltas);
    }
  }

  /** A dispute ended; the split's AccountUpdated and ReserveUpdated events come before this one. */
  record DisputeFinalised(LogRef ref, EntityId left, EntityId right, BigInteger nonce) implements DepositoryEvent {
    public DisputeFinalised {
      Objects.requireNonNull(ref, "ref == null");
      Objects.requireNonNull(left, "left == null");
      Objects.requireNonNull(right, "right == null");
      Objects.requireNonNull(nonce, "nonce == null");
    }
  }

  /** Credit beyond the collateral when a dispute ended: {@code debtor} owes {@code creditor}; not collectable. */
  record UncollectableCredit(LogRef ref, EntityId debtor, EntityId creditor, int tokenId, BigInteger amount)
      implements DepositoryEvent {
    public UncollectableCredit {
      Objects.requireNonNull(ref, "ref == null");
      Objects.requireNonNull(debtor, "debtor == null");
      Objects.requireNonNull(creditor, "creditor == null");
      Objects.requireNonNull(amount, "amount == null");
    }
  }
}
