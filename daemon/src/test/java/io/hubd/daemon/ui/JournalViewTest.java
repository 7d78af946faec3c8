package io.hubd.daemon.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.daemon.store.Store;
import io.hubd.daemon.testkit.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cockpit's reads of the transaction journal on a real store (SQLite, and PostgreSQL in the build's second run),
 * over rows as the pipeline writes them: the newest intents first, and those in flight with their latest attempt's
 * fees, their attempts and cancels.
 */
class JournalViewTest {
  @TempDir Path dir;
  private Store store;

  @BeforeEach
  void open() {
    store = TestDatabases.open(dir);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void readsTheNewestIntentsAndThoseInFlightWithTheirLatestAttempt() {
    store.inTransaction(c -> {
      intent(c, 1, "CONFIRMED", "81747", 14L);
      intent(c, 2, "SENT", null, null);
      attempt(c, 1, 1, "TX", "0xa1", "1000", "100", 13L);
      attempt(c, 2, 1, "TX", "0xb1", "2000", "200", 15L);
      attempt(c, 2, 2, "CANCEL", "0xb2", "3000", "300", 16L);
      return null;
    });
    JournalView view = new JournalView(store);

    assertThat(view.recent(10)).extracting(JournalView.Intent::id).containsExactly(2L, 1L);
    JournalView.Intent landed = view.recent(10).get(1);
    assertThat(landed.gasUsed()).isEqualTo("81747");
    assertThat(landed.block()).isEqualTo(14L);
    assertThat(view.open()).singleElement().satisfies(i -> {
      assertThat(i.id()).isEqualTo(2L);
      assertThat(i.attempts()).isEqualTo(2);
      assertThat(i.cancels()).isEqualTo(1);
      assertThat(i.maxFeePerGas()).isEqualTo("3000");
      assertThat(i.priorityFeePerGas()).isEqualTo("300");
      assertThat(i.sentBlock()).isEqualTo(16L);
    });
  }

  private static void intent(Connection c, long id, String state, String gasUsed, Long block) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO submit_intent (id, kind, purpose, target, state,"
        + " gas_used, block_number, created_at, updated_at) VALUES (?, 'BATCH', 'rebalance', '0x00', ?, ?, ?, ?, ?)")) {
      s.setLong(1, id);
      s.setString(2, state);
      s.setString(3, gasUsed);
      nullable(s, 4, block);
      s.setLong(5, 1_000 * id);
      s.setLong(6, 2_000 * id);
      s.executeUpdate();
    }
  }

  private static void nullable(PreparedStatement s, int index, Long value) throws SQLException {
    if (value == null) {
      s.setNull(index, Types.BIGINT);
    } else {
      s.setLong(index, value);
    }
  }

  private static void attempt(Connection c, long intent, int seq, String kind, String hash, String maxFee,
      String tip, Long sent) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO submit_attempt (intent_id, seq, tx_nonce, tx_hash,"
        + " raw_tx, max_fee, priority_fee, gas_limit, signed_block, sent_block, created_at, kind)"
        + " VALUES (?, ?, 0, ?, '0x', ?, ?, '100000', 1, ?, 1, ?)")) {
      s.setLong(1, intent);
      s.setInt(2, seq);
      s.setString(3, hash);
      s.setString(4, maxFee);
      s.setString(5, tip);
      nullable(s, 6, sent);
      s.setString(7, kind);
      s.executeUpdate();
    }
  }
}
