package io.hubd.daemon.rebalance;

/**
 * Shares a batch bound among tokens round-robin: each token in turn gets one more slot while it wants more and slots
 * are left, so no token crowds out the others. Stateless.
 */
final class SlotShare {
  private SlotShare() {}

  /** Slots per token, in the order of {@code demands}: at most each demand, at most {@code capacity} in total. */
  static int[] roundRobin(int[] demands, int capacity) {
    int[] slots = new int[demands.length];
    int left = capacity;
    boolean progress = true;
    while (left > 0 && progress) {
      progress = false;
      for (int i = 0; i < demands.length && left > 0; i++) {
        if (slots[i] < demands[i]) {
          slots[i]++;
          left--;
          progress = true;
        }
      }
    }
    return slots;
  }
}
