package io.hubd.chainsim.contracts;

import io.hubd.chainsim.contracts.Ledger.Pair;
import io.hubd.contracts.Eip712Domain;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.generated.Depository;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.web3j.crypto.Credentials;

/**
 * Random batches for the property test: every kind of operation, submitted by any of several entities, mostly
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

  Proposal next(Ledger ledger) {
    return new Draft(ledger, pick(keys)).build();
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

    Draft(Ledger ledger, Credentials submitter) {
      this.ledger = ledger;
      this.running = ledger.copy();
      this.submitter = submitter;
      this.self = TestKeys.id(submitter);
    }

    Proposal build() {
      int[] counts = new int[6];
      for (int i = 1 + random.nextInt(5); i > 0; i--) {
        counts[random.nextInt(counts.length)]++;
      }
      repeat(counts[0], this::externalToReserve);
      repeat(counts[1], this::reserveToReserve);
      repeat(counts[2], this::collateralToReserve);
      repeat(counts[3], this::settlement);
      repeat(counts[4], this::reserveToCollateral);
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

    /** Another key, now and then the submitter itself or an entity that cannot sign. */
    private EntityId counterparty() {
      if (chance(FAULT / 2)) {
        return pick(List.of(self, ZERO_ID, entities.get(entities.size() - 1)));
      }
      return TestKeys.id(otherKeyThan(submitter));
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
