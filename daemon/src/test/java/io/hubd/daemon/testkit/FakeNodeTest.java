package io.hubd.daemon.testkit;

import static io.hubd.daemon.testkit.DepositoryLogs.reserveUpdated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubd.contracts.ChainLog;
import io.hubd.contracts.DepositoryCalls;
import io.hubd.contracts.DepositoryEvents;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.Erc20Calls;
import io.hubd.contracts.FaucetCalls;
import io.hubd.contracts.RevertReason;
import io.hubd.daemon.chain.ChainError;
import io.hubd.daemon.chain.ChainException;
import io.hubd.daemon.testkit.LogRequests.LogsRequest;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/** The contracts the parts of {@link FakeNode} promise, which every unit test over the fake relies on. */
class FakeNodeTest {
  private static final Credentials KEY =
      Credentials.create("0x59c6995e998f97a5a0044966f94536f12e7e0e3ce9d3e8a1b8e1b8e8f0c4a4b1");
  private static final EntityId HUB = EntityId.ofAddress("0x5000000000000000000000000000000000000005");
  private static final List<String> RESERVES = List.of(DepositoryEvents.RESERVE_UPDATED);

  @Test
  void aCallNoPartModelsFailsLoudly() {
    FakeNode node = FakeNode.withHeight(0);

    assertThatThrownBy(() -> node.sendRawTransaction("0x01")).isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("sendRawTransaction");
    assertThatThrownBy(() -> node.balance(KEY.getAddress())).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> node.call("0x00000000000000000000000000000000000000e1", "0x12345678",
        OptionalLong.empty())).isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("no contract modelled");
    assertThatThrownBy(() -> node.call(FakeNode.DEPOSITORY, DepositoryCalls.domainSeparator().data(),
        OptionalLong.empty())).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aReorganisationKeepsTheAncestorAndGivesEveryBlockAboveItANewHash() {
    FakeNode node = FakeNode.withHeight(3);
    String ancestor = node.minedBlock(2).header().hash();
    String replaced = node.minedBlock(3).header().hash();

    node.reorgTo(2);
    node.mineEmpty(1);

    assertThat(node.minedBlock(2).header().hash()).isEqualTo(ancestor);
    assertThat(node.minedBlock(3).header().hash()).isNotEqualTo(replaced);
    assertThat(node.minedBlock(3).header().parentHash()).isEqualTo(ancestor);
  }

  @Test
  void depositoryViewsAnswerFromTheEventsUpToTheAskedBlock() {
    FakeNode node = FakeNode.withHeight(0);
    long first = node.mine(reserveUpdated(HUB, 1, 100));
    node.mine(reserveUpdated(HUB, 1, 70));

    assertThat(node.view(FakeNode.DEPOSITORY, DepositoryCalls.reservesOf(HUB, List.of(1)), first))
        .containsExactly(BigInteger.valueOf(100));
    assertThat(node.view(FakeNode.DEPOSITORY, DepositoryCalls.reservesOf(HUB, List.of(1))))
        .containsExactly(BigInteger.valueOf(70));

    node.depository().batchNonce(HUB, BigInteger.TEN);
    assertThat(node.view(FakeNode.DEPOSITORY, DepositoryCalls.batchNonceOf(HUB), first)).isEqualTo(BigInteger.TEN);
  }

  @Test
  void laggingLogsAreLeftOutOfRangesButServedByBlockHash() {
    FakeNode node = FakeNode.withHeight(0);
    long paid = node.mine(reserveUpdated(HUB, 1, 5));
    node.faults().lagLogs(1);

    assertThat(node.logs(FakeNode.DEPOSITORY, 0, paid, RESERVES)).isEmpty();
    assertThat(node.logsOfBlock(FakeNode.DEPOSITORY, node.minedBlock(paid).header().hash(), RESERVES))
        .extracting(ChainLog::blockNumber).containsExactly(paid);
    assertThat(node.block(paid).orElseThrow().mayHoldLog(FakeNode.DEPOSITORY, RESERVES)).isTrue();
  }

  @Test
  void aRefusedRangeThrowsAndIsRecordedAsRefused() {
    FakeNode node = FakeNode.withHeight(20);
    node.faults().refuseRangesAbove(10);

    assertThatThrownBy(() -> node.logs(FakeNode.DEPOSITORY, 1, 20, RESERVES)).isInstanceOfSatisfying(
        ChainException.class, e -> assertThat(e.error()).isEqualTo(ChainError.RANGE_TOO_LARGE));
    node.logs(FakeNode.DEPOSITORY, 1, 10, RESERVES);

    assertThat(node.logRequests().all())
        .containsExactly(new LogsRequest(1, 20, true), new LogsRequest(1, 10, false));
  }

  @Test
  void aReplacementMustOfferTenPercentMoreAndAMinedTransactionLeavesWithItsBlock() {
    FakeNode node = FakeNode.builder().height(5).baseFee(BigInteger.valueOf(1_000)).sender(KEY.getAddress()).build();
    node.sendRawTransaction(signed(0, 1_000));

    assertThatThrownBy(() -> node.sendRawTransaction(signed(0, 1_099))).isInstanceOfSatisfying(
        ChainException.class, e -> assertThat(e.error()).isEqualTo(ChainError.REPLACEMENT_UNDERPRICED));
    String replacement = node.sendRawTransaction(signed(0, 1_100));
    assertThat(node.sender().pendingCount()).isEqualTo(1);

    long block = node.mine();
    assertThat(node.receipt(replacement)).hasValueSatisfying(r -> assertThat(r.blockNumber()).isEqualTo(block));
    assertThat(node.transactionCount(KEY.getAddress(), false)).isEqualTo(BigInteger.ONE);

    node.reorgTo(block - 1);
    assertThat(node.receipt(replacement)).isEmpty();
    assertThat(node.transactionCount(KEY.getAddress(), true)).isZero();
  }

  @Test
  void theFaucetRefusesADripDuringItsCooldownJudgedAtTheNextBlock() {
    String faucet = "0x00000000000000000000000000000000000000f0";
    String token = "0x0000000000000000000000000000000000000070";
    String recipient = KEY.getAddress();
    FakeNode node = FakeNode.builder().token(token).faucet(faucet).build();
    node.token(token).balance(faucet, BigInteger.valueOf(1_000));
    node.faucet().configure(token, BigInteger.valueOf(500), 60, true);
    String drip = FaucetCalls.drip(token, recipient, BigInteger.valueOf(500));
    node.faucet().drip(token, recipient, BigInteger.valueOf(500));

    node.mineAt(node.latestBlockTime() + 58);
    assertThat(node.simulate(recipient, faucet, drip, OptionalLong.empty())).hasValueSatisfying(e -> assertThat(
        e.revertReason()).map(RevertReason::name).contains("CooldownActive"));
    node.mineAt(node.latestBlockTime() + 1);
    assertThat(node.simulate(recipient, faucet, drip, OptionalLong.empty())).isEmpty();
    assertThat(node.view(token, Erc20Calls.balanceOf(recipient))).isEqualTo(BigInteger.valueOf(500));
  }

  @Test
  void aForwardingNodeRecordsTheLogsRequestsItPassesOn() {
    FakeNode real = FakeNode.withHeight(0);
    real.mine(reserveUpdated(HUB, 1, 5));
    FakeNode forwarding = FakeNode.forwardingTo(real);

    assertThat(forwarding.logs(FakeNode.DEPOSITORY, 0, forwarding.blockNumber(), RESERVES)).hasSize(1);

    assertThat(forwarding.logRequests().all()).containsExactly(new LogsRequest(0, 1, false));
    assertThatThrownBy(forwarding::faults).isInstanceOf(IllegalStateException.class);
  }

  private static String signed(long nonce, long maxFee) {
    RawTransaction tx = RawTransaction.createTransaction(FakeNode.CHAIN_ID, BigInteger.valueOf(nonce),
        BigInteger.valueOf(21_000), KEY.getAddress(), BigInteger.ZERO, "", BigInteger.valueOf(maxFee / 10),
        BigInteger.valueOf(maxFee));
    return Numeric.toHexString(TransactionEncoder.signMessage(tx, FakeNode.CHAIN_ID, KEY));
  }
}
