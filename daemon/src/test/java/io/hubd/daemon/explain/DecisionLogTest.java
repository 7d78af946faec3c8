package io.hubd.daemon.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.contracts.Batch;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.rebalance.AccountKey;
import io.hubd.daemon.rebalance.Plan;
import io.hubd.daemon.rebalance.QueueReason;
import io.hubd.daemon.rebalance.Queued;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DecisionLogTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static AccountKey account(int n) {
    return new AccountKey(EntityId.ofAddress(String.format("0x%040x", n)), 1);
  }

  private static Plan queued(List<Queued> queued) {
    return new Plan(Batch.builder().build(), List.of(), List.of(), List.of(), List.of(), queued, List.of(), List.of(),
        List.of(), List.of(), List.of());
  }

  private static Queued waiting(int n, QueueReason reason, long amount) {
    return new Queued(account(n), BigInteger.valueOf(amount), reason, List.of(), true);
  }

  @Test
  void aDecisionRepeatedTickAfterTickIsOneEntryWithItsTicksAndAChangeIsANewOne() {
    DecisionLog log = new DecisionLog(10, 4, 100);
    for (int tick = 0; tick < 3; tick++) {
      log.planned(queued(List.of(waiting(1, QueueReason.INSUFFICIENT_RESERVE, 50))), T0.plusSeconds(tick));
    }
    log.planned(queued(List.of(waiting(1, QueueReason.TICK_LIMIT, 50))), T0.plusSeconds(3));

    assertThat(log.of(account(1))).satisfiesExactly(
        d -> {
          assertThat(d.reason()).contains("INSUFFICIENT_RESERVE");
          assertThat(d.ticks()).isEqualTo(3);
          assertThat(d.first()).isEqualTo(T0);
          assertThat(d.last()).isEqualTo(T0.plusSeconds(2));
        },
        d -> assertThat(d.reason()).contains("TICK_LIMIT"));
    assertThat(log.lastTick()).contains(T0.plusSeconds(3));
    assertThat(log.of(account(2))).isEmpty();
  }

  @Test
  void keepsAtMostItsBoundsOfDecisionsPerAccountAccountsAndEntriesPerTick() {
    DecisionLog log = new DecisionLog(3, 2, 5);
    for (int i = 0; i < 4; i++) {
      log.planned(queued(List.of(waiting(1, QueueReason.values()[i], 10))), T0.plusSeconds(i));
    }
    assertThat(log.of(account(1))).extracting(DecisionLog.Decision::reason)
        .containsExactly(Optional.of(QueueReason.values()[2].name()), Optional.of(QueueReason.values()[3].name()));

    List<Queued> many = new ArrayList<>();
    for (int n = 10; n < 20; n++) {
      many.add(waiting(n, QueueReason.INSUFFICIENT_RESERVE, n));
    }
    log.planned(queued(many), T0.plusSeconds(10));
    assertThat(log.size()).isEqualTo(3);
    assertThat(log.of(account(14))).as("the fifth entry of the tick, the last one read").hasSize(1);
    assertThat(log.of(account(15))).as("past the per-tick bound").isEmpty();
    assertThat(log.of(account(1))).as("forgotten: least recently decided").isEmpty();
  }
}
