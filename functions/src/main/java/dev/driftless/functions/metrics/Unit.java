package dev.driftless.functions.metrics;

/** The CloudWatch units the metrics use, spelled as the embedded metric format wants them. */
public enum Unit {
  COUNT("Count"), MILLISECONDS("Milliseconds");

  private final String word;

  Unit(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }
}
