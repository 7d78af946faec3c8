package io.hubd.daemon.watch;

import io.hubd.chainsim.DeployedSuite;
import io.hubd.chainsim.DepositoryDriver;
import io.hubd.chainsim.sim.HubdClient;
import io.hubd.contracts.AccountState;
import io.hubd.contracts.AccountStateAuthorization;
import io.hubd.contracts.Batch;
import io.hubd.contracts.DepositoryCalls;
import io.hubd.contracts.DisputeState;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.Signature;
import io.hubd.daemon.testkit.TestChain;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The chain side of the dispute tests: users with ether for transactions of their own, the hub's collateral in their
 * accounts (put there with the hub key before the daemon under test runs), the TUSD account states both sides sign
 * (the hub's signature is what the hub runtime gives the user; the user's is what it reports to hubd), a user's
 * dispute start, and the Depository's view of an account. Amounts are TUSD base units. Not thread-safe.
 */
final class DisputeWorld {
  private final TestChain chain;

  DisputeWorld(TestChain chain) {
    this.chain = Objects.requireNonNull(chain, "chain == null");
  }

  /** A user's key, distinct per seed, holding ten ether for its own transactions. */
  Credentials user(long seed) {
    Credentials user = Credentials.create(ECKeyPair.create(BigInteger.valueOf(0xd15b_0000L + seed)));
    chain.local().control().setBalance(user.getAddress(), BigInteger.TEN.pow(19));
    return user;
  }

  static EntityId id(Credentials key) {
    return EntityId.ofAddress(key.getAddress());
  }

  DeployedSuite.DeployedToken usd() {
    return chain.suite().token("TUSD");
  }

  EntityId hub() {
    return chain.hub();
  }

  DepositoryDriver driver() {
    return chain.driver();
  }

  /** The hub puts {@code each} of its reserve into each user's account, in one batch signed with its key. */
  void collateralise(List<Credentials> users, BigInteger each) {
    List<Batch.R2CPair> pairs = users.stream().map(u -> new Batch.R2CPair(id(u), each)).toList();
    driver().submit(chain.hubKey(), Batch.builder()
        .reserveToCollateral(new Batch.ReserveToCollateral(usd().tokenId(), pairs)).build());
  }

  /** The TUSD offdelta (left's view) of a state in which the hub owes {@code user} {@code owed}. */
  BigInteger offdelta(Credentials user, BigInteger owed) {
    return hub().isLeftOf(id(user)) ? owed.negate() : owed;
  }

  /**
   * The state of the hub's account with {@code user} at {@code nonce} in which the hub owes the user {@code owed} of
   * TUSD: with the hub's collateral in the account (ondelta as an R2C leaves it), a dispute claiming it pays the user
   * {@code owed} and the hub the rest.
   */
  AccountStateAuthorization state(Credentials user, long nonce, BigInteger owed) {
    return AccountStateAuthorization.between(hub(), id(user), BigInteger.valueOf(nonce),
        List.of(new Batch.TokenDelta(usd().tokenId(), offdelta(user, owed))));
  }

  /** {@code state} signed by {@code key} as EIP-712 typed data of this chain and Depository. */
  Signature sign(AccountStateAuthorization state, Credentials key) {
    return state.sign(chain.suite().domain(), key.getEcKeyPair());
  }

  /** {@code state} as the hub runtime reports it: with the user's signature. */
  HubdClient.SignedState signedByUser(Credentials user, AccountStateAuthorization state) {
    return new HubdClient.SignedState(id(user), state, sign(state, user));
  }

  /** {@code user} starts a dispute of its account with the hub claiming {@code state}, signed by the hub. */
  TransactionReceipt startDispute(Credentials user, AccountStateAuthorization state) {
    return startDispute(user, state, sign(state, chain.hubKey()));
  }

  TransactionReceipt startDispute(Credentials user, AccountStateAuthorization state, Signature hubSignature) {
    return driver().submit(user, Batch.builder().disputeStart(state.toClaim(id(user), hubSignature)).build());
  }

  /** The open dispute of the hub's account with {@code user}, as the Depository reports it. */
  Optional<DisputeState> dispute(Credentials user) {
    return chain.local().client().call(chain.suite().depository(), DepositoryCalls.disputeOf(hub(), id(user)));
  }

  AccountState account(Credentials user) {
    return driver().account(hub(), id(user), usd().tokenId());
  }

  BigInteger reserve(EntityId entity) {
    return driver().reserve(entity, usd().tokenId());
  }

  long blockNumber() {
    return chain.local().client().blockNumber();
  }

  /** Mines {@code blocks} blocks, one at a time (each a real block with its parent's hash). */
  void mine(long blocks) {
    chain.local().control().mineEach(blocks);
  }
}
