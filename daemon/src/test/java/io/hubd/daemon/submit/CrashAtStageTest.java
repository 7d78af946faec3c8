package io.hubd.daemon.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CrashAtStageTest {
  @Test
  void haltsOnlyAtTheNamedStage() {
    AtomicInteger halts = new AtomicInteger();
    CrashAtStage crash = new CrashAtStage(Stage.BROADCAST, halts::incrementAndGet);
    crash.reached(Stage.JOURNALED, 1);
    crash.reached(Stage.SIGNED, 1);
    assertThat(halts).hasValue(0);
    crash.reached(Stage.BROADCAST, 1);
    assertThat(halts).hasValue(1);
  }

  @Test
  void environmentWithoutTheVariableCrashesNowhere() {
    assertThat(CrashAtStage.fromEnvironment(Map.of())).isSameAs(StageListener.NONE);
    assertThat(CrashAtStage.fromEnvironment(Map.of(CrashAtStage.ENV, " "))).isSameAs(StageListener.NONE);
  }

  @Test
  void environmentNamesTheStageInAnyCase() {
    assertThat(CrashAtStage.fromEnvironment(Map.of(CrashAtStage.ENV, "mined"))).isInstanceOf(CrashAtStage.class);
    assertThatThrownBy(() -> CrashAtStage.fromEnvironment(Map.of(CrashAtStage.ENV, "LATER")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
