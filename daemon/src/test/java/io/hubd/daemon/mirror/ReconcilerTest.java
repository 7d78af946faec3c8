package io.hubd.daemon.mirror;

import static io.hubd.daemon.mirror.MirrorFixture.pollUntilIdle;
import static io.hubd.daemon.mirror.MirrorFixture.settings;
import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.daemon.testkit.FakeNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconcilerTest {
  @TempDir Path dir;
  private MirrorFixture f;
  private final MirrorSettings settings = settings(0, 2000, 8);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private Reconciler reconciler;

  @BeforeEach
  void caughtUpMirror() {
    f = new MirrorFixture(dir, FakeNode.withHeight(0));
    f.mineHistory();
    pollUntilIdle(f.mirror(settings));
    reconciler = new Reconciler(f.chain, f.store, settings, meters);
  }

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void findsNoDriftWhenTheMirrorEqualsTheContract() {
    DriftReport report = reconciler.reconcile().orElseThrow();

    assertThat(report.isClean()).isTrue();
    assertThat(report.block()).isEqualTo(6);
    // 2 tokens, 2 reserves, 2 counterparties x 2 tokens, the batch nonce, 2 counterparties' disputes
    assertThat(report.keysChecked()).isEqualTo(2 + 2 + 4 + 1 + 2);
    assertThat(meters.get("hubd_mirror_drift").gauge().value()).isZero();
  }

  @Test
  void reportsEveryMismatchingKeyAndFixesNothing() {
    f.store.inTransaction(c -> {
      StateTables.update(c, "UPDATE mirror_reserve SET balance = '1' WHERE token_id = 1");
      StateTables.update(c, "DELETE FROM mirror_account WHERE token_id = 2");
      StateTables.update(c, "DELETE FROM mirror_batch WHERE batch_nonce = 2");
      return null;
    });

    DriftReport report = reconciler.reconcile().orElseThrow();

    assertThat(report.mismatches()).extracting(DriftReport.Mismatch::key).containsExactly(
        "reserve 1", "account " + FakeIds.LEFT.hex() + "/2", "batchNonce");
    assertThat(report.mismatches().get(0).mirrored()).isEqualTo("1");
    assertThat(report.mismatches().get(0).onChain()).isEqualTo("700");
    assertThat(meters.get("hubd_mirror_drift").gauge().value()).isEqualTo(3);
    assertThat(f.mirror(settings).view().reserve(1)).isEqualTo(1);
  }

  @Test
  void skipsWhenThereIsNoCheckpointYet() {
    f.store.inTransaction(c -> {
      StateTables.update(c, "DELETE FROM mirror_checkpoint");
      return null;
    });

    assertThat(reconciler.reconcile()).isEmpty();
  }
}
