package io.hubd.chainsim.contracts;

import io.hubd.chainsim.contracts.Ledger.Pair;
import io.hubd.contracts.Eip712Domain;
import io.hubd.contracts.DisputeState;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.generated.Depository;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.web3j.crypto.Credentials;

/**
 * Random batches for the property test: every kind of operation (dispute starts, counters and finalisations
 * included, over account states that {@link #pay} signs off-chain), submitted by any of several entities, mostly
 * valid but now and then faulty (a zero or excessive amount, an unknown token, a stale account nonce, a wrong
 * signer, a settlement that breaks conservation, an impossible counterparty or receiver, a wrong batch nonce).
 * Amounts are drawn against the ledger read before the batch, so most operations can succeed. Deterministic for
 * a given {@link Random}; not thread-safe.
 */
final class RandomBatches {
  private static final double FAULT = 0.04;
  private static final EntityId ZERO_ID = EntityId.ofBytes(new byte[32]);
  private static final String ZERO_ADDRESS = "0x" + "0".repeat(40);

  /** A batch to submit, its batch nonce, and a description for failure messages. */
  record Proposal(Credentials submitter, Depository.Batch batch, BigInteger batchNonce, String description) {}

  /** An account state both sides signed off-chain: its nonce and every token's offdelta (ids ascending). */
  private record OffchainState(BigInteger nonce, List<Depository.TokenDelta> deltas) {}

  /** Per account of two keys, the states co-signed so far, oldest first. */
  private final Map<Pair, List<OffchainState>> states = new HashMap<>();
  /** Every claim drawn, by the hash of its deltas, so that a dispute can be finalised with what it claimed. */
  private final Map<String, List<Depository.TokenDelta>> claims = new HashMap<>();

  private final Random random;
  private final List<Credentials> keys;
  private final List<EntityId> entities;
  private final List<String> wallets;
  private final Eip712Domain domain;
  private final int tokenCount;

  /**
   * @param keys the entities that submit and sign
   * @param unsignedEntities further entity ids that may receive reserve and collateral but cannot sign
   * @param wallets addresses reserve may be paid out to
   */
  RandomBatches(
      Random random, List<Credentials> keys, List<EntityId> unsignedEntities, List<String> wallets,
      Eip712Domain domain, int tokenCount) {
    this.random = random;
    this.keys = List.copyOf(keys);
    List<EntityId> all = new ArrayList<>(keys.stream().map(TestKeys::id).toList());
    all.addAll(unsignedEntities);
    this.entities = List.copyOf(all);
    this.wallets = List.copyOf(wallets);
    this.domain = domain;
    this.tokenCount = tokenCount;
  }

  /** A batch drawn against {@code ledger}, to land in block {@code block}. */
  Proposal next(Ledger ledger, long block) {
    return new Draft(ledger, pick(keys), block).build();
  }

  /**
   * A payment between two keys: a new off-chain state of their account with one token's offdelta moved, signed by
   * both, with a nonce above the account's stored one and every earlier state's. Returns its description.
   */
  String pay(Ledger ledger) {
    Credentials a = pick(keys);
    Credentials b = otherKeyThan(a);
    Pair pair = Pair.of(TestKeys.id(a), TestKeys.id(b));
    List<OffchainState> history = states.computeIfAbsent(pair, p -> new ArrayList<>());
    List<Depository.TokenDelta> deltas = history.isEmpty() ? zeroDeltas() : history.get(history.size() - 1).deltas();
    BigInteger nonce = ledger.accountNonce(pair);
    if (!history.isEmpty()) {
      nonce = nonce.max(history.get(history.size() - 1).nonce());
    }
    int token = 1 + random.nextInt(tokenCount);
    BigInteger amount = BigInteger.valueOf(random.nextInt(4_000_001) - 2_000_000);
    List<Depository.TokenDelta> next = new ArrayList<>();
    for (Depository.TokenDelta d : deltas) {
      next.add(d.tokenId.intValueExact() == token ? RawBatch.delta(token, d.offdelta.add(amount)) : d);
    }
    history.add(new OffchainState(nonce.add(BigInteger.ONE), List.copyOf(next)));
    return "payment of " + amount + " in token " + token + " on " + pair + " (state " + nonce.add(BigInteger.ONE)
        + ")";
  }

  private List<Depository.TokenDelta> zeroDeltas() {
    List<Depository.TokenDelta> out = new ArrayList<>();
    for (int t = 1; t <= tokenCount; t++) {
      out.add(RawBatch.delta(t, BigInteger.ZERO));
    }
    return out;
  }

  /**
   * One batch being drawn: the submitter, the lists, the account nonces the batch has used so far, and a rough
   * running ledger (operations are drawn in the order the contract applies them) to draw amounts against.
   */
  private final class Draft {
    private final Ledger ledger;
    private final Ledger running;
    private final Credentials submitter;
    private final EntityId self;
    private final Map<Pair, BigInteger> nonces = new HashMap<>();
    private final List<String> description = new ArrayList<>();
    private final RawBatch batch = new RawBatch();

    private final long block;

    Draft(Ledger ledger, Credentials submitter, long block) {
      this.block = block;
      this.ledger = ledger;
      this.running = ledger.copy();
      this.submitter = submitter;
      this.self = TestKeys.id(submitter);
    }

    Proposal build() {
      int[] counts = new int[9];
      for (int i = 1 + random.nextInt(5); i > 0; i--) {
        // the six kinds of money movement three times as often as each kind of dispute operation
        int draw = random.nextInt(21);
        int kind = draw < 18 ? draw / 3 : 6 + draw - 18;
        if (kind > 6 && !chance(FAULT)) {
          // counters and finalisations mostly where there is a dispute, each when its time is
          Optional<DisputeState> d = disputedPair().flatMap(ledger::dispute);
          kind = d.isEmpty() ? 6 : d.get().finalisableIn(block) ? 8 : 7;
        }
        counts[kind]++;
      }
      repeat(counts[0], this::externalToReserve);
      repeat(counts[1], this::reserveToReserve);
      repeat(counts[7], this::disputeCounter);
      repeat(counts[8], this::disputeFinalization);
      repeat(counts[2], this::collateralToReserve);
      repeat(counts[3], this::settlement);
      repeat(counts[4], this::reserveToCollateral);
      repeat(counts[6], this::disputeStart);
      repeat(counts[5], this::reserveToExternal);
      BigInteger batchNonce = ledger.batchNonce(self).add(BigInteger.ONE);
      if (chance(FAULT)) {
        batchNonce = batchNonce.add(random.nextBoolean() ? BigInteger.ONE : BigInteger.ONE.negate());
      }
      String text = "batch " + batchNonce + " by " + self + ": " + String.join(", ", description);
      return new Proposal(submitter, batch.toStruct(), batchNonce, text);
    }

    private void externalToReserve() {
      int token = token();
      BigInteger amount = amount(running.wallet(submitter.getAddress(), token));
      batch.externalToReserve(token, amount);
      move(token, amount, null, self);
      if (token >= 1 && token <= tokenCount) {
        String wallet = submitter.getAddress();
        running.setWallet(wallet, token, running.wallet(wallet, token).subtract(amount).max(BigInteger.ZERO));
      }
      description.add("E2R(token " + token + ", " + amount + ")");
    }

    private void reserveToReserve() {
      int token = token();
      EntityId receiver = chance(FAULT / 2) ? ZERO_ID : pick(entities);
      BigInteger amount = amount(running.reserve(self, token));
      batch.reserveToReserve(receiver, token, amount);
      move(token, amount, self, receiver);
      description.add("R2R(" + receiver + ", token " + token + ", " + amount + ")");
    }

    private void collateralToReserve() {
      int token = token();
      EntityId counterparty = counterparty();
      if (!isAccount(counterparty)) {
        batch.collateralToReserve(counterparty, token, BigInteger.ONE, BigInteger.ONE, new byte[65]);
        description.add("C2R(impossible counterparty " + counterparty + ")");
        return;
      }
      Pair pair = Pair.of(self, counterparty);
      BigInteger amount = amount(running.position(pair, token).collateral());
      BigInteger nonce = nonce(pair);
      Credentials signer = signer(counterparty);
      byte[] digest =
          RawDigests.collateralToReserve(domain, self, counterparty, BigInteger.valueOf(token), amount, nonce);
      batch.collateralToReserve(counterparty, token, amount, nonce, RawDigests.sign(digest, signer));
      lock(pair, token, amount.negate());
      move(token, amount, null, self);
      description.add(
          "C2R(" + counterparty + ", token " + token + ", " + amount + ", nonce " + nonce + ", signer "
              + TestKeys.id(signer) + ")");
    }

    private void settlement() {
      EntityId counterparty = counterparty();
      if (!isAccount(counterparty)) {
        batch.settlement(counterparty, List.of(), BigInteger.ONE, new byte[65]);
        description.add("settlement(impossible counterparty " + counterparty + ")");
        return;
      }
      Pair pair = Pair.of(self, counterparty);
      List<Depository.SettlementDiff> diffs = new ArrayList<>();
      for (int i = 1 + random.nextInt(2); i > 0; i--) {
        diffs.add(diff(pair, token()));
      }
      BigInteger nonce = nonce(pair);
      Credentials signer = signer(counterparty);
      byte[] digest = RawDigests.settlement(domain, pair.left(), pair.right(), diffs, nonce);
      batch.settlement(counterparty, diffs, nonce, RawDigests.sign(digest, signer));
      description.add(
          "settlement(" + counterparty + ", " + diffs.stream().map(RandomBatches::describe).toList() + ", nonce "
              + nonce + ", signer " + TestKeys.id(signer) + ")");
    }

    private void reserveToCollateral() {
      int token = token();
      int n = 1 + random.nextInt(3);
      BigInteger share = running.reserve(self, token).divide(BigInteger.valueOf(n));
      List<Depository.R2CPair> pairs = new ArrayList<>();
      List<String> text = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        EntityId counterparty = chance(FAULT / 2) ? pick(List.of(self, ZERO_ID)) : otherEntityThan(self);
        BigInteger amount = amount(share);
        pairs.add(RawBatch.pair(counterparty, amount));
        move(token, amount, self, null);
        if (!counterparty.equals(self) && !counterparty.equals(ZERO_ID)) {
          lock(Pair.of(self, counterparty), token, amount);
        }
        text.add(counterparty + ": " + amount);
      }
      batch.reserveToCollateral(token, pairs);
      description.add("R2C(token " + token + ", " + text + ")");
    }

    /** A claim on an account of the submitter: the latest state, an older one, or the on-chain state. */
    private void disputeStart() {
      EntityId counterparty = counterparty();
      if (!isAccount(counterparty) || chance(0.3)) {
        List<Depository.TokenDelta> zero = zeroDeltas();
        batch.disputeStart(claim(counterparty, BigInteger.ZERO, zero, new byte[0]));
        description.add("dispute start(" + counterparty + ", on-chain state)");
        return;
      }
      Pair pair = Pair.of(self, counterparty);
      List<OffchainState> history = states.getOrDefault(pair, List.of());
      if (history.isEmpty()) {
        batch.disputeStart(claim(counterparty, BigInteger.ZERO, zeroDeltas(), new byte[0]));
        description.add("dispute start(" + counterparty + ", on-chain state, no state signed yet)");
        return;
      }
      OffchainState state = chance(0.6) ? history.get(history.size() - 1) : pick(history);
      Credentials signer = signer(counterparty);
      byte[] digest = RawDigests.accountState(domain, pair.left(), pair.right(), state.nonce(), state.deltas());
      batch.disputeStart(claim(counterparty, state.nonce(), state.deltas(), RawDigests.sign(digest, signer)));
      description.add("dispute start(" + counterparty + ", state " + state.nonce() + " of " + history.size()
          + ", signer " + TestKeys.id(signer) + ")");
    }

    /** A newer state against a dispute of the submitter's account, signed by the other side. */
    private void disputeCounter() {
      Pair pair = disputedPair().orElse(Pair.of(self, TestKeys.id(otherKeyThan(submitter))));
      EntityId counterparty = pair.left().equals(self) ? pair.right() : pair.left();
      List<OffchainState> history = states.getOrDefault(pair, List.of());
      if (history.isEmpty()) {
        batch.disputeCounter(claim(counterparty, BigInteger.ONE, List.of(), new byte[65]));
        description.add("dispute counter(" + counterparty + ", no state to show)");
        return;
      }
      OffchainState state = chance(0.8) ? history.get(history.size() - 1) : pick(history);
      Credentials signer = signer(counterparty);
      byte[] digest = RawDigests.accountState(domain, pair.left(), pair.right(), state.nonce(), state.deltas());
      batch.disputeCounter(claim(counterparty, state.nonce(), state.deltas(), RawDigests.sign(digest, signer)));
      description.add("dispute counter(" + counterparty + ", state " + state.nonce() + ", signer "
          + TestKeys.id(signer) + ")");
    }

    /** Finalises a dispute of the submitter's account with the claimed deltas (now and then other ones). */
    private void disputeFinalization() {
      Optional<Pair> disputed = disputedPair();
      Pair pair = disputed.orElse(Pair.of(self, TestKeys.id(otherKeyThan(submitter))));
      EntityId counterparty = pair.left().equals(self) ? pair.right() : pair.left();
      List<Depository.TokenDelta> deltas =
          disputed.map(p -> claims.getOrDefault(ledger.dispute(p).orElseThrow().deltasHash(), List.of()))
              .filter(d -> !chance(FAULT))
              .orElse(List.of());
      batch.disputeFinalization(counterparty, deltas);
      description.add("dispute finalisation(" + counterparty + ", " + deltas.size() + " tokens)");
    }

    private Depository.DisputeClaim claim(
        EntityId counterparty, BigInteger nonce, List<Depository.TokenDelta> deltas, byte[] signature) {
      claims.put(org.web3j.utils.Numeric.toHexString(RawDigests.deltasHash(deltas)), deltas);
      return RawBatch.claim(counterparty, nonce, deltas, signature);
    }

    /** An account of the submitter in dispute, if any. */
    private Optional<Pair> disputedPair() {
      List<Pair> mine =
          ledger.disputes().keySet().stream().filter(p -> p.left().equals(self) || p.right().equals(self)).toList();
      return mine.isEmpty() ? Optional.empty() : Optional.of(pick(mine));
    }

    private void reserveToExternal() {
      int token = token();
      String receiver = chance(FAULT / 2) ? ZERO_ADDRESS : pick(wallets);
      BigInteger amount = amount(running.reserve(self, token));
      batch.reserveToExternal(receiver, token, amount);
      move(token, amount, self, null);
      description.add("R2E(" + receiver + ", token " + token + ", " + amount + ")");
    }

    /** A settlement diff that withdraws, deposits or transfers within what the account and reserves hold. */
    private Depository.SettlementDiff diff(Pair pair, int token) {
      BigInteger left = running.reserve(pair.left(), token);
      BigInteger right = running.reserve(pair.right(), token);
      BigInteger collateral = running.position(pair, token).collateral();
      BigInteger l;
      BigInteger r;
      switch (random.nextInt(3)) {
        case 0 -> { // collateral out to the reserves
          BigInteger out = upToOrZero(collateral);
          l = upToOrZero(out);
          r = out.subtract(l);
        }
        case 1 -> { // reserves into collateral
          l = upToOrZero(left.shiftRight(1)).negate();
          r = upToOrZero(right.shiftRight(1)).negate();
        }
        default -> { // one reserve pays the other
          BigInteger x =
              random.nextBoolean() ? upToOrZero(left.shiftRight(1)) : upToOrZero(right.shiftRight(1)).negate();
          l = x.negate();
          r = x;
        }
      }
      if (chance(FAULT)) { // the left side pays more than it holds
        l = l.subtract(left.add(BigInteger.ONE));
        r = r.add(left.add(BigInteger.ONE));
      }
      BigInteger c = l.add(r).negate();
      if (chance(FAULT)) {
        r = r.add(BigInteger.ONE); // creates value
      }
      BigInteger ondelta = random.nextBoolean() ? BigInteger.ZERO : BigInteger.valueOf(random.nextInt(2001) - 1000);
      move(token, l.negate(), pair.left(), null);
      move(token, r.negate(), pair.right(), null);
      lock(pair, token, c);
      return RawBatch.diff(token, l, r, c, ondelta);
    }

    /** Moves {@code amount} from one reserve to another in the running ledger; null stands for outside. */
    private void move(int token, BigInteger amount, EntityId from, EntityId to) {
      if (token < 1 || token > tokenCount) {
        return;
      }
      if (from != null) {
        running.setReserve(from, token, running.reserve(from, token).subtract(amount).max(BigInteger.ZERO));
      }
      if (to != null) {
        running.setReserve(to, token, running.reserve(to, token).add(amount).max(BigInteger.ZERO));
      }
    }

    /** Changes an account's collateral in the running ledger by {@code diff}, never below zero. */
    private void lock(Pair pair, int token, BigInteger diff) {
      if (token < 1 || token > tokenCount) {
        return;
      }
      Ledger.Position p = running.position(pair, token);
      running.setPosition(pair, token, new Ledger.Position(p.collateral().add(diff).max(BigInteger.ZERO), p.ondelta()));
    }

    /** The next account nonce for {@code pair} in this batch; now and then a stale one. */
    private BigInteger nonce(Pair pair) {
      BigInteger stored = nonces.getOrDefault(pair, ledger.accountNonce(pair));
      if (chance(FAULT)) {
        return stored;
      }
      BigInteger next = stored.add(BigInteger.ONE).add(BigInteger.valueOf(chance(0.1) ? random.nextInt(3) : 0));
      nonces.put(pair, next);
      return next;
    }

    /**
     * Another key, now and then the submitter itself or an entity that cannot sign; mostly one whose account with
     * the submitter is not in dispute.
     */
    private EntityId counterparty() {
      if (chance(FAULT / 2)) {
        return pick(List.of(self, ZERO_ID, entities.get(entities.size() - 1)));
      }
      EntityId other = TestKeys.id(otherKeyThan(submitter));
      for (int i = 0; i < 3 && ledger.dispute(Pair.of(self, other)).isPresent(); i++) {
        other = TestKeys.id(otherKeyThan(submitter));
      }
      return other;
    }

    private boolean isAccount(EntityId counterparty) {
      return keys.stream().anyMatch(k -> TestKeys.id(k).equals(counterparty)) && !counterparty.equals(self);
    }

    /** The counterparty's key, now and then another one. */
    private Credentials signer(EntityId counterparty) {
      Credentials right = keys.stream().filter(k -> TestKeys.id(k).equals(counterparty)).findFirst().orElseThrow();
      return chance(FAULT) ? otherKeyThan(right) : right;
    }

    private EntityId otherEntityThan(EntityId entity) {
      EntityId e;
      do {
        e = pick(entities);
      } while (e.equals(entity));
      return e;
    }
  }

  // ---------------------------------------------------------------- draws

  /** A token id, now and then one that is not registered. */
  private int token() {
    if (chance(FAULT / 2)) {
      return random.nextBoolean() ? 0 : tokenCount + 1;
    }
    return 1 + random.nextInt(tokenCount);
  }

  /** An amount up to {@code available}, usually well within it; now and then zero or more than available. */
  private BigInteger amount(BigInteger available) {
    double r = random.nextDouble();
    if (r < FAULT) {
      return BigInteger.ZERO;
    }
    if (r < 2 * FAULT) {
      return available.add(upTo(available.shiftRight(3)));
    }
    return upTo(available.divide(BigInteger.valueOf(1 + random.nextInt(4))));
  }

  /** Uniform in [1, max]; 1 when max < 1. */
  private BigInteger upTo(BigInteger max) {
    if (max.signum() <= 0) {
      return BigInteger.ONE;
    }
    return new BigInteger(max.bitLength() + 16, random).mod(max).add(BigInteger.ONE);
  }

  /** Uniform in [0, max]; 0 when max < 1. */
  private BigInteger upToOrZero(BigInteger max) {
    if (max.signum() <= 0) {
      return BigInteger.ZERO;
    }
    return new BigInteger(max.bitLength() + 16, random).mod(max.add(BigInteger.ONE));
  }

  private boolean chance(double p) {
    return random.nextDouble() < p;
  }

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  private Credentials otherKeyThan(Credentials key) {
    Credentials k;
    do {
      k = pick(keys);
    } while (k.equals(key));
    return k;
  }

  private static void repeat(int times, Runnable action) {
    for (int i = 0; i < times; i++) {
      action.run();
    }
  }

  private static String describe(Depository.SettlementDiff d) {
    return "token " + d.tokenId + " (" + d.leftReserveDiff + ", " + d.rightReserveDiff + ", " + d.collateralDiff + ", "
        + d.ondeltaDiff + ")";
  }
}
