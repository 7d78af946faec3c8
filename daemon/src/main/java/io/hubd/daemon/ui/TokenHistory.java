package io.hubd.daemon.ui;

import java.util.ArrayList;
import java.util.List;

/**
 * One token's recent history for the cockpit's charts: a ring of at most {@code capacity} samples (time, reserve,
 * hub wallet, user exposure, hub credit, net margin), in whole tokens as doubles (for drawing only; exact amounts
 * are in the snapshot). Thread-safe.
 */
final class TokenHistory {
  /** The series, oldest first, all of one length; times in unix seconds. */
  record Series(List<Long> t, List<Double> reserve, List<Double> wallet, List<Double> exposure, List<Double> credit,
      List<Double> margin) {}

  private final int capacity;
  private final long[] t;
  private final double[][] values;
  private int next;
  private int size;

  TokenHistory(int capacity) {
    if (capacity < 2) {
      throw new IllegalArgumentException("capacity < 2: " + capacity);
    }
    this.capacity = capacity;
    this.t = new long[capacity];
    this.values = new double[5][capacity];
  }

  /** Appends one sample; a value that could not be read is {@code NaN} (a gap in the chart). */
  synchronized void add(long unixSeconds, double reserve, double wallet, double exposure, double credit,
      double margin) {
    t[next] = unixSeconds;
    double[] v = {reserve, wallet, exposure, credit, margin};
    for (int i = 0; i < v.length; i++) {
      values[i][next] = v[i];
    }
    next = (next + 1) % capacity;
    size = Math.min(size + 1, capacity);
  }

  synchronized Series series() {
    List<Long> times = new ArrayList<>(size);
    List<List<Double>> out = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      out.add(new ArrayList<>(size));
    }
    int start = (next - size + capacity) % capacity;
    for (int k = 0; k < size; k++) {
      int i = (start + k) % capacity;
      times.add(t[i]);
      for (int s = 0; s < values.length; s++) {
        double v = values[s][i];
        out.get(s).add(Double.isNaN(v) ? null : v);
      }
    }
    return new Series(times, out.get(0), out.get(1), out.get(2), out.get(3), out.get(4));
  }
}
