package dev.driftless.feedback;

import dev.driftless.model.Application;
import dev.driftless.reconcile.EventSink;
import dev.driftless.reconcile.ReconcileResult;
import java.util.Map;

/** Events go to the sink it wraps; the end of each sync also goes to the commit's status on its forge. */
public final class FeedbackSink implements EventSink {

  private final EventSink events;
  private final CommitStatuses statuses;

  public FeedbackSink(EventSink events, CommitStatuses statuses) {
    this.events = events;
    this.statuses = statuses;
  }

  @Override
  public void emit(String detailType, Map<String, Object> detail) {
    events.emit(detailType, detail);
  }

  @Override
  public void syncEnded(Application app, String commit, ReconcileResult result) {
    events.syncEnded(app, commit, result);
    statuses.post(app, commit, result);
  }
}
