package io.hubd.daemon.rebalance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlotShareTest {

  @Test
  void splitsEvenlyWhenEveryoneWantsMore() {
    assertThat(SlotShare.roundRobin(new int[] {300, 300, 300}, 256)).containsExactly(86, 85, 85);
  }

  @Test
  void givesWhatASmallDemandLeavesToTheOthers() {
    assertThat(SlotShare.roundRobin(new int[] {10, 300}, 256)).containsExactly(10, 246);
  }

  @Test
  void givesEveryoneAllWhenThereIsRoom() {
    assertThat(SlotShare.roundRobin(new int[] {3, 0, 4}, 256)).containsExactly(3, 0, 4);
  }
}
