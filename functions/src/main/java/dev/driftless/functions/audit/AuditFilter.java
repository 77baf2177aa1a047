package dev.driftless.functions.audit;

import java.util.Optional;
import java.util.Set;

/**
 * Which audited requests can be drift: completed writes ({@code create}, {@code update}, {@code patch},
 * {@code delete}) that the API server accepted (code below 400), to an object itself or to its {@code scale}
 * subresource ({@code kubectl scale} writes there), by anyone but Driftless. Ignored: every other stage (one
 * request is logged at several), reads, {@code deletecollection} (it names no object; the scan catches it),
 * refused or failed requests, writes to {@code status} (controllers reporting, not desired state) and to the other
 * subresources ({@code binding}, {@code eviction}, {@code token}...), and Driftless's own writes (its user on the
 * cluster, learnt with a SelfSubjectReview: {@link DriftlessIdentity}). Whether the object is tracked is judged
 * after this, by {@link TrackedOwner}.
 */
final class AuditFilter {

  static final String COMPLETE = "ResponseComplete";
  private static final Set<String> WRITES = Set.of("create", "update", "patch", "delete");

  private AuditFilter() {}

  /** Why the event cannot be drift, judged from the event alone; empty when it may be. */
  static Optional<String> ignoredBecause(AuditEvent e) {
    if (!COMPLETE.equals(e.stage())) return Optional.of("stage " + Words.safe(e.stage()));
    if (!WRITES.contains(e.verb())) return Optional.of("not a write");
    if (e.code() < 200 || e.code() >= 400) return Optional.of("refused (" + e.code() + ")");
    if (!e.subresource().isEmpty() && !e.subresource().equals("scale")) return Optional.of("a subresource");
    if (e.name().isEmpty() || e.resource().isEmpty() || e.version().isEmpty()) return Optional.of("no object");
    return Optional.empty();
  }

  /** Whether the event is Driftless's own write on a cluster where Driftless is {@code driftlessUser}. */
  static boolean byDriftless(AuditEvent e, String driftlessUser) {
    return e.username().equals(driftlessUser);
  }
}
