package io.hubd.daemon.watch;

import io.hubd.contracts.AccountStateAuthorization;
import io.hubd.contracts.Batch;
import io.hubd.contracts.Eip712Domain;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.mirror.Mirror;
import io.hubd.daemon.mirror.MirrorSettings;
import io.hubd.daemon.mirror.PollResult;
import io.hubd.daemon.store.Store;
import io.hubd.daemon.testkit.FakeNode;
import io.hubd.daemon.testkit.MutableClock;
import io.hubd.daemon.testkit.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/**
 * What the watchtower's unit tests share: a {@link FakeNode} (with the hub key's transactions), a store in a
 * directory, a real mirror over both, a clock, and users who sign account states. Close it to close the store.
 */
final class WatchFixture implements AutoCloseable {
  static final Credentials HUB_KEY =
      Credentials.create("0x59c6995e998f97a5a0044966f94536f12e7e0e3ce9d3e8a1b8e1b8e8f0c4a4b1");
  static final EntityId HUB = EntityId.ofAddress(HUB_KEY.getAddress());
  static final Eip712Domain DOMAIN = Eip712Domain.depository(FakeNode.CHAIN_ID, FakeNode.DEPOSITORY);
  static final int TUSD = 1;
  static final int TETH = 2;

  final FakeNode chain = FakeNode.builder().height(0).baseFee(BigInteger.valueOf(1_000))
      .sender(HUB_KEY.getAddress()).build();
  final Store store;
  final Mirror mirror;
  final MutableClock clock = new MutableClock();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  WatchFixture(Path dir) {
    this.store = TestDatabases.open(dir);
    this.mirror = new Mirror(chain, store, new MirrorSettings(FakeNode.DEPOSITORY, HUB, 1, 0, 2000, 64), clock,
        meters);
  }

  /** A user's key, deterministic per seed. */
  static ECKeyPair user(long seed) {
    return ECKeyPair.create(BigInteger.valueOf(0xacc0_0000L + seed));
  }

  static EntityId entity(ECKeyPair key) {
    return EntityId.ofAddress("0x" + Keys.getAddress(key));
  }

  /** Per token id its offdelta, tokens ascending. */
  static List<Batch.TokenDelta> deltas(Map<Integer, Long> offdeltas) {
    List<Batch.TokenDelta> out = new ArrayList<>();
    new TreeMap<>(offdeltas).forEach((token, d) -> out.add(new Batch.TokenDelta(token, BigInteger.valueOf(d))));
    return out;
  }

  /**
   * The state of the hub's account with {@code user} at {@code nonce}, signed by {@code signer} under
   * {@code domain}.
   */
  static StateDesk.Offered offered(ECKeyPair user, long nonce, Map<Integer, Long> offdeltas, Eip712Domain domain,
      ECKeyPair signer) {
    AccountStateAuthorization state =
        AccountStateAuthorization.between(HUB, entity(user), BigInteger.valueOf(nonce), deltas(offdeltas));
    return new StateDesk.Offered(entity(user), state.nonce(), state.deltas(), state.sign(domain, signer));
  }

  /** {@link #offered} signed by the user for this chain and Depository. */
  static StateDesk.Offered signedBy(ECKeyPair user, long nonce, Map<Integer, Long> offdeltas) {
    return offered(user, nonce, offdeltas, DOMAIN, user);
  }

  /** The mirror's view, after it has applied every block mined. */
  io.hubd.daemon.mirror.MirrorView mirrorView() {
    mirrorCatchesUp();
    return mirror.view();
  }

  /** Polls the mirror until it has applied every block mined. */
  void mirrorCatchesUp() {
    for (int i = 0; i < 100; i++) {
      if (mirror.pollOnce().outcome() == PollResult.Outcome.IDLE) {
        return;
      }
    }
    throw new AssertionError("the mirror did not catch up");
  }

  @Override
  public void close() {
    store.close();
  }
}
