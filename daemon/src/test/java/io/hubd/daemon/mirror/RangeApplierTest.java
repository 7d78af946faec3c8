package io.hubd.daemon.mirror;

import static io.hubd.daemon.mirror.FakeIds.HUB;
import static io.hubd.daemon.mirror.MirrorFixture.settings;
import static io.hubd.daemon.testkit.DepositoryLogs.reserveUpdated;
import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.daemon.mirror.ProgressTables.CheckpointRow;
import io.hubd.daemon.mirror.Rows.BlockRow;
import io.hubd.daemon.testkit.FakeNode;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RangeApplierTest {
  @TempDir Path dir;
  private MirrorFixture f;

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void reapplyingARangeChangesNothing() {
    f = new MirrorFixture(dir, FakeNode.withHeight(0));
    f.mineHistory();
    f.chain.mine(reserveUpdated(HUB, 1, 650));
    MirrorSettings settings = settings(0, 2000, 64);
    MirrorTables tables = MirrorTables.of(f.store, HUB);
    RangeApplier applier = new RangeApplier(f.chain, settings, tables, new LogFetcher(f.chain,
        FakeNode.DEPOSITORY, 2000, range -> { }), new LogCompleteness(f.chain, FakeNode.DEPOSITORY, block -> { }));
    CheckpointRow start = new CheckpointRow(new Checkpoint(0, f.chain.minedBlock(0).header().hash()), 0);
    f.store.inTransaction(c -> {
      tables.progress().putBlocks(c, List.of(new BlockRow(0, start.checkpoint().hash(), true)));
      tables.progress().putCheckpoint(c, start.checkpoint(), 0);
      return null;
    });

    RangeApplier.Applied first = applier.advance(start, 7).orElseThrow();
    String before = dump(f);
    RangeApplier.Applied again = applier.advance(start, 7).orElseThrow();

    assertThat(first.changes().applied()).hasSize(MirrorFixture.HISTORY_HUB_EVENTS + 1);
    assertThat(first.changes().undo()).isNotEmpty();
    assertThat(again.changes().applied()).isEmpty();
    assertThat(again.changes().undo()).isEmpty();
    assertThat(dump(f)).isEqualTo(before);
  }

  /** Every mirror table's rows, as text. */
  private static String dump(MirrorFixture f) {
    StringBuilder out = new StringBuilder();
    for (String table : List.of("mirror_checkpoint", "mirror_block", "mirror_log", "mirror_token", "mirror_reserve",
        "mirror_account", "mirror_account_nonce", "mirror_batch", "mirror_undo")) {
      f.store.inTransaction(c -> {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT * FROM " + table + " ORDER BY 1, 2")) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            out.append(table);
            for (int i = 1; i <= columns; i++) {
              out.append(' ').append(rs.getString(i));
            }
            out.append('\n');
          }
        }
        return null;
      });
    }
    return out.toString();
  }
}
