package io.hubd.daemon.rebalance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** Picks the best {@code k} of many items with a bounded heap: O(n log k) time, O(k) extra space. Stateless. */
final class TopK {
  private TopK() {}

  /**
   * The best {@code k} items of {@code items} in order, best first, and the others in no particular order.
   *
   * @param bestFirst a total order, best first
   */
  static <T> Selection<T> select(Iterable<T> items, int k, Comparator<? super T> bestFirst) {
    if (k < 0) {
      throw new IllegalArgumentException("k must not be negative: " + k);
    }
    PriorityQueue<T> worstOnTop = new PriorityQueue<>(Math.max(1, k), Collections.reverseOrder(bestFirst));
    List<T> rest = new ArrayList<>();
    for (T item : items) {
      if (worstOnTop.size() < k) {
        worstOnTop.add(item);
      } else if (k > 0 && bestFirst.compare(item, worstOnTop.peek()) < 0) {
        rest.add(worstOnTop.poll());
        worstOnTop.add(item);
      } else {
        rest.add(item);
      }
    }
    List<T> best = new ArrayList<>(worstOnTop.size());
    while (!worstOnTop.isEmpty()) {
      best.add(worstOnTop.poll());
    }
    Collections.reverse(best);
    return new Selection<>(best, rest);
  }

  record Selection<T>(List<T> best, List<T> rest) {}
}
