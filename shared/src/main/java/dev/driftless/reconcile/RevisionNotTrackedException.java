package dev.driftless.reconcile;

import dev.driftless.model.Application;
import dev.driftless.model.DriftlessException;

/**
 * A push, a scan, or their retry or continuation, was to deploy a commit that the Application's tracked ref does
 * not reach (a fork's or a pull request's commit, or one a force push dropped). Nothing is deployed and the
 * operation is not retried: only a manual sync or a rollback deploys a commit outside the tracked ref.
 */
public final class RevisionNotTrackedException extends DriftlessException {

  private static final long serialVersionUID = 1L;

  RevisionNotTrackedException(Application app, String sha) {
    super("application " + app.name() + ": commit " + sha + " is not reachable from " + app.source().targetRevision()
        + " of " + app.source().repoURL() + "; not deploying it (a manual sync or a rollback may name any commit)");
  }
}
