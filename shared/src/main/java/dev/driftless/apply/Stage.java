package dev.driftless.apply;

import java.util.Comparator;

/**
 * One step of a staged apply: phase 0 (CRDs and Namespaces) before phase 1, then by sync wave. Changes of one
 * stage are applied together; the next stage starts when they are applied (and, with a gate, healthy).
 */
record Stage(int phase, int wave) implements Comparable<Stage> {

  private static final Comparator<Stage> ORDER = Comparator.comparingInt(Stage::phase).thenComparingInt(Stage::wave);

  static Stage of(Change c) {
    return new Stage(SyncOrder.phase(c.key()), c.wave());
  }

  @Override
  public int compareTo(Stage other) {
    return ORDER.compare(this, other);
  }
}
