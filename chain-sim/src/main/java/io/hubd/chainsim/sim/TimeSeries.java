package io.hubd.chainsim.sim;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Named samples over time (seconds since the start, a value), for the demo report's charts. Thread-safe. */
public final class TimeSeries {
  private final String name;
  private final List<double[]> points = new ArrayList<>();

  public TimeSeries(String name) {
    this.name = Objects.requireNonNull(name, "name == null");
  }

  public String name() {
    return name;
  }

  public synchronized void add(double seconds, BigDecimal value) {
    points.add(new double[] {seconds, value.doubleValue()}); // display only: exact values stay BigInteger elsewhere
  }

  public synchronized List<double[]> points() {
    return List.copyOf(points);
  }
}
