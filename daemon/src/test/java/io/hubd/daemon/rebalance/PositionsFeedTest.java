package io.hubd.daemon.rebalance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.jobs.Position;
import io.hubd.daemon.jobs.PositionStore;
import io.hubd.daemon.jobs.Rejection;
import io.hubd.daemon.store.Store;
import io.hubd.daemon.testkit.MutableClock;
import io.hubd.daemon.testkit.TestDatabases;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PositionsFeedTest {
  private static final EntityId USER = EntityId.ofAddress("0x2000000000000000000000000000000000000002");
  private static final EntityId CONTRACT = new EntityId("0x" + "cd".repeat(32));

  @TempDir Path dir;
  private Store store;
  private PositionStore positions;
  private final List<List<Position>> handedOn = new ArrayList<>();
  private PositionsFeed feed;

  @BeforeEach
  void open() {
    store = TestDatabases.open(dir);
    positions = new PositionStore(store);
    feed = new PositionsFeed(positions, handedOn::add, Set.of(1), new MutableClock());
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static Position owed(EntityId counterparty, long offdelta) {
    return new Position(counterparty, 1, BigInteger.valueOf(offdelta), Optional.empty());
  }

  @Test
  void storesEveryPositionAndNamesThoseThatCanNeverBeCollateralised() {
    List<Position> report = List.of(owed(USER, -500), owed(CONTRACT, -700));

    PositionsFeed.Applied applied = feed.apply(3, report);

    assertThat(applied.version()).isEqualTo(3);
    assertThat(applied.positions()).isEqualTo(2);
    assertThat(applied.neverCollateralised()).containsExactly(new AccountKey(CONTRACT, 1));
    assertThat(positions.all()).containsExactlyInAnyOrderElementsOf(report);
    assertThat(handedOn).containsExactly(report);
  }

  @Test
  void aRefusedReportChangesNothing() {
    feed.apply(1, List.of(owed(USER, -1)));
    assertThatThrownBy(() -> feed.apply(2, List.of(owed(USER, -2), owed(USER, -3))))
        .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.reason()).isEqualTo(Rejection.Reason.INVALID));
    assertThat(positions.version()).isEqualTo(1);
    assertThat(positions.all()).containsExactly(owed(USER, -1));
    assertThat(handedOn).hasSize(1);
  }
}
