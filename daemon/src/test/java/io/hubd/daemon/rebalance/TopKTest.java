package io.hubd.daemon.rebalance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopKTest {

  @Test
  void keepsTheBestKInOrderAndTheRestUnordered() {
    TopK.Selection<Integer> selection = TopK.select(List.of(5, 1, 9, 3, 7, 2), 3, Comparator.reverseOrder());
    assertThat(selection.best()).containsExactly(9, 7, 5);
    assertThat(selection.rest()).containsExactlyInAnyOrder(1, 3, 2);
  }

  @Test
  void keepsEverythingWhenThereAreFewerThanK() {
    TopK.Selection<Integer> selection = TopK.select(List.of(2, 1), 5, Comparator.naturalOrder());
    assertThat(selection.best()).containsExactly(1, 2);
    assertThat(selection.rest()).isEmpty();
  }

  @Test
  void keepsNothingForKZero() {
    TopK.Selection<Integer> selection = TopK.select(List.of(2, 1), 0, Comparator.naturalOrder());
    assertThat(selection.best()).isEmpty();
    assertThat(selection.rest()).containsExactlyInAnyOrder(1, 2);
  }
}
