package dev.driftless.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Repeated measurements of one quantity, and the figures the tables show: median and minimum. */
public final class Samples {

  private final List<Double> values = new ArrayList<>();

  public Samples add(double value) {
    values.add(value);
    return this;
  }

  public int count() {
    return values.size();
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** The middle value; the mean of the two middle ones for an even count. */
  public double median() {
    List<Double> sorted = sorted();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  public double min() {
    return sorted().get(0);
  }

  public double max() {
    return sorted().get(values.size() - 1);
  }

  private List<Double> sorted() {
    if (values.isEmpty()) {
      throw new IllegalStateException("no samples");
    }
    List<Double> copy = new ArrayList<>(values);
    Collections.sort(copy);
    return copy;
  }
}
