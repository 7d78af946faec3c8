package io.hubd.daemon.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubd.daemon.mirror.Checkpoint;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MirrorGateTest {
  private final StubMirror mirror = new StubMirror(Map.of());
  private final MirrorGate gate = new MirrorGate(mirror);

  @Test
  void refusesWorkUntilTheMirrorHasReadTheChainOnce() {
    mirror.checkpoint(Optional.empty());
    assertThatThrownBy(gate::check).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.NOT_READY);
      assertThat(e.code().status()).isEqualTo(503);
      assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
    });
    mirror.checkpoint(Optional.of(new Checkpoint(7, "0x" + "ab".repeat(32))));
    assertThatNoException().isThrownBy(gate::check);
  }
}
