package io.hubd.chainsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;

class ChainControlIT {
  private static final BigInteger ONE_ETHER = BigInteger.TEN.pow(18);

  private static LocalChain chain;
  private static ChainClient client;
  private static ChainControl control;

  @BeforeAll
  static void startChain() {
    chain = LocalChain.start(HardhatNode.Options.defaults().withAccounts(4));
    client = chain.client();
    control = chain.control();
  }

  @AfterAll
  static void stopChain() {
    chain.close();
  }

  @AfterEach
  void restoreAutomine() {
    control.setIntervalMining(0);
    control.setAutomine(true);
  }

  @Test
  void revertReturnsTheChainToTheSnapshotBlockAndState() {
    Credentials payer = chain.account(0);
    String payee = chain.account(1).getAddress();
    long blockBefore = client.blockNumber();
    BigInteger payeeBefore = client.etherBalance(payee);
    BigInteger nonceBefore = client.pendingNonce(payer.getAddress());
    String snapshot = control.snapshot();

    client.send(payer, payee, "0x", ONE_ETHER);
    control.mine(3);
    assertThat(client.blockNumber()).isEqualTo(blockBefore + 4);
    assertThat(client.etherBalance(payee)).isEqualTo(payeeBefore.add(ONE_ETHER));

    assertThat(control.revert(snapshot)).isTrue();

    assertThat(client.blockNumber()).isEqualTo(blockBefore);
    assertThat(client.etherBalance(payee)).isEqualTo(payeeBefore);
    assertThat(client.pendingNonce(payer.getAddress())).isEqualTo(nonceBefore);
    assertThat(control.revert(snapshot)).as("a snapshot is consumed by reverting to it").isFalse();
  }

  @Test
  void withAutomineOffTransactionsWaitForAnExplicitMine() {
    control.setAutomine(false);
    long blockBefore = client.blockNumber();

    String hash = submitTransfer(chain.account(0), chain.account(2).getAddress());

    assertThat(client.receipt(hash)).isEmpty();
    assertThat(control.pendingTransactionCount()).isEqualTo(1);
    assertThat(client.blockNumber()).isEqualTo(blockBefore);

    control.mine();

    assertThat(client.blockNumber()).isEqualTo(blockBefore + 1);
    assertThat(client.receipt(hash)).hasValueSatisfying(r ->
        assertThat(r.getBlockNumber().longValueExact()).isEqualTo(blockBefore + 1));
    assertThat(control.pendingTransactionCount()).isZero();
  }

  @Test
  void droppedTransactionNeverGetsMined() {
    control.setAutomine(false);
    String hash = submitTransfer(chain.account(0), chain.account(2).getAddress());

    assertThat(control.dropTransaction(hash)).isTrue();
    control.mine();

    assertThat(control.pendingTransactionCount()).isZero();
    assertThat(client.receipt(hash)).isEmpty();
  }

  @Test
  void mineManyAddsThatManyBlocksAtOnce() {
    long blockBefore = client.blockNumber();

    control.mine(25);

    assertThat(client.blockNumber()).isEqualTo(blockBefore + 25);
    assertThatThrownBy(() -> control.mine(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void intervalMiningProducesBlocksAndMinesPendingTransactionsUnasked() {
    control.setAutomine(false);
    long blockBefore = client.blockNumber();

    control.setIntervalMining(100);

    await().atMost(Duration.ofSeconds(10)).until(() -> client.blockNumber() >= blockBefore + 2);
    String hash = submitTransfer(chain.account(0), chain.account(3).getAddress());
    await().atMost(Duration.ofSeconds(10)).until(() -> client.receipt(hash).isPresent());

    control.setIntervalMining(0);
    long stopped = client.blockNumber();
    await()
        .during(Duration.ofMillis(600))
        .atMost(Duration.ofSeconds(3))
        .until(() -> client.blockNumber() == stopped);
  }

  @Test
  void increaseTimeMovesTheNextBlockTimestampForward() {
    long before = latestTimestamp();

    control.increaseTime(3_600);
    control.mine();

    assertThat(latestTimestamp()).isBetween(before + 3_600, before + 3_600 + 60);
  }

  @Test
  void setBalanceReplacesAnAccountsEther() {
    String address = chain.account(3).getAddress();
    BigInteger wei = new BigInteger("123456789000000000000");

    control.setBalance(address, wei);

    assertThat(client.etherBalance(address)).isEqualTo(wei);
  }

  private static String submitTransfer(Credentials from, String to) {
    return client.submit(from, to, "0x", BigInteger.ONE, BigInteger.valueOf(21_000), client.defaultFees());
  }

  private static long latestTimestamp() {
    try {
      return client.web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock()
          .getTimestamp().longValueExact();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
