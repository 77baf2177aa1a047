package dev.driftless.reconcile;

import dev.driftless.model.Application;
import java.util.Map;

/** Where drift and operation events go (an EventBridge bus in AWS). Details hold no secret values. */
public interface EventSink {

  void emit(String detailType, Map<String, Object> detail);

  /**
   * A sync of {@code app} at {@code commit} (the commit it fetched; null when it failed before fetching one) ended,
   * or paused on its way (result RUNNING: waiting on health; WAITING: held by a sync window): what commit statuses
   * report. Called after the status and history are written; plans and skipped operations are not syncs. Must not
   * throw. This default reports nowhere.
   */
  default void syncEnded(Application app, String commit, ReconcileResult result) {}
}
