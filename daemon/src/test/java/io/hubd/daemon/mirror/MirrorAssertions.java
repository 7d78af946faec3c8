package io.hubd.daemon.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.chainsim.DeployedSuite;
import io.hubd.contracts.AccountState;
import io.hubd.contracts.DepositoryCalls;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.chain.Chain;
import io.hubd.daemon.testkit.TestChain;
import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;

/** The mirror compared with the contract on a real chain: by the reconciler and key by key. */
final class MirrorAssertions {
  private MirrorAssertions() {}

  /** The reconciler finds no drift, and every reserve, account, token and hub batch read directly agrees. */
  static void assertMirrorEqualsChain(Mirror mirror, Reconciler reconciler, TestChain chain, HubActivity activity) {
    DriftReport report = reconciler.reconcile().orElseThrow();
    assertThat(report.mismatches()).as("drift; activity: %s", activity.journal()).isEmpty();
    MirrorView view = mirror.view();
    Checkpoint checkpoint = view.checkpoint().orElseThrow();
    assertThat(chain.chain().block(checkpoint.number()).orElseThrow().hash()).isEqualTo(checkpoint.hash());
    Chain rpc = chain.chain();
    DeployedSuite suite = chain.suite();
    String depository = suite.depository();
    EntityId hub = chain.hub();
    long block = checkpoint.number();
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(view.tokens()).isEqualTo(suite.tokens().stream().collect(Collectors.toMap(
        DeployedSuite.DeployedToken::tokenId, t -> t.address().toLowerCase(java.util.Locale.ROOT), (a, b) -> a,
        TreeMap::new)));
    for (DeployedSuite.DeployedToken token : suite.tokens()) {
      int tokenId = token.tokenId();
      soft.assertThat(view.reserve(tokenId)).as("reserve %s", tokenId)
          .isEqualTo(rpc.view(depository, DepositoryCalls.reserveOf(hub, tokenId), block));
      for (EntityId counterparty : activity.counterparties()) {
        AccountState onChain = rpc.view(depository, DepositoryCalls.accountOf(hub, counterparty, tokenId), block);
        AccountState mirrored = view.account(counterparty, tokenId)
            .map(a -> new AccountState(a.collateral(), a.ondelta(), a.nonce()))
            .orElse(new AccountState(BigInteger.ZERO, BigInteger.ZERO, view.accountNonce(counterparty)));
        soft.assertThat(mirrored).as("account %s/%s", counterparty, tokenId).isEqualTo(onChain);
        view.account(counterparty, tokenId).ifPresent(
            a -> soft.assertThat(a.hubIsLeft()).isEqualTo(hub.isLeftOf(counterparty)));
      }
    }
    long batchNonce = rpc.view(depository, DepositoryCalls.batchNonceOf(hub), block).longValueExact();
    soft.assertThat(view.lastBatchNonce().orElse(0)).isEqualTo(batchNonce);
    for (long nonce = 1; nonce <= batchNonce; nonce++) {
      soft.assertThat(view.batch(nonce)).as("batch %s", nonce).isPresent();
    }
    for (Map.Entry<Long, HubActivity.HubBatch> e : activity.hubBatches().entrySet()) {
      HubActivity.HubBatch sent = e.getValue();
      if (sent.block() <= block) {
        soft.assertThat(view.batch(e.getKey())).as("batch %s", e.getKey()).hasValueSatisfying(b -> {
          assertThat(b.batchHash()).isEqualTo(sent.batchHash());
          assertThat(b.transactionHash()).isEqualTo(sent.transactionHash());
          assertThat(b.blockNumber()).isEqualTo(sent.block());
        });
      }
    }
    soft.assertAll();
  }
}
