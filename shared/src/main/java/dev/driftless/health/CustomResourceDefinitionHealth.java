package dev.driftless.health;

/**
 * A CRD is Healthy once Established. Names not accepted (a conflict with another CRD), not established, or
 * a non-structural schema are Degraded; a terminating CRD is Progressing. No conditions yet is Progressing:
 * the API server has not looked at it.
 */
final class CustomResourceDefinitionHealth {

  private CustomResourceDefinitionHealth() {}

  static Health assess(LiveObject crd) {
    if (crd.conditions().isEmpty()) {
      return Health.progressing("Waiting for the API server to set the CRD's conditions");
    }
    Condition terminating = null;
    Condition namesRejected = null;
    Condition notEstablished = null;
    Condition nonStructural = null;
    boolean established = false;
    for (Condition c : crd.conditions()) {
      switch (c.type()) {
        case "Terminating" -> terminating = c.isTrue() ? c : terminating;
        case "NamesAccepted" -> namesRejected = c.isFalse() ? c : namesRejected;
        case "Established" -> {
          established = c.isTrue();
          notEstablished = c.isTrue() ? null : c;
        }
        case "NonStructuralSchema" -> nonStructural = c.isTrue() ? c : nonStructural;
        default -> { }
      }
    }
    if (terminating != null) {
      return Health.progressing("CRD is being terminated: " + terminating.explanation());
    }
    if (namesRejected != null) {
      return Health.degraded("CRD names have not been accepted: " + namesRejected.explanation());
    }
    if (!established) {
      return Health.degraded("CRD is not established"
          + (notEstablished == null ? "" : ": " + notEstablished.explanation()));
    }
    if (nonStructural != null) {
      return Health.degraded("CRD schema is not structural: " + nonStructural.explanation());
    }
    return Health.healthy("CRD is established");
  }
}
