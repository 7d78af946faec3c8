package io.hubd.chainsim;

import io.hubd.contracts.AccountState;
import io.hubd.contracts.Batch;
import io.hubd.contracts.BatchCall;
import io.hubd.contracts.DepositoryCalls;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.Erc20Calls;
import java.math.BigInteger;
import java.util.Objects;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Drives a deployed suite as an entity would, outside the daemon: submits batches at the next batch nonce,
 * approves and deposits tokens, reads reserves and accounts. For the harness, simulations and tests. Thread-safe.
 */
public final class DepositoryDriver {
  private final ChainClient client;
  private final DeployedSuite suite;

  public DepositoryDriver(ChainClient client, DeployedSuite suite) {
    this.client = Objects.requireNonNull(client, "client == null");
    this.suite = Objects.requireNonNull(suite, "suite == null");
  }

  public DeployedSuite suite() {
    return suite;
  }

  public ChainClient client() {
    return client;
  }

  /** Submits {@code batch} for {@code entity}'s key at its next batch nonce and waits for the receipt. */
  public TransactionReceipt submit(Credentials entity, Batch batch) {
    return client.send(entity, suite.depository(), call(entity, batch).callData());
  }

  /** The call for {@code batch} at {@code entity}'s next batch nonce. */
  public BatchCall call(Credentials entity, Batch batch) {
    return BatchCall.of(batch, batchNonce(EntityId.ofAddress(entity.getAddress())).add(BigInteger.ONE));
  }

  /** Approves the Depository and moves {@code amount} of the holder's wallet tokens into its reserve. */
  public TransactionReceipt deposit(Credentials holder, DeployedSuite.DeployedToken token, BigInteger amount) {
    client.send(holder, token.address(), Erc20Calls.approve(suite.depository(), amount));
    return submit(
        holder, Batch.builder().externalToReserve(new Batch.ExternalToReserve(token.tokenId(), amount)).build());
  }

  public void mint(Credentials owner, DeployedSuite.DeployedToken token, String to, BigInteger amount) {
    client.send(owner, token.address(), Erc20Calls.mint(to, amount));
  }

  public BigInteger reserve(EntityId entity, int tokenId) {
    return client.call(suite.depository(), DepositoryCalls.reserveOf(entity, tokenId));
  }

  public AccountState account(EntityId a, EntityId b, int tokenId) {
    return client.call(suite.depository(), DepositoryCalls.accountOf(a, b, tokenId));
  }

  public BigInteger batchNonce(EntityId entity) {
    return client.call(suite.depository(), DepositoryCalls.batchNonceOf(entity));
  }

  public BigInteger walletBalance(DeployedSuite.DeployedToken token, String owner) {
    return client.call(token.address(), Erc20Calls.balanceOf(owner));
  }
}
