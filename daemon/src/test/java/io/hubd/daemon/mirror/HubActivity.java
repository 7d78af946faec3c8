package io.hubd.daemon.mirror;

import io.hubd.chainsim.DeployedSuite;
import io.hubd.chainsim.DepositoryDriver;
import io.hubd.contracts.AccountState;
import io.hubd.contracts.Batch;
import io.hubd.contracts.BatchCall;
import io.hubd.contracts.CollateralToReserveAuthorization;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.Erc20Calls;
import io.hubd.contracts.SettlementAuthorization;
import io.hubd.daemon.testkit.TestChain;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Random Depository activity around the hub on a real chain, one batch per block: R2C (the hub's and a user's), C2R
 * signed by the other side, settlements, reserve transfers both ways, deposits and withdrawals, and users' batches
 * that do not concern the hub. Users are EOAs sorting on both sides of the hub, plus two contract-less ids for R2C.
 * Remembers the hub's batches. Not thread-safe.
 */
final class HubActivity {
  /** A batch the hub submitted. */
  record HubBatch(long batchNonce, String batchHash, String transactionHash, long block) {}

  private final TestChain chain;
  private final DepositoryDriver driver;
  private final DeployedSuite suite;
  private final Random random;
  private final Credentials hubKey;
  private final EntityId hub;
  private final List<Credentials> users = new ArrayList<>();
  private final List<EntityId> ids = new ArrayList<>();
  private final Map<Long, HubBatch> hubBatches = new TreeMap<>();
  private final List<String> journal = new ArrayList<>();

  HubActivity(TestChain chain, long seed) {
    this.chain = chain;
    this.driver = chain.driver();
    this.suite = chain.suite();
    this.random = new Random(seed);
    this.hubKey = chain.hubKey();
    this.hub = chain.hub();
    for (int i = 2; i < 8; i++) {
      users.add(chain.local().account(i));
    }
    ids.add(EntityId.of("0x" + "0".repeat(63) + "1"));
    ids.add(EntityId.of("0x" + "f".repeat(64)));
  }

  /** Funds the hub's reserves and the users' reserves and wallets in every token. */
  HubActivity fund() {
    chain.fundHubReserve("TUSD", 1_000_000);
    chain.fundHubReserve("TETH", 100_000); // enough for any draw of the random batches (up to 400 TETH each)
    for (Credentials user : users.subList(0, 4)) {
      for (DeployedSuite.DeployedToken token : suite.tokens()) {
        driver.mint(chain.local().account(0), token, user.getAddress(), token.units(1_000));
        driver.deposit(user, token, token.units(500));
      }
    }
    return this;
  }

  List<EntityId> counterparties() {
    List<EntityId> out = new ArrayList<>(ids);
    users.forEach(u -> out.add(id(u)));
    return out;
  }

  /** Some users sort below the hub and some above: both sides of an account get exercised. */
  boolean usersOnBothSides() {
    return users.stream().anyMatch(u -> id(u).isLeftOf(hub)) && users.stream().anyMatch(u -> hub.isLeftOf(id(u)));
  }

  Map<Long, HubBatch> hubBatches() {
    return hubBatches;
  }

  List<String> journal() {
    return journal;
  }

  /** Every kind of operation once, after an R2C into every counterparty's account in every token. */
  void everyKindOnce() {
    for (DeployedSuite.DeployedToken token : suite.tokens()) {
      List<Batch.R2CPair> pairs = new ArrayList<>();
      counterparties().forEach(c -> pairs.add(new Batch.R2CPair(c, amount(token.tokenId()))));
      submitByHub("R2C to all", Batch.builder().reserveToCollateral(new Batch.ReserveToCollateral(token.tokenId(), pairs)));
    }
    hubC2rWithR2c();
    settle();
    hubToUserReserve();
    userToHubReserve();
    deposit();
    withdraw();
    userR2cWithHub();
    userC2rSignedByHub();
  }

  /** An R2C into the account with an id the hub has never dealt with; returns that id. */
  EntityId r2cToNewcomer() {
    EntityId newcomer = EntityId.of("0x" + Long.toHexString(random.nextLong() | 1L << 62) + "0".repeat(48));
    int tokenId = tokenId();
    submitByHub("R2C to newcomer", Batch.builder().reserveToCollateral(new Batch.ReserveToCollateral(tokenId,
        List.of(new Batch.R2CPair(newcomer, amount(tokenId))))));
    return newcomer;
  }

  /** Forgets the hub's batches mined above {@code block} (their blocks were reverted). */
  void forgetAfter(long block) {
    hubBatches.values().removeIf(b -> b.block() > block);
    journal.add("reverted to block " + block);
  }

  /** Runs {@code count} random operations, one batch (one block) each. */
  void randomBatches(int count) {
    for (int i = 0; i < count; i++) {
      switch (random.nextInt(9)) {
        case 0 -> hubR2c();
        case 1 -> hubC2rWithR2c();
        case 2 -> settle();
        case 3 -> hubToUserReserve();
        case 4 -> userToHubReserve();
        case 5 -> deposit();
        case 6 -> withdraw();
        case 7 -> userR2cWithHub();
        default -> userC2rSignedByHub();
      }
    }
  }

  /** The hub's R2C to a few counterparties. */
  void hubR2c() {
    int tokenId = tokenId();
    List<Batch.R2CPair> pairs = new ArrayList<>();
    for (EntityId counterparty : pick(counterparties(), 1 + random.nextInt(4))) {
      pairs.add(new Batch.R2CPair(counterparty, amount(tokenId)));
    }
    submitByHub("R2C " + pairs.size(), Batch.builder().reserveToCollateral(new Batch.ReserveToCollateral(tokenId, pairs)));
  }

  /** C2R from one user's account (signed by the user), netted into R2C for another counterparty. */
  void hubC2rWithR2c() {
    Optional<Funded> funded = fundedAccount();
    if (funded.isEmpty()) {
      hubR2c();
      return;
    }
    int tokenId = funded.get().tokenId();
    Credentials user = funded.get().user();
    AccountState account = funded.get().account();
    BigInteger amount = upTo(account.collateral());
    CollateralToReserveAuthorization auth =
        new CollateralToReserveAuthorization(hub, id(user), tokenId, amount, account.nonce().add(BigInteger.ONE));
    Batch.Builder batch = Batch.builder()
        .collateralToReserve(auth.toOperation(auth.sign(suite.domain(), user.getEcKeyPair())))
        .reserveToCollateral(new Batch.ReserveToCollateral(tokenId, List.of(
            new Batch.R2CPair(pick(ids, 1).get(0), amount))));
    submitByHub("C2R " + amount + " + R2C", batch);
  }

  /** A settlement with a user: collateral out to both reserves, ondelta moved; signed by the user. */
  void settle() {
    Optional<Funded> funded = fundedAccount();
    if (funded.isEmpty()) {
      hubR2c();
      return;
    }
    int tokenId = funded.get().tokenId();
    Credentials user = funded.get().user();
    AccountState account = funded.get().account();
    BigInteger out = upTo(account.collateral());
    BigInteger toHub = random.nextBoolean() ? out : upTo(out);
    BigInteger toUser = out.subtract(toHub);
    BigInteger ondelta = BigInteger.valueOf(random.nextInt(2001) - 1000);
    boolean hubLeft = hub.isLeftOf(id(user));
    Batch.SettlementDiff diff = new Batch.SettlementDiff(
        tokenId, hubLeft ? toHub : toUser, hubLeft ? toUser : toHub, out.negate(), ondelta);
    SettlementAuthorization auth =
        SettlementAuthorization.between(hub, id(user), List.of(diff), account.nonce().add(BigInteger.ONE));
    submitByHub("settle " + out, Batch.builder()
        .settlement(auth.toOperation(hub, auth.sign(suite.domain(), user.getEcKeyPair()))));
  }

  void hubToUserReserve() {
    int tokenId = tokenId();
    submitByHub("reserve to user", Batch.builder()
        .reserveToReserve(new Batch.ReserveToReserve(id(pick(users, 1).get(0)), tokenId, amount(tokenId))));
  }

  void userToHubReserve() {
    int tokenId = tokenId();
    Credentials user = pick(users.subList(0, 4), 1).get(0);
    BigInteger reserve = driver.reserve(id(user), tokenId);
    if (reserve.signum() == 0) {
      hubToUserReserve();
      return;
    }
    submit(user, "user reserve to hub", Batch.builder()
        .reserveToReserve(new Batch.ReserveToReserve(hub, tokenId, upTo(reserve))));
  }

  void deposit() {
    DeployedSuite.DeployedToken token = suite.token(tokenId());
    BigInteger amount = amount(token.tokenId());
    driver.mint(chain.local().account(0), token, hubKey.getAddress(), amount);
    chain.local().client().send(hubKey, token.address(), Erc20Calls.approve(suite.depository(), amount));
    submitByHub("deposit", Batch.builder().externalToReserve(new Batch.ExternalToReserve(token.tokenId(), amount)));
  }

  void withdraw() {
    int tokenId = tokenId();
    submitByHub("withdraw", Batch.builder()
        .reserveToExternal(new Batch.ReserveToExternal(pick(users, 1).get(0).getAddress(), tokenId, amount(tokenId))));
  }

  /** A user moves its own reserve into its account with the hub (from the user's side). */
  void userR2cWithHub() {
    int tokenId = tokenId();
    Credentials user = pick(users.subList(0, 4), 1).get(0);
    BigInteger reserve = driver.reserve(id(user), tokenId);
    if (reserve.compareTo(BigInteger.TWO) < 0) {
      hubR2c();
      return;
    }
    Credentials other = users.get(4 + random.nextInt(2));
    submit(user, "user R2C with hub and another user", Batch.builder()
        .reserveToCollateral(new Batch.ReserveToCollateral(tokenId, List.of(
            new Batch.R2CPair(hub, upTo(reserve.divide(BigInteger.TWO))),
            new Batch.R2CPair(id(other), BigInteger.ONE)))));
  }

  /** A user withdraws collateral of its account with the hub into its own reserve, with the hub's signature. */
  void userC2rSignedByHub() {
    Optional<Funded> funded = fundedAccount();
    if (funded.isEmpty()) {
      hubR2c();
      return;
    }
    int tokenId = funded.get().tokenId();
    Credentials user = funded.get().user();
    AccountState account = funded.get().account();
    CollateralToReserveAuthorization auth = new CollateralToReserveAuthorization(
        id(user), hub, tokenId, upTo(account.collateral()), account.nonce().add(BigInteger.ONE));
    submit(user, "user C2R signed by hub", Batch.builder()
        .collateralToReserve(auth.toOperation(auth.sign(suite.domain(), hubKey.getEcKeyPair()))));
  }

  /** A batch by the hub: remembered with its nonce, hash and transaction. */
  TransactionReceipt submitByHub(String what, Batch.Builder builder) {
    BatchCall call = driver.call(hubKey, builder.build());
    TransactionReceipt receipt = chain.local().client().send(hubKey, suite.depository(), call.callData());
    long nonce = call.batchNonce().longValueExact();
    hubBatches.put(nonce, new HubBatch(nonce, call.batchHash(), receipt.getTransactionHash(),
        receipt.getBlockNumber().longValueExact()));
    journal.add("hub " + what + " (batch " + nonce + ", block " + receipt.getBlockNumber() + ")");
    return receipt;
  }

  private void submit(Credentials user, String what, Batch.Builder builder) {
    TransactionReceipt receipt = driver.submit(user, builder.build());
    journal.add(what + " (block " + receipt.getBlockNumber() + ")");
  }

  /** A user's account with the hub holding collateral. */
  private record Funded(int tokenId, Credentials user, AccountState account) {}

  /** A random token and a random user whose account with the hub holds collateral in it, if any. */
  private Optional<Funded> fundedAccount() {
    int tokenId = tokenId();
    List<Funded> funded = new ArrayList<>();
    for (Credentials user : users) {
      AccountState account = driver.account(hub, id(user), tokenId);
      if (account.collateral().signum() > 0) {
        funded.add(new Funded(tokenId, user, account));
      }
    }
    return funded.isEmpty() ? Optional.empty() : Optional.of(funded.get(random.nextInt(funded.size())));
  }

  private int tokenId() {
    return suite.tokens().get(random.nextInt(suite.tokens().size())).tokenId();
  }

  /** A random amount of up to 100 whole tokens. */
  private BigInteger amount(int tokenId) {
    return upTo(suite.token(tokenId).units(100));
  }

  private BigInteger upTo(BigInteger max) {
    if (max.signum() <= 0) {
      throw new IllegalArgumentException("max must be positive: " + max);
    }
    BigInteger value;
    do {
      value = new BigInteger(max.bitLength(), random);
    } while (value.signum() == 0 || value.compareTo(max) > 0);
    return value;
  }

  private <T> List<T> pick(List<T> from, int count) {
    List<T> copy = new ArrayList<>(from);
    Collections.shuffle(copy, random);
    return copy.subList(0, Math.min(count, copy.size()));
  }

  static EntityId id(Credentials key) {
    return EntityId.ofAddress(key.getAddress());
  }
}
