package io.hubd.daemon.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubd.daemon.testkit.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs against the build's store of the run: SQLite, and PostgreSQL in the second execution. */
class StoreTest {
  @TempDir Path dir;

  @Test
  void bindsToOneChainAndRefusesAnother() {
    try (Store store = TestDatabases.open(dir)) {
      store.bind(31337, "0xAbC0000000000000000000000000000000000001", "0x00000000000000000000000000000000000000aa");
      store.bind(31337, "0xabc0000000000000000000000000000000000001", "0x00000000000000000000000000000000000000AA");
      assertThatThrownBy(() -> store.bind(1, "0xabc0000000000000000000000000000000000001",
              "0x00000000000000000000000000000000000000aa"))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("chain_id 31337");
    }
    try (Store reopened = TestDatabases.open(dir)) {
      assertThat(reopened.meta("chain_id")).contains("31337");
    }
  }

  @Test
  void rollsBackWorkThatThrows() {
    try (Store store = TestDatabases.open(dir)) {
      assertThatThrownBy(() -> store.inTransaction(c -> {
            try (var s = c.createStatement()) {
              s.executeUpdate("INSERT INTO meta(key, value) VALUES ('x', 'y')");
            }
            throw new IllegalStateException("boom");
          }))
          .hasMessage("boom");
      assertThat(store.meta("x")).isEmpty();
    }
  }

  @Test
  void workStartedWithinWorkJoinsItsTransactionAndRollsBackWithIt() {
    try (Store store = TestDatabases.open(dir)) {
      assertThatThrownBy(() -> store.inTransaction(c -> {
            store.inTransaction(inner -> {
              try (var s = inner.createStatement()) {
                s.executeUpdate("INSERT INTO meta(key, value) VALUES ('inner', 'y')");
              }
              return null;
            });
            throw new IllegalStateException("outer fails after the inner work returned");
          }))
          .hasMessageStartingWith("outer fails");
      assertThat(store.meta("inner")).isEmpty();
    }
  }

  @Test
  void readOnlyOpenOfMissingDatabaseSaysWhatIsWrong() {
    assertThatThrownBy(() -> Store.openReadOnly(dir.resolve("nothing-here")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("no hubd database");
  }
}
