package io.hubd.daemon.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubd.daemon.store.Store;
import java.nio.file.Path;
import java.util.OptionalLong;
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
    try (Store store = Store.open(dir)) {
      assertThat(store.<Long>inTransaction(c -> nonces.reserve(c, 7))).isEqualTo(7);
      assertThat(store.<Long>inTransaction(c -> nonces.reserve(c, 7))).isEqualTo(8); // node has not seen 7 yet
      assertThat(store.<Long>inTransaction(c -> nonces.reserve(c, 12))).isEqualTo(12); // someone else sent 9 to 11
    }
  }

  @Test
  void floorSurvivesARestartAndIgnoresAddressCase() {
    try (Store store = Store.open(dir)) {
      store.inTransaction(c -> new NonceSource(HUB).reserve(c, 4));
    }
    try (Store store = Store.open(dir)) {
      NonceSource sameKey = new NonceSource(HUB.toUpperCase().replace("0X", "0x"));
      assertThat(store.<Long>inTransaction(sameKey::floor)).isEqualTo(5);
      assertThat(store.<Long>inTransaction(c -> sameKey.reserve(c, 0))).isEqualTo(5);
    }
  }

  @Test
  void resyncFollowsTheChainButStaysAboveTransactionsThatMayStillLand() {
    NonceSource nonces = new NonceSource(HUB);
    try (Store store = Store.open(dir)) {
      store.inTransaction(c -> nonces.reserve(c, 9)); // floor 10
      assertThat(store.<Long>inTransaction(c -> nonces.resync(c, 6, OptionalLong.empty()))).isEqualTo(6);
      assertThat(store.<Long>inTransaction(c -> nonces.resync(c, 6, OptionalLong.of(8)))).isEqualTo(9);
      assertThat(store.<Long>inTransaction(c -> nonces.resync(c, 11, OptionalLong.of(8)))).isEqualTo(11);
      assertThat(store.<Long>inTransaction(nonces::floor)).isEqualTo(11);
    }
  }

  @Test
  void aRolledBackReservationLeavesTheFloorAlone() {
    NonceSource nonces = new NonceSource(HUB);
    try (Store store = Store.open(dir)) {
      store.inTransaction(c -> nonces.reserve(c, 3));
      assertThatThrownBy(() -> store.inTransaction(c -> {
            nonces.reserve(c, 3);
            throw new IllegalStateException("journal write failed");
          }))
          .hasMessage("journal write failed");
      assertThat(store.<Long>inTransaction(nonces::floor)).isEqualTo(4);
    }
  }
}
