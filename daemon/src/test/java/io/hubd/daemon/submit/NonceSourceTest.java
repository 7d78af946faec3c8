package io.hubd.daemon.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubd.daemon.store.Store;
import io.hubd.daemon.testkit.TestDatabases;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NonceSourceTest {
  private static final String HUB = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

  @TempDir Path dir;

  @Test
  void nextNonceIsTheLargerOfTheChainsPendingCountAndTheFloor() {
    assertThat(NonceSource.next(5, 3)).isEqualTo(5);
    assertThat(NonceSource.next(3, 5)).isEqualTo(5);
    assertThat(NonceSource.next(0, 0)).isZero();
    assertThatThrownBy(() -> NonceSource.next(-1, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void neverHandsOutANonceTwiceWhileTheNodeLagsBehind() {
    NonceSource nonces = new NonceSource(HUB);
    try (Store store = TestDatabases.open(dir)) {
      assertThat(reserve(store, nonces, 7, 7, Set.of())).hasValue(7);
      assertThat(reserve(store, nonces, 7, 7, Set.of(7L))).hasValue(8); // node has not seen 7 yet
      assertThat(reserve(store, nonces, 12, 12, Set.of())).hasValue(12); // someone else sent 9 to 11
    }
  }

  @Test
  void handsOutNothingAboveAGapThatNoOpenTransactionFills() {
    NonceSource nonces = new NonceSource(HUB);
    try (Store store = TestDatabases.open(dir)) {
      reserve(store, nonces, 9, 9, Set.of()); // floor 10
      assertThat(reserve(store, nonces, 8, 8, Set.of(8L))).isEmpty(); // 9 left the chain and is not open
      assertThat(store.<Long>inTransaction(nonces::floor)).isEqualTo(10);
      assertThat(reserve(store, nonces, 8, 8, Set.of(8L, 9L))).hasValue(10);
    }
  }

  @Test
  void floorSurvivesARestartAndIgnoresAddressCase() {
    try (Store store = TestDatabases.open(dir)) {
      reserve(store, new NonceSource(HUB), 4, 4, Set.of());
    }
    try (Store store = TestDatabases.open(dir)) {
      NonceSource sameKey = new NonceSource(HUB.toUpperCase().replace("0X", "0x"));
      assertThat(store.<Long>inTransaction(sameKey::floor)).isEqualTo(5);
      assertThat(reserve(store, sameKey, 0, 5, Set.of())).hasValue(5);
    }
  }

  @Test
  void resyncRisesWithTheChainAndTransactionsThatMayStillLandButNeverFalls() {
    NonceSource nonces = new NonceSource(HUB);
    try (Store store = TestDatabases.open(dir)) {
      reserve(store, nonces, 9, 9, Set.of()); // floor 10
      assertThat(store.<Long>inTransaction(c -> nonces.resync(c, 6, OptionalLong.empty()))).isEqualTo(10);
      assertThat(store.<Long>inTransaction(c -> nonces.resync(c, 6, OptionalLong.of(12)))).isEqualTo(13);
      assertThat(store.<Long>inTransaction(c -> nonces.resync(c, 15, OptionalLong.of(8)))).isEqualTo(15);
      assertThat(store.<Long>inTransaction(nonces::floor)).isEqualTo(15);
    }
  }

  @Test
  void aRolledBackReservationLeavesTheFloorAlone() {
    NonceSource nonces = new NonceSource(HUB);
    try (Store store = TestDatabases.open(dir)) {
      reserve(store, nonces, 3, 3, Set.of());
      assertThatThrownBy(() -> store.inTransaction(c -> {
            nonces.reserve(c, 3, 3, Set.of(3L));
            throw new IllegalStateException("journal write failed");
          }))
          .hasMessage("journal write failed");
      assertThat(store.<Long>inTransaction(nonces::floor)).isEqualTo(4);
    }
  }

  private static OptionalLong reserve(Store store, NonceSource nonces, long pending, long mined, Set<Long> open) {
    return store.inTransaction(c -> nonces.reserve(c, pending, mined, open));
  }
}
