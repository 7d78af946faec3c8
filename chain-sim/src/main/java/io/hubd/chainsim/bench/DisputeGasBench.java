package io.hubd.chainsim.bench;

import io.hubd.chainsim.DeployedSuite;
import io.hubd.chainsim.DepositoryDriver;
import io.hubd.chainsim.LocalChain;
import io.hubd.contracts.AccountStateAuthorization;
import io.hubd.contracts.Batch;
import io.hubd.contracts.DepositoryCalls;
import io.hubd.contracts.EntityId;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Measures the gas of dispute operations on accounts of a hub and a user in every token of the suite: a start with
 * a signed state, a counter with a newer one, a finalisation in the user's batch and one by a third party
 * ({@code finaliseDispute}), and a start without a state. Each dispute is on an account the hub funded first.
 * Not thread-safe.
 */
final class DisputeGasBench {
  private static final Logger log = LoggerFactory.getLogger(DisputeGasBench.class);

  /** One measured operation: what it was, how many tokens its state held, and the transaction's gas. */
  record Row(String operation, int tokens, long gas) {
    Row {
      Objects.requireNonNull(operation, "operation == null");
    }
  }

  private final LocalChain chain;
  private final DepositoryDriver driver;
  private final Credentials hub;
  private final Credentials thirdParty;
  private final long period;

  DisputeGasBench(LocalChain chain, DepositoryDriver driver, Credentials hub, Credentials thirdParty) {
    this.chain = Objects.requireNonNull(chain, "chain == null");
    this.driver = Objects.requireNonNull(driver, "driver == null");
    this.hub = Objects.requireNonNull(hub, "hub == null");
    this.thirdParty = Objects.requireNonNull(thirdParty, "thirdParty == null");
    this.period = chain.client().call(driver.suite().depository(), DepositoryCalls.challengePeriod()).longValueExact();
  }

  /** Every dispute operation on the hub's account with {@code user} (a key the bench may spend ether of). */
  List<Row> measure(Credentials user, Credentials secondUser) {
    List<DeployedSuite.DeployedToken> tokens = driver.suite().tokens();
    int n = tokens.size();
    fund(user, tokens);
    fund(secondUser, tokens);
    List<Row> rows = new ArrayList<>();

    AccountStateAuthorization first = state(user, BigInteger.ONE, tokens, 1);
    rows.add(new Row("start, signed state", n, gas(driver.submit(hub, Batch.builder()
        .disputeStart(first.toClaim(id(hub), first.sign(driver.suite().domain(), user.getEcKeyPair()))).build()))));
    AccountStateAuthorization newer = state(user, BigInteger.TWO, tokens, -1);
    rows.add(new Row("counter, newer signed state", n, gas(driver.submit(user, Batch.builder()
        .disputeCounter(newer.toClaim(id(user), newer.sign(driver.suite().domain(), hub.getEcKeyPair()))).build()))));
    chain.control().mine(period);
    rows.add(new Row("finalise the countered claim, in the user's batch", n, gas(driver.submit(user, Batch.builder()
        .disputeFinalization(new Batch.DisputeFinalization(id(hub), newer.deltas())).build()))));

    Batch.DisputeClaim onChain =
        Batch.DisputeClaim.onChainState(id(hub), tokens.stream().map(DeployedSuite.DeployedToken::tokenId).toList());
    rows.add(new Row("start without a state (on-chain state final), second account", n,
        gas(driver.submit(secondUser, Batch.builder().disputeStart(onChain).build()))));
    chain.control().mine(period);
    rows.add(new Row("finalise it, by a third party with finaliseDispute (pays the hub's side only)", n, gas(chain.client().send(thirdParty,
        driver.suite().depository(), DepositoryCalls.finaliseDispute(id(secondUser), id(hub), onChain.deltas())))));
    rows.forEach(r -> log.info("{} ({} tokens): {} gas", r.operation(), r.tokens(), r.gas()));
    return rows;
  }

  /** The hub funds its account with {@code user} in every token, so each finalisation pays out to both sides. */
  private void fund(Credentials user, List<DeployedSuite.DeployedToken> tokens) {
    Batch.Builder batch = Batch.builder();
    for (DeployedSuite.DeployedToken token : tokens) {
      batch.reserveToCollateral(
          new Batch.ReserveToCollateral(token.tokenId(), List.of(new Batch.R2CPair(id(user), token.units(10)))));
    }
    driver.submit(hub, batch.build());
  }

  /** A state in which the user is owed {@code sign} × 4 units of each token beyond what the hub put in. */
  private AccountStateAuthorization state(
      Credentials user, BigInteger nonce, List<DeployedSuite.DeployedToken> tokens, int sign) {
    List<Batch.TokenDelta> deltas =
        IntStream.range(0, tokens.size())
            .mapToObj(i -> new Batch.TokenDelta(tokens.get(i).tokenId(),
                tokens.get(i).units(4).multiply(BigInteger.valueOf(sign))))
            .toList();
    return AccountStateAuthorization.between(id(hub), id(user), nonce, deltas);
  }

  private static long gas(TransactionReceipt receipt) {
    return receipt.getGasUsed().longValueExact();
  }

  private static EntityId id(Credentials key) {
    return EntityId.ofAddress(key.getAddress());
  }
}
