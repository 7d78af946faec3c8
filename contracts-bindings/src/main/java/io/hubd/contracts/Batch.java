package io.hubd.contracts;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Java model of the Depository's batch, applied by the contract in field order: external token to reserve,
 * reserve to reserve, dispute counters, dispute finalisations, collateral to reserve (C2R), settlements, reserve to
 * collateral (R2C), dispute starts, reserve to external token. Amounts are token base units. Immutable; validation
 * here catches what the contract would reject for shape (zero or negative amounts, bad token ids, list bounds,
 * unordered tokens of an account state), so that a bad batch never reaches a transaction.
 */
public record Batch(
    List<ExternalToReserve> externalToReserve,
    List<ReserveToReserve> reserveToReserve,
    List<DisputeClaim> disputeCounters,
    List<DisputeFinalization> disputeFinalizations,
    List<CollateralToReserve> collateralToReserve,
    List<Settlement> settlements,
    List<ReserveToCollateral> reserveToCollateral,
    List<DisputeClaim> disputeStarts,
    List<ReserveToExternal> reserveToExternal) {

  public static final int MAX_EXTERNAL_TO_RESERVE = 16;
  public static final int MAX_RESERVE_TO_RESERVE = 256;
  public static final int MAX_COLLATERAL_TO_RESERVE = 256;
  public static final int MAX_SETTLEMENTS = 64;
  public static final int MAX_SETTLEMENT_DIFFS = 16;
  public static final int MAX_R2C_PAIRS = 256;
  public static final int MAX_RESERVE_TO_EXTERNAL = 256;
  public static final int MAX_DISPUTE_STARTS = 16;
  public static final int MAX_DISPUTE_COUNTERS = 16;
  public static final int MAX_DISPUTE_FINALIZATIONS = 16;
  /** Tokens in one account state, and so in one dispute. */
  public static final int MAX_STATE_TOKENS = 16;

  public static final Batch EMPTY = builder().build();

  public Batch {
    externalToReserve = bounded(externalToReserve, MAX_EXTERNAL_TO_RESERVE, "externalToReserve");
    reserveToReserve = bounded(reserveToReserve, MAX_RESERVE_TO_RESERVE, "reserveToReserve");
    disputeCounters = bounded(disputeCounters, MAX_DISPUTE_COUNTERS, "disputeCounters");
    disputeFinalizations = bounded(disputeFinalizations, MAX_DISPUTE_FINALIZATIONS, "disputeFinalizations");
    disputeStarts = bounded(disputeStarts, MAX_DISPUTE_STARTS, "disputeStarts");
    collateralToReserve = bounded(collateralToReserve, MAX_COLLATERAL_TO_RESERVE, "collateralToReserve");
    settlements = bounded(settlements, MAX_SETTLEMENTS, "settlements");
    reserveToCollateral = List.copyOf(Objects.requireNonNull(reserveToCollateral, "reserveToCollateral == null"));
    reserveToExternal = bounded(reserveToExternal, MAX_RESERVE_TO_EXTERNAL, "reserveToExternal");
    int pairs = reserveToCollateral.stream().mapToInt(r -> r.pairs().size()).sum();
    if (pairs > MAX_R2C_PAIRS) {
      throw new IllegalArgumentException("a batch holds at most " + MAX_R2C_PAIRS + " R2C pairs, got " + pairs);
    }
  }

  /** A batch without dispute operations. */
  public Batch(
      List<ExternalToReserve> externalToReserve,
      List<ReserveToReserve> reserveToReserve,
      List<CollateralToReserve> collateralToReserve,
      List<Settlement> settlements,
      List<ReserveToCollateral> reserveToCollateral,
      List<ReserveToExternal> reserveToExternal) {
    this(externalToReserve, reserveToReserve, List.of(), List.of(), collateralToReserve, settlements,
        reserveToCollateral, List.of(), reserveToExternal);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Number of operations, counting each R2C pair, each settlement and each dispute operation once. */
  public int operationCount() {
    return externalToReserve.size()
        + reserveToReserve.size()
        + disputeCounters.size()
        + disputeFinalizations.size()
        + disputeStarts.size()
        + collateralToReserve.size()
        + settlements.size()
        + reserveToCollateral.stream().mapToInt(r -> r.pairs().size()).sum()
        + reserveToExternal.size();
  }

  public boolean isEmpty() {
    return operationCount() == 0;
  }

  private static <T> List<T> bounded(List<T> list, int max, String name) {
    Objects.requireNonNull(list, name + " == null");
    if (list.size() > max) {
      throw new IllegalArgumentException(name + " holds at most " + max + " entries, got " + list.size());
    }
    return List.copyOf(list);
  }

  static BigInteger positive(BigInteger amount, String name) {
    Objects.requireNonNull(amount, name + " == null");
    if (amount.signum() <= 0) {
      throw new IllegalArgumentException(name + " must be positive: " + amount);
    }
    if (amount.bitLength() > 127) {
      // the contract keeps collateral in uint128 and ondelta in int128; larger amounts cannot settle
      throw new IllegalArgumentException(name + " must be below 2^127: " + amount);
    }
    return amount;
  }

  static EntityId nonZero(EntityId entity, String name) {
    Objects.requireNonNull(entity, name + " == null");
    if (entity.equals(ZERO_ENTITY)) {
      throw new IllegalArgumentException(name + " must not be the zero entity");
    }
    return entity;
  }

  private static final EntityId ZERO_ENTITY = new EntityId("0".repeat(64));

  static int checkTokenId(int tokenId) {
    if (tokenId <= 0) {
      throw new IllegalArgumentException("tokenId must be positive: " + tokenId);
    }
    return tokenId;
  }

  /** Pulls {@code amount} from the submitter's wallet (ERC20 allowance needed) into its reserve. */
  public record ExternalToReserve(int tokenId, BigInteger amount) {
    public ExternalToReserve {
      checkTokenId(tokenId);
      positive(amount, "amount");
    }
  }

  public record ReserveToReserve(EntityId receiver, int tokenId, BigInteger amount) {
    public ReserveToReserve {
      nonZero(receiver, "receiver");
      checkTokenId(tokenId);
      positive(amount, "amount");
    }
  }

  /** Withdraws collateral of the account (submitter, counterparty) into the submitter's reserve. */
  public record CollateralToReserve(
      EntityId counterparty, int tokenId, BigInteger amount, BigInteger nonce, Signature signature) {
    public CollateralToReserve {
      nonZero(counterparty, "counterparty");
      checkTokenId(tokenId);
      positive(amount, "amount");
      positive(nonce, "nonce");
      Objects.requireNonNull(signature, "signature == null");
    }
  }

  /** One token's part of a settlement; {@code leftReserveDiff + rightReserveDiff + collateralDiff} must be 0. */
  public record SettlementDiff(
      int tokenId,
      BigInteger leftReserveDiff,
      BigInteger rightReserveDiff,
      BigInteger collateralDiff,
      BigInteger ondeltaDiff) {
    public SettlementDiff {
      checkTokenId(tokenId);
      Objects.requireNonNull(leftReserveDiff, "leftReserveDiff == null");
      Objects.requireNonNull(rightReserveDiff, "rightReserveDiff == null");
      Objects.requireNonNull(collateralDiff, "collateralDiff == null");
      Objects.requireNonNull(ondeltaDiff, "ondeltaDiff == null");
      for (BigInteger d : List.of(leftReserveDiff, rightReserveDiff, collateralDiff, ondeltaDiff)) {
        if (d.bitLength() > 127) {
          throw new IllegalArgumentException("a settlement diff fits in int128: " + d);
        }
      }
      if (leftReserveDiff.add(rightReserveDiff).add(collateralDiff).signum() != 0) {
        throw new IllegalArgumentException(
            "settlement of token " + tokenId + " does not conserve value: reserves and collateral sum to "
                + leftReserveDiff.add(rightReserveDiff).add(collateralDiff));
      }
    }
  }

  public record Settlement(EntityId counterparty, List<SettlementDiff> diffs, BigInteger nonce, Signature signature) {
    public Settlement {
      nonZero(counterparty, "counterparty");
      diffs = bounded(diffs, MAX_SETTLEMENT_DIFFS, "diffs");
      positive(nonce, "nonce");
      Objects.requireNonNull(signature, "signature == null");
    }
  }

  public record R2CPair(EntityId counterparty, BigInteger amount) {
    public R2CPair {
      nonZero(counterparty, "counterparty");
      positive(amount, "amount");
    }
  }

  /** Moves submitter reserve of one token into many accounts' collateral, credited to the submitter's side. */
  public record ReserveToCollateral(int tokenId, List<R2CPair> pairs) {
    public ReserveToCollateral {
      checkTokenId(tokenId);
      pairs = List.copyOf(Objects.requireNonNull(pairs, "pairs == null"));
    }

    public BigInteger total() {
      return pairs.stream().map(R2CPair::amount).reduce(BigInteger.ZERO, BigInteger::add);
    }
  }

  public record ReserveToExternal(String receiver, int tokenId, BigInteger amount) {
    public ReserveToExternal {
      Objects.requireNonNull(receiver, "receiver == null");
      EntityId.ofAddress(receiver); // validates the shape
      checkTokenId(tokenId);
      positive(amount, "amount");
    }
  }

  /** One token's offdelta in an account state; it fits in int128. */
  public record TokenDelta(int tokenId, BigInteger offdelta) {
    public TokenDelta {
      checkTokenId(tokenId);
      Objects.requireNonNull(offdelta, "offdelta == null");
      if (offdelta.bitLength() > 127) {
        throw new IllegalArgumentException("an offdelta fits in int128: " + offdelta);
      }
    }
  }

  /** Token deltas of one account state: at most {@link #MAX_STATE_TOKENS}, token ids strictly ascending. */
  static List<TokenDelta> stateDeltas(List<TokenDelta> deltas) {
    List<TokenDelta> copy = bounded(deltas, MAX_STATE_TOKENS, "deltas");
    for (int i = 1; i < copy.size(); i++) {
      if (copy.get(i).tokenId() <= copy.get(i - 1).tokenId()) {
        throw new IllegalArgumentException("token ids of an account state must ascend: " + copy);
      }
    }
    return copy;
  }

  /**
   * A dispute claim on the account (submitter, counterparty), to start a dispute or counter one: an account state
   * signed by the counterparty, or (starts only) {@link #onChainState} without a signature.
   */
  public record DisputeClaim(
      EntityId counterparty, BigInteger nonce, List<TokenDelta> deltas, Optional<Signature> signature) {
    public DisputeClaim {
      nonZero(counterparty, "counterparty");
      Objects.requireNonNull(nonce, "nonce == null");
      deltas = stateDeltas(deltas);
      Objects.requireNonNull(signature, "signature == null");
      if (nonce.signum() == 0) {
        if (signature.isPresent() || deltas.stream().anyMatch(d -> d.offdelta().signum() != 0)) {
          throw new IllegalArgumentException("a claim of nonce 0 is unsigned and has no offdelta");
        }
      } else {
        positive(nonce, "nonce");
        if (signature.isEmpty()) {
          throw new IllegalArgumentException("a claim of nonce " + nonce + " needs the counterparty's signature");
        }
      }
    }

    /** "The on-chain state of these tokens is final": a dispute start without an off-chain state. */
    public static DisputeClaim onChainState(EntityId counterparty, List<Integer> tokenIds) {
      return new DisputeClaim(
          counterparty, BigInteger.ZERO,
          tokenIds.stream().sorted().map(id -> new TokenDelta(id, BigInteger.ZERO)).toList(), Optional.empty());
    }
  }

  /** Finalises the dispute of the account (submitter, counterparty); {@code deltas} are the claimed ones. */
  public record DisputeFinalization(EntityId counterparty, List<TokenDelta> deltas) {
    public DisputeFinalization {
      nonZero(counterparty, "counterparty");
      deltas = stateDeltas(deltas);
    }
  }

  /** Collects operations; {@link #build()} validates them all at once. Not thread-safe. */
  public static final class Builder {
    private final List<ExternalToReserve> externalToReserve = new java.util.ArrayList<>();
    private final List<ReserveToReserve> reserveToReserve = new java.util.ArrayList<>();
    private final List<CollateralToReserve> collateralToReserve = new java.util.ArrayList<>();
    private final List<Settlement> settlements = new java.util.ArrayList<>();
    private final List<ReserveToCollateral> reserveToCollateral = new java.util.ArrayList<>();
    private final List<ReserveToExternal> reserveToExternal = new java.util.ArrayList<>();
    private final List<DisputeClaim> disputeCounters = new java.util.ArrayList<>();
    private final List<DisputeFinalization> disputeFinalizations = new java.util.ArrayList<>();
    private final List<DisputeClaim> disputeStarts = new java.util.ArrayList<>();

    public Builder disputeCounter(DisputeClaim op) {
      disputeCounters.add(op);
      return this;
    }

    public Builder disputeFinalization(DisputeFinalization op) {
      disputeFinalizations.add(op);
      return this;
    }

    public Builder disputeStart(DisputeClaim op) {
      disputeStarts.add(op);
      return this;
    }

    public Builder externalToReserve(ExternalToReserve op) {
      externalToReserve.add(op);
      return this;
    }

    public Builder reserveToReserve(ReserveToReserve op) {
      reserveToReserve.add(op);
      return this;
    }

    public Builder collateralToReserve(CollateralToReserve op) {
      collateralToReserve.add(op);
      return this;
    }

    public Builder settlement(Settlement op) {
      settlements.add(op);
      return this;
    }

    public Builder reserveToCollateral(ReserveToCollateral op) {
      reserveToCollateral.add(op);
      return this;
    }

    public Builder reserveToExternal(ReserveToExternal op) {
      reserveToExternal.add(op);
      return this;
    }

    public Batch build() {
      return new Batch(
          externalToReserve, reserveToReserve, disputeCounters, disputeFinalizations, collateralToReserve,
          settlements, reserveToCollateral, disputeStarts, reserveToExternal);
    }
  }
}
