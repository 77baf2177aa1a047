package dev.driftless.reconcile;

import dev.driftless.model.Application;
import dev.driftless.model.DriftlessException;
import dev.driftless.source.Checkout;
import dev.driftless.source.Source;
import dev.driftless.source.SourceException;
import dev.driftless.state.Operation;
import dev.driftless.state.Trigger;
import java.util.ArrayList;
import java.util.List;

/**
 * The commit an operation deploys, for each source of the Application: the one it is pinned to (rollback,
 * continuation, retry, a manual sync that names a revision), else the tracked ref's head. A push, a scan, or their
 * retry or continuation, deploys only a commit the tracked ref reaches; a manual sync or a rollback may name any
 * commit.
 */
final class OperationSource {

  private final Source source;

  OperationSource(Source source) {
    this.source = source;
  }

  Fetched fetch(Application app, ReconcileRequest req, Operation op) {
    Application wanted = sourcesAt(app, req, op);
    if (wanted != app && isAutomated(op.trigger())) {
      for (int i = 0; i < app.sources().size(); i++) {
        if (!source.reachable(app.sources().get(i), wanted.sources().get(i).targetRevision())) {
          throw new RevisionNotTrackedException(app, op.revision());
        }
      }
    }
    return fetchAll(wanted);
  }

  /**
   * Every source of the Application at the revisions it names, one checkout each; a failure of one of several names
   * which ({@code spec.sources[i]}), keeping its kind (retryable or not).
   */
  Fetched fetchAll(Application app) {
    if (!app.isMultiSource()) {
      return Fetched.of(app, List.of(source.fetch(app.source())));
    }
    List<Checkout> checkouts = new ArrayList<>();
    for (int i = 0; i < app.sources().size(); i++) {
      try {
        checkouts.add(source.fetch(app.sources().get(i)));
      } catch (SourceException e) {
        throw new SourceException(e.failure(), "spec.sources[" + i + "]: " + e.getMessage(), e);
      }
    }
    return Fetched.of(app, checkouts);
  }

  /**
   * The Application with each source at the revision {@code revision} names for it (a recorded revision of several
   * sources names one per source); refused when it names another number of them.
   */
  static Application at(Application app, String revision) {
    List<String> revisions = Fetched.split(app, revision);
    if (revisions.size() != app.sources().size()) {
      throw new DriftlessException("application " + app.name() + ": revision " + revision + " names "
          + revisions.size() + " revisions for " + app.sources().size() + " sources");
    }
    return app.at(revisions);
  }

  private static boolean isAutomated(Trigger trigger) {
    return trigger == Trigger.PUSH || trigger.detectsDrift();
  }

  private static Application sourcesAt(Application app, ReconcileRequest req, Operation op) {
    boolean pinned = req.trigger() == Trigger.ROLLBACK || req.trigger() == Trigger.CONTINUE || op.attempt() > 1
        || (req.trigger() == Trigger.MANUAL && req.revision() != null);
    return !pinned || op.revision() == null ? app : at(app, op.revision());
  }
}
