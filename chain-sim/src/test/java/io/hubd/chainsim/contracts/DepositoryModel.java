package io.hubd.chainsim.contracts;

import io.hubd.chainsim.contracts.Ledger.Pair;
import io.hubd.chainsim.contracts.Ledger.Position;
import io.hubd.contracts.Batch;
import io.hubd.contracts.DisputeState;
import io.hubd.contracts.Eip712Domain;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.Signature;
import io.hubd.contracts.Signatures;
import io.hubd.contracts.generated.Depository;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A reference model of {@code Depository.processBatch}, written from the specification: it applies a batch to a
 * {@link Ledger} in the contract's order with the contract's checks, and names the error that reverts the batch.
 * The property test holds the chain to it. Stateless apart from the deployment it models.
 */
final class DepositoryModel {
  private static final BigInteger INT128_MAX = BigInteger.TWO.pow(127).subtract(BigInteger.ONE);
  private static final BigInteger INT128_MIN = BigInteger.TWO.pow(127).negate();
  private static final BigInteger UINT128_MAX = BigInteger.TWO.pow(128).subtract(BigInteger.ONE);

  private final Eip712Domain domain;
  private final int tokenCount;
  private final String depository;
  private final long challengePeriod;

  DepositoryModel(Eip712Domain domain, int tokenCount, String depository, long challengePeriod) {
    this.domain = Objects.requireNonNull(domain, "domain == null");
    this.tokenCount = tokenCount;
    this.depository = Objects.requireNonNull(depository, "depository == null");
    this.challengePeriod = challengePeriod;
  }

  /** Why a batch reverts: the contract error's name. */
  static final class Revert extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Revert(String name) {
      super(name, null, false, false);
    }
  }

  /**
   * Applies {@code batch}, submitted by {@code submitter} at {@code batchNonce} in block {@code block}, to
   * {@code ledger}: on success the ledger holds the post-state and the result is empty; on a revert the result is
   * the error's name and the ledger must be discarded.
   */
  Optional<String> apply(
      Ledger ledger, String submitter, Depository.Batch batch, BigInteger batchNonce, long block) {
    try {
      process(ledger, submitter, batch, batchNonce, block);
      return Optional.empty();
    } catch (Revert r) {
      return Optional.of(r.getMessage());
    }
  }

  private void process(Ledger ledger, String submitter, Depository.Batch batch, BigInteger batchNonce, long block) {
    EntityId entity = EntityId.ofAddress(submitter);
    if (!batchNonce.equals(ledger.batchNonce(entity).add(BigInteger.ONE))) {
      throw new Revert("BadBatchNonce");
    }
    ledger.setBatchNonce(entity, batchNonce);
    checkBounds(batch);
    for (Depository.ExternalToReserve op : batch.externalToReserve) {
      nonZero(op.amount);
      int tokenId = token(op.tokenId);
      BigInteger wallet = ledger.wallet(submitter, tokenId);
      if (wallet.compareTo(op.amount) < 0) {
        throw new Revert("ERC20InsufficientBalance");
      }
      ledger.setWallet(submitter, tokenId, wallet.subtract(op.amount));
      ledger.setWallet(depository, tokenId, ledger.wallet(depository, tokenId).add(op.amount));
      credit(ledger, entity, tokenId, op.amount);
    }
    for (Depository.ReserveToReserve op : batch.reserveToReserve) {
      nonZero(op.amount);
      EntityId receiver = EntityId.ofBytes(op.receiver);
      if (isZero(receiver)) {
        throw new Revert("InvalidReceiver");
      }
      int tokenId = token(op.tokenId);
      debit(ledger, entity, tokenId, op.amount);
      credit(ledger, receiver, tokenId, op.amount);
    }
    for (Depository.DisputeClaim c : batch.disputeCounters) {
      counterDispute(ledger, entity, c, block);
    }
    for (Depository.DisputeFinalization fin : batch.disputeFinalizations) {
      finaliseDispute(ledger, order(entity, EntityId.ofBytes(fin.counterparty)), fin.deltas, block);
    }
    for (Depository.CollateralToReserve op : batch.collateralToReserve) {
      collateralToReserve(ledger, entity, op);
    }
    for (Depository.Settlement s : batch.settlements) {
      settle(ledger, entity, s);
    }
    for (Depository.ReserveToCollateral op : batch.reserveToCollateral) {
      int tokenId = token(op.tokenId);
      BigInteger total = BigInteger.ZERO;
      for (Depository.R2CPair p : op.pairs) {
        nonZero(p.amount);
        total = total.add(p.amount);
        Pair pair = order(entity, EntityId.ofBytes(p.counterparty));
        requireNotFrozen(ledger, pair);
        Position before = ledger.position(pair, tokenId);
        BigInteger collateral = before.collateral().add(p.amount);
        if (collateral.compareTo(UINT128_MAX) > 0) {
          throw new Revert("AmountOverflow");
        }
        BigInteger ondelta = pair.left().equals(entity) ? before.ondelta().add(p.amount) : before.ondelta();
        ledger.setPosition(pair, tokenId, new Position(collateral, ondelta));
      }
      debit(ledger, entity, tokenId, total);
    }
    for (Depository.DisputeClaim c : batch.disputeStarts) {
      startDispute(ledger, entity, c, block);
    }
    for (Depository.ReserveToExternal op : batch.reserveToExternal) {
      nonZero(op.amount);
      if (new BigInteger(op.receiver.substring(2), 16).signum() == 0) {
        throw new Revert("InvalidReceiver");
      }
      int tokenId = token(op.tokenId);
      debit(ledger, entity, tokenId, op.amount);
      ledger.setWallet(depository, tokenId, ledger.wallet(depository, tokenId).subtract(op.amount));
      ledger.setWallet(op.receiver, tokenId, ledger.wallet(op.receiver, tokenId).add(op.amount));
    }
  }

  private void collateralToReserve(Ledger ledger, EntityId entity, Depository.CollateralToReserve op) {
    nonZero(op.amount);
    int tokenId = token(op.tokenId);
    EntityId counterparty = EntityId.ofBytes(op.counterparty);
    Pair pair = order(entity, counterparty);
    requireNotFrozen(ledger, pair);
    byte[] digest = RawDigests.collateralToReserve(domain, entity, counterparty, op.tokenId, op.amount, op.nonce);
    checkSignature(counterparty, digest, op.signature);
    advanceNonce(ledger, pair, op.nonce);
    Position before = ledger.position(pair, tokenId);
    if (before.collateral().compareTo(op.amount) < 0) {
      throw new Revert("InsufficientCollateral");
    }
    BigInteger ondelta =
        pair.left().equals(entity) ? before.ondelta().subtract(op.amount) : before.ondelta();
    ledger.setPosition(pair, tokenId, new Position(before.collateral().subtract(op.amount), ondelta));
    credit(ledger, entity, tokenId, op.amount);
  }

  private void settle(Ledger ledger, EntityId entity, Depository.Settlement s) {
    EntityId counterparty = EntityId.ofBytes(s.counterparty);
    Pair pair = order(entity, counterparty);
    requireNotFrozen(ledger, pair);
    byte[] digest = RawDigests.settlement(domain, pair.left(), pair.right(), s.diffs, s.nonce);
    checkSignature(counterparty, digest, s.signature);
    advanceNonce(ledger, pair, s.nonce);
    for (Depository.SettlementDiff d : s.diffs) {
      int tokenId = token(d.tokenId);
      for (BigInteger v : List.of(d.leftReserveDiff, d.rightReserveDiff, d.collateralDiff, d.ondeltaDiff)) {
        if (v.compareTo(INT128_MAX) > 0 || v.compareTo(INT128_MIN) < 0) {
          throw new Revert("AmountOverflow");
        }
      }
      if (d.leftReserveDiff.add(d.rightReserveDiff).add(d.collateralDiff).signum() != 0) {
        throw new Revert("ConservationBroken");
      }
      applyReserveDiff(ledger, pair.left(), tokenId, d.leftReserveDiff);
      applyReserveDiff(ledger, pair.right(), tokenId, d.rightReserveDiff);
      Position before = ledger.position(pair, tokenId);
      BigInteger collateral = before.collateral().add(d.collateralDiff);
      if (collateral.signum() < 0) {
        throw new Revert("InsufficientCollateral");
      }
      ledger.setPosition(pair, tokenId, new Position(collateral, before.ondelta().add(d.ondeltaDiff)));
    }
  }

  // ---------------------------------------------------------------- disputes

  private void startDispute(Ledger ledger, EntityId entity, Depository.DisputeClaim c, long block) {
    EntityId counterparty = EntityId.ofBytes(c.counterparty);
    Pair pair = order(entity, counterparty);
    requireNotFrozen(ledger, pair);
    String hash = hashDeltas(c.deltas);
    BigInteger nonce = ledger.accountNonce(pair);
    if (c.nonce.signum() == 0) {
      if (c.deltas.stream().anyMatch(d -> d.offdelta.signum() != 0)) {
        throw new Revert("UnsignedOffdelta");
      }
    } else {
      if (c.nonce.compareTo(nonce) <= 0) {
        throw new Revert("StaleNonce");
      }
      checkSignature(counterparty, RawDigests.accountState(domain, pair.left(), pair.right(), c.nonce, c.deltas),
          c.signature);
      nonce = c.nonce;
    }
    ledger.setDispute(pair, new DisputeState(nonce, hash, block + challengePeriod, entity));
  }

  private void counterDispute(Ledger ledger, EntityId entity, Depository.DisputeClaim c, long block) {
    EntityId counterparty = EntityId.ofBytes(c.counterparty);
    Pair pair = order(entity, counterparty);
    DisputeState d = ledger.dispute(pair).orElseThrow(() -> new Revert("NotInDispute"));
    if (block > d.finaliseAfterBlock()) {
      throw new Revert("ChallengePeriodOver");
    }
    if (c.nonce.compareTo(d.nonce()) <= 0) {
      throw new Revert("StaleNonce");
    }
    String hash = hashDeltas(c.deltas);
    checkSignature(counterparty, RawDigests.accountState(domain, pair.left(), pair.right(), c.nonce, c.deltas),
        c.signature);
    ledger.setDispute(pair, new DisputeState(c.nonce, hash, block + challengePeriod, entity));
  }

  /** The split of DESIGN.md §1: left gets clamp(delta, 0, C), right the rest; ondelta drops by left's share. */
  private void finaliseDispute(Ledger ledger, Pair pair, List<Depository.TokenDelta> deltas, long block) {
    DisputeState d = ledger.dispute(pair).orElseThrow(() -> new Revert("NotInDispute"));
    if (block <= d.finaliseAfterBlock()) {
      throw new Revert("ChallengePeriodNotOver");
    }
    if (!hashDeltas(deltas).equals(d.deltasHash())) {
      throw new Revert("DisputedStateMismatch");
    }
    ledger.endDispute(pair);
    ledger.setAccountNonce(pair, d.nonce());
    for (Depository.TokenDelta t : deltas) {
      int tokenId = t.tokenId.intValueExact();
      Position before = ledger.position(pair, tokenId);
      BigInteger delta = before.ondelta().add(t.offdelta);
      BigInteger toLeft = delta.max(BigInteger.ZERO).min(before.collateral());
      ledger.setPosition(pair, tokenId, new Position(BigInteger.ZERO, before.ondelta().subtract(toLeft)));
      credit(ledger, pair.left(), tokenId, toLeft);
      credit(ledger, pair.right(), tokenId, before.collateral().subtract(toLeft));
    }
  }

  private String hashDeltas(List<Depository.TokenDelta> deltas) {
    if (deltas.size() > Batch.MAX_STATE_TOKENS) {
      throw new Revert("BatchTooLarge");
    }
    BigInteger previous = BigInteger.ZERO;
    for (Depository.TokenDelta t : deltas) {
      token(t.tokenId);
      if (t.tokenId.compareTo(previous) <= 0) {
        throw new Revert("TokensNotAscending");
      }
      previous = t.tokenId;
      if (t.offdelta.compareTo(INT128_MAX) > 0 || t.offdelta.compareTo(INT128_MIN) < 0) {
        throw new Revert("AmountOverflow");
      }
    }
    return org.web3j.utils.Numeric.toHexString(RawDigests.deltasHash(deltas));
  }

  private static void requireNotFrozen(Ledger ledger, Pair pair) {
    if (ledger.dispute(pair).isPresent()) {
      throw new Revert("AccountFrozen");
    }
  }

  private void checkBounds(Depository.Batch batch) {
    int pairs = batch.reserveToCollateral.stream().mapToInt(r -> r.pairs.size()).sum();
    boolean tooLarge =
        batch.externalToReserve.size() > Batch.MAX_EXTERNAL_TO_RESERVE
            || batch.reserveToReserve.size() > Batch.MAX_RESERVE_TO_RESERVE
            || batch.collateralToReserve.size() > Batch.MAX_COLLATERAL_TO_RESERVE
            || batch.settlements.size() > Batch.MAX_SETTLEMENTS
            || batch.settlements.stream().anyMatch(s -> s.diffs.size() > Batch.MAX_SETTLEMENT_DIFFS)
            || pairs > Batch.MAX_R2C_PAIRS
            || batch.reserveToExternal.size() > Batch.MAX_RESERVE_TO_EXTERNAL
            || batch.disputeStarts.size() > Batch.MAX_DISPUTE_STARTS
            || batch.disputeCounters.size() > Batch.MAX_DISPUTE_COUNTERS
            || batch.disputeFinalizations.size() > Batch.MAX_DISPUTE_FINALIZATIONS;
    if (tooLarge) {
      throw new Revert("BatchTooLarge");
    }
  }

  private int token(BigInteger tokenId) {
    if (tokenId.signum() <= 0 || tokenId.compareTo(BigInteger.valueOf(tokenCount)) > 0) {
      throw new Revert("UnknownToken");
    }
    return tokenId.intValueExact();
  }

  private static void nonZero(BigInteger amount) {
    if (amount.signum() == 0) {
      throw new Revert("ZeroAmount");
    }
  }

  private static Pair order(EntityId entity, EntityId counterparty) {
    if (counterparty.equals(entity) || isZero(counterparty)) {
      throw new Revert("InvalidCounterparty");
    }
    return Pair.of(entity, counterparty);
  }

  private static boolean isZero(EntityId id) {
    return new BigInteger(1, id.toBytes()).signum() == 0;
  }

  private static void checkSignature(EntityId signer, byte[] digest, byte[] signature) {
    Optional<String> address = signer.address();
    if (address.isEmpty()) {
      throw new Revert("InvalidCounterparty");
    }
    boolean valid =
        signature.length == 65
            && Signatures.recover(digest, Signature.of(signature))
                .map(a -> a.toLowerCase(Locale.ROOT).equals(address.get().toLowerCase(Locale.ROOT)))
                .orElse(false);
    if (!valid) {
      throw new Revert("InvalidSignature");
    }
  }

  private static void advanceNonce(Ledger ledger, Pair pair, BigInteger nonce) {
    if (nonce.compareTo(ledger.accountNonce(pair)) <= 0) {
      throw new Revert("StaleNonce");
    }
    ledger.setAccountNonce(pair, nonce);
  }

  private static void applyReserveDiff(Ledger ledger, EntityId entity, int tokenId, BigInteger diff) {
    if (diff.signum() > 0) {
      credit(ledger, entity, tokenId, diff);
    } else if (diff.signum() < 0) {
      debit(ledger, entity, tokenId, diff.negate());
    }
  }

  private static void credit(Ledger ledger, EntityId entity, int tokenId, BigInteger amount) {
    ledger.setReserve(entity, tokenId, ledger.reserve(entity, tokenId).add(amount));
  }

  private static void debit(Ledger ledger, EntityId entity, int tokenId, BigInteger amount) {
    BigInteger have = ledger.reserve(entity, tokenId);
    if (have.compareTo(amount) < 0) {
      throw new Revert("InsufficientReserve");
    }
    ledger.setReserve(entity, tokenId, have.subtract(amount));
  }
}
