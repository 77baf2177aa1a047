package dev.driftless.project;

/** What a project refuses: the subject (a field or an object, e.g. {@code apps/Deployment team-b/web}) and the rule. */
public record Violation(String subject, String rule) {

  @Override
  public String toString() {
    return subject + ": " + rule;
  }
}
