package io.hubd.daemon.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.daemon.api.Readiness;
import io.hubd.daemon.testkit.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DaemonReadinessTest {
  private final DaemonReadiness readiness = new DaemonReadiness();

  @Test
  void whileStartingItNamesThePhase() {
    readiness.phase("settling the transaction journal against the chain");
    Readiness.Report report = readiness.check();
    assertThat(report.ready()).isFalse();
    assertThat(report.details()).containsEntry("starting", "settling the transaction journal against the chain");
  }

  @Test
  void loopHealthSaysWhenTheNodeIsUnreachableAndWhichLoopStalled() {
    MutableClock clock = new MutableClock();
    LoopHealth health = new LoopHealth(new SimpleMeterRegistry(), clock);
    health.watch("hubd-mirror", Duration.ofSeconds(15));
    health.watch("hubd-submit", Duration.ofSeconds(15));
    health.failed("hubd-mirror", new IllegalStateException("no RPC endpoint answered"));
    assertThat(health.failing("hubd-mirror", DaemonReadiness.UNREACHABLE_AFTER)).isEmpty(); // one blip
    health.failed("hubd-mirror", new IllegalStateException("no RPC endpoint answered"));
    assertThat(health.failing("hubd-mirror", DaemonReadiness.UNREACHABLE_AFTER)).hasValueSatisfying(
        f -> assertThat(f).contains("2 steps in a row failed").contains("no RPC endpoint answered"));
    clock.advance(Duration.ofSeconds(10));
    health.succeeded("hubd-submit");
    clock.advance(Duration.ofSeconds(10));
    assertThat(health.stalled()).singleElement().satisfies(s -> assertThat(s).startsWith("hubd-mirror"));
    health.succeeded("hubd-mirror");
    assertThat(health.failing("hubd-mirror", 1)).isEmpty();
    assertThat(health.stalled()).isEmpty();
  }
}
