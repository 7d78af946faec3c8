package io.hubd.daemon.mirror;

import static io.hubd.daemon.mirror.FakeIds.HUB;
import static io.hubd.daemon.mirror.MirrorFixture.settings;
import static io.hubd.daemon.testkit.DepositoryLogs.reserveUpdated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubd.daemon.chain.ChainException;
import io.hubd.daemon.testkit.FakeNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MirrorRunnerTest {
  @TempDir Path dir;

  @Test
  void oneStepCatchesUpRangeAfterRangeAndAFailingPollIsTheLoopsToReport() {
    try (MirrorFixture f = new MirrorFixture(dir, FakeNode.withHeight(0))) {
      f.mineHistory();
      f.chain.mineEmpty(200);
      Mirror mirror = f.mirror(settings(0, 16, 8));
      MirrorRunner runner = new MirrorRunner(mirror);

      runner.pollUntilCaughtUp();
      assertThat(mirror.view().checkpoint().orElseThrow().number()).isEqualTo(206);

      f.chain.faults().refuseRangesAbove(0); // every logs request fails from now on
      f.chain.mine(reserveUpdated(HUB, 1, 42));
      assertThatThrownBy(runner::pollUntilCaughtUp).isInstanceOf(ChainException.class);
      f.chain.faults().refuseRangesAbove(Integer.MAX_VALUE);
      runner.pollUntilCaughtUp();
      assertThat(mirror.view().reserve(1).intValueExact()).isEqualTo(42);
    }
  }

  @Test
  void aClosedRunnerStopsAfterThePollInProgress() {
    try (MirrorFixture f = new MirrorFixture(dir, FakeNode.withHeight(0))) {
      f.mineHistory();
      f.chain.mineEmpty(200);
      Mirror mirror = f.mirror(settings(0, 16, 8));
      MirrorRunner runner = new MirrorRunner(mirror);
      runner.close();
      runner.pollUntilCaughtUp();
      assertThat(mirror.view().checkpoint().orElseThrow().number()).isLessThan(206);
    }
  }
}
