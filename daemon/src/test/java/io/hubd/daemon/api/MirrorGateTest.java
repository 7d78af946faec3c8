package io.hubd.daemon.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.mirror.Checkpoint;
import io.hubd.daemon.mirror.MirrorView;
import io.hubd.daemon.mirror.MirroredAccount;
import io.hubd.daemon.mirror.MirroredBatch;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class MirrorGateTest {
  /** A mirror with no accounts, no reserves and whatever checkpoint the test sets. */
  private static final class EmptyMirror implements MirrorView {
    Optional<Checkpoint> checkpoint = Optional.empty();

    @Override
    public Optional<Checkpoint> checkpoint() {
      return checkpoint;
    }

    @Override
    public long headLagBlocks() {
      return 0;
    }

    @Override
    public boolean isCaughtUp() {
      return checkpoint.isPresent();
    }

    @Override
    public Map<Integer, String> tokens() {
      return Map.of();
    }

    @Override
    public BigInteger reserve(int tokenId) {
      return BigInteger.ZERO;
    }

    @Override
    public Map<Integer, BigInteger> reserves() {
      return Map.of();
    }

    @Override
    public Optional<MirroredAccount> account(EntityId counterparty, int tokenId) {
      return Optional.empty();
    }

    @Override
    public BigInteger accountNonce(EntityId counterparty) {
      return BigInteger.ZERO;
    }

    @Override
    public List<MirroredAccount> accounts(int tokenId) {
      return List.of();
    }

    @Override
    public List<MirroredAccount> accounts() {
      return List.of();
    }

    @Override
    public void forEachAccount(Consumer<MirroredAccount> action) {}

    @Override
    public Optional<MirroredBatch> batch(long batchNonce) {
      return Optional.empty();
    }

    @Override
    public OptionalLong lastBatchNonce() {
      return OptionalLong.empty();
    }
  }

  private final EmptyMirror mirror = new EmptyMirror();
  private final MirrorGate gate = new MirrorGate(mirror);

  @Test
  void refusesWorkUntilTheMirrorHasReadTheChainOnce() {
    assertThatThrownBy(gate::check).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.NOT_READY);
      assertThat(e.code().status()).isEqualTo(503);
      assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
    });
    mirror.checkpoint = Optional.of(new Checkpoint(7, "0x" + "ab".repeat(32)));
    assertThatNoException().isThrownBy(gate::check);
  }
}
