package io.hubd.chainsim.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubd.chainsim.ChainCallReverted;
import io.hubd.chainsim.ChainControl;
import io.hubd.chainsim.ChainClient;
import io.hubd.chainsim.DeployedSuite;
import io.hubd.chainsim.DeployedSuite.DeployedToken;
import io.hubd.chainsim.DepositoryDriver;
import io.hubd.chainsim.LocalChain;
import io.hubd.chainsim.SuiteDeployer;
import io.hubd.chainsim.SuiteSpec;
import io.hubd.contracts.AccountState;
import io.hubd.contracts.Batch;
import io.hubd.contracts.BatchCall;
import io.hubd.contracts.CollateralToReserveAuthorization;
import io.hubd.contracts.Eip712Domain;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.Erc20Calls;
import io.hubd.contracts.RevertReason;
import io.hubd.contracts.SettlementAuthorization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;

/**
 * A local Hardhat chain with the standard suite (a 6- and an 18-decimal token) and a hub whose entity id sorts
 * between its four users': two users see the hub on their right, two on their left. Every key holds ether and
 * {@link #WALLET_UNITS} of each token in its wallet; the hub also holds {@link #HUB_RESERVE_UNITS} of each in
 * reserve. Nothing is approved to the Depository. Tests isolate themselves with {@link #snapshot()} and
 * {@link #restore}. Not thread-safe.
 */
final class DepositoryFixture implements AutoCloseable {
  static final long WALLET_UNITS = 1_000_000;
  static final long HUB_RESERVE_UNITS = 10_000;
  private static final BigInteger ETHER = BigInteger.TEN.pow(21);

  private final LocalChain chain;
  private final HttpService rawRpc;
  private final Credentials owner;
  private final DeployedSuite suite;
  private final DepositoryDriver driver;
  private final List<Credentials> keys;

  private DepositoryFixture(LocalChain chain, String label) {
    this.chain = chain;
    this.rawRpc = new HttpService(chain.rpcUrl());
    this.owner = chain.account(0);
    this.suite = new SuiteDeployer(chain.client()).deploy(owner, SuiteSpec.standard());
    this.driver = new DepositoryDriver(chain.client(), suite);
    this.keys = TestKeys.sorted(label, 5);
    for (Credentials key : keys) {
      chain.control().setBalance(key.getAddress(), ETHER);
      for (DeployedToken token : suite.tokens()) {
        driver.mint(owner, token, key.getAddress(), token.units(WALLET_UNITS));
      }
    }
    for (DeployedToken token : suite.tokens()) {
      driver.deposit(hub(), token, token.units(HUB_RESERVE_UNITS));
    }
  }

  /** Starts a chain and sets it up; {@code label} seeds the keys. */
  static DepositoryFixture start(String label) {
    LocalChain chain = LocalChain.start();
    try {
      return new DepositoryFixture(chain, label);
    } catch (RuntimeException e) {
      chain.close();
      throw e;
    }
  }

  // ---------------------------------------------------------------- parties and contracts

  LocalChain chain() {
    return chain;
  }

  ChainClient client() {
    return chain.client();
  }

  DeployedSuite suite() {
    return suite;
  }

  DepositoryDriver driver() {
    return driver;
  }

  Credentials owner() {
    return owner;
  }

  Eip712Domain domain() {
    return suite.domain();
  }

  DeployedToken usd() {
    return suite.token("TUSD");
  }

  DeployedToken eth() {
    return suite.token("TETH");
  }

  Credentials hub() {
    return keys.get(2);
  }

  EntityId hubId() {
    return id(hub());
  }

  /** The first user for whom the hub is on {@code side}. */
  Credentials user(HubSide side) {
    return user(side, 0);
  }

  /** User {@code i} (0 or 1) for whom the hub is on {@code side}. */
  Credentials user(HubSide side, int i) {
    if (i < 0 || i > 1) {
      throw new IllegalArgumentException("i must be 0 or 1: " + i);
    }
    Credentials user = side == HubSide.LEFT ? keys.get(3 + i) : keys.get(i);
    assertThat(hubId().isLeftOf(id(user))).isEqualTo(side == HubSide.LEFT);
    return user;
  }

  /** The left side of the hub's account with {@code user}. */
  EntityId left(Credentials user) {
    return hubId().isLeftOf(id(user)) ? hubId() : id(user);
  }

  /** The right side of the hub's account with {@code user}. */
  EntityId right(Credentials user) {
    return hubId().isLeftOf(id(user)) ? id(user) : hubId();
  }

  /** All five keys, ascending by entity id; the hub is the middle one. */
  List<Credentials> keys() {
    return keys;
  }

  static EntityId id(Credentials key) {
    return TestKeys.id(key);
  }

  /** Calls a node method the harness has no wrapper for; fails the test on a JSON-RPC error. */
  Object rpc(String method, Object... params) {
    try {
      ChainControl.ObjectResponse response =
          new Request<>(method, List.of(params), rawRpc, ChainControl.ObjectResponse.class).send();
      assertThat(response.hasError()).as("%s error: %s", method, response.getError()).isFalse();
      return response.getResult();
    } catch (IOException e) {
      throw new UncheckedIOException(method + " failed", e);
    }
  }

  /** Makes the next block carry {@code timestamp} (seconds), so a test can stand exactly on a time boundary. */
  void setNextBlockTimestamp(long timestamp) {
    rpc("evm_setNextBlockTimestamp", timestamp);
  }

  // ---------------------------------------------------------------- isolation

  String snapshot() {
    return chain.control().snapshot();
  }

  void restore(String snapshot) {
    assertThat(chain.control().revert(snapshot)).as("reverted to snapshot " + snapshot).isTrue();
  }

  // ---------------------------------------------------------------- batches

  TransactionReceipt submit(Credentials entity, Batch batch) {
    return driver.submit(entity, batch);
  }

  /** The model batch bound to {@code entity}'s next batch nonce. */
  BatchCall nextCall(Credentials entity, Batch batch) {
    return driver.call(entity, batch);
  }

  BigInteger nextBatchNonce(Credentials entity) {
    return batchNonce(id(entity)).add(BigInteger.ONE);
  }

  TransactionReceipt submit(Credentials entity, RawBatch batch) {
    return client().send(entity, suite.depository(), batch.callData(nextBatchNonce(entity)));
  }

  /** Moves {@code amount} of the hub's reserve into its account with {@code counterparty}. */
  void fundCollateral(DeployedToken token, EntityId counterparty, BigInteger amount) {
    submit(
        hub(),
        Batch.builder()
            .reserveToCollateral(
                new Batch.ReserveToCollateral(token.tokenId(), List.of(new Batch.R2CPair(counterparty, amount))))
            .build());
  }

  /** A C2R by {@code submitter} out of its account with {@code signer}, signed by {@code signer}. */
  Batch.CollateralToReserve c2r(
      Credentials submitter, Credentials signer, DeployedToken token, BigInteger amount, BigInteger nonce) {
    CollateralToReserveAuthorization auth =
        new CollateralToReserveAuthorization(id(submitter), id(signer), token.tokenId(), amount, nonce);
    return auth.toOperation(auth.sign(domain(), signer.getEcKeyPair()));
  }

  /** A settlement by {@code submitter} of its account with {@code signer}, signed by {@code signer}. */
  Batch.Settlement settlement(
      Credentials submitter, Credentials signer, List<Batch.SettlementDiff> diffs, BigInteger nonce) {
    SettlementAuthorization auth = SettlementAuthorization.between(id(submitter), id(signer), diffs, nonce);
    return auth.toOperation(id(submitter), auth.sign(domain(), signer.getEcKeyPair()));
  }

  /** One token's settlement diff seen from the hub, oriented onto the account's sides. */
  static Batch.SettlementDiff hubDiff(
      HubSide side, DeployedToken token, BigInteger hubReserveDiff, BigInteger userReserveDiff,
      BigInteger collateralDiff, BigInteger ondeltaDiff) {
    return side == HubSide.LEFT
        ? new Batch.SettlementDiff(token.tokenId(), hubReserveDiff, userReserveDiff, collateralDiff, ondeltaDiff)
        : new Batch.SettlementDiff(token.tokenId(), userReserveDiff, hubReserveDiff, collateralDiff, ondeltaDiff);
  }

  /** Approves the Depository and moves {@code amount} of {@code holder}'s wallet into its reserve. */
  void deposit(Credentials holder, DeployedToken token, BigInteger amount) {
    driver.deposit(holder, token, amount);
  }

  void approve(Credentials holder, DeployedToken token, BigInteger amount) {
    client().send(holder, token.address(), Erc20Calls.approve(suite.depository(), amount));
  }

  /** The reason {@code entity}'s batch is rejected; see {@link #rejection(Credentials, String, String)}. */
  RevertReason rejection(Credentials entity, String callData) {
    return rejection(entity, suite.depository(), callData);
  }

  /**
   * The reason a transaction from {@code from} to {@code to} is rejected: both a call and a transaction must revert
   * with it, and nothing is mined.
   */
  RevertReason rejection(Credentials from, String to, String callData) {
    long block = client().blockNumber();
    RevertReason simulated =
        client()
            .simulate(from.getAddress(), to, callData)
            .orElseThrow(() -> new AssertionError("the transaction was expected to revert but would succeed"));
    assertThatThrownBy(() -> client().send(from, to, callData))
        .isInstanceOfSatisfying(ChainCallReverted.class, e -> assertThat(e.reason()).isEqualTo(simulated));
    assertThat(client().blockNumber()).as("blocks mined by a rejected transaction").isEqualTo(block);
    return simulated;
  }

  RevertReason rejection(Credentials entity, RawBatch batch) {
    return rejection(entity, batch.callData(nextBatchNonce(entity)));
  }

  RevertReason rejection(Credentials entity, Batch batch) {
    return rejection(entity, nextCall(entity, batch).callData());
  }

  /** A revert reason as the decoder reports it; arguments are given as name, value pairs. */
  static RevertReason reason(String name, Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("arguments come in name, value pairs");
    }
    Map<String, Object> arguments = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      Object value = namesAndValues[i + 1];
      arguments.put((String) namesAndValues[i], value instanceof EntityId e ? e.hex() : value);
    }
    return new RevertReason(name, arguments);
  }

  // ---------------------------------------------------------------- reads

  BigInteger reserve(EntityId entity, DeployedToken token) {
    return driver.reserve(entity, token.tokenId());
  }

  BigInteger reserve(Credentials entity, DeployedToken token) {
    return reserve(id(entity), token);
  }

  AccountState account(EntityId a, EntityId b, DeployedToken token) {
    return driver.account(a, b, token.tokenId());
  }

  /** The hub's account with {@code user}. */
  AccountState account(Credentials user, DeployedToken token) {
    return account(hubId(), id(user), token);
  }

  BigInteger batchNonce(EntityId entity) {
    return driver.batchNonce(entity);
  }

  BigInteger wallet(DeployedToken token, String owner) {
    return driver.walletBalance(token, owner);
  }

  BigInteger depositoryBalance(DeployedToken token) {
    return wallet(token, suite.depository());
  }

  @Override
  public void close() {
    try {
      rawRpc.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      chain.close();
    }
  }
}
