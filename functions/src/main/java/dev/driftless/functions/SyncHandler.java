package dev.driftless.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.driftless.model.DriftlessException;
import dev.driftless.reconcile.ApplicationSetSync;
import dev.driftless.reconcile.ReconcileRequest;
import dev.driftless.reconcile.ReconcileResult;
import dev.driftless.state.ConflictException;
import dev.driftless.state.OperationResult;
import dev.driftless.state.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes sync work from the queues: one reconcile per message, or one cluster scan ({@link ClusterScanMessage})
 * that queues a reconcile for each Application it finds changed. An operation that must continue (still
 * progressing at the deadline, or failed with retries left) is re-enqueued as a delayed continuation; one
 * that found its Application busy is re-enqueued as it was; the child Applications an app of apps registered are
 * queued for their first reconcile. A message that cannot be read, or whose
 * operation could not even be recorded, is reported as a batch item failure so SQS redelivers it (and
 * moves it to the dead-letter queue in the end) without failing the other messages.
 */
public final class SyncHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

  private static final Logger LOG = LoggerFactory.getLogger(SyncHandler.class);
  /** Time kept for recording and answering after the last operation. */
  static final Duration RESERVE = Duration.ofSeconds(5);
  static final Duration BUSY_RETRY = Duration.ofSeconds(10);

  private final Functions fn;

  public SyncHandler() {
    this(Functions.fromEnvironment(System.getenv()));
  }

  public SyncHandler(Functions fn) {
    this.fn = fn;
    Priming.register();
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    Instant deadline = fn.clock().instant().plusMillis(context.getRemainingTimeInMillis()).minus(RESERVE);
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    for (SQSEvent.SQSMessage m : event.getRecords()) {
      if (!fn.clock().instant().isBefore(deadline.minus(Duration.ofSeconds(30)))) {
        // Not enough time left for another operation: let SQS deliver it again.
        failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
        continue;
      }
      try {
        if (ClusterScanMessage.isOne(m.getBody())) {
          new ClusterScans(fn).run(ClusterScanMessage.parse(m.getBody(), m.getMessageId()));
          continue;
        }
        SyncMessage msg = SyncMessage.parse(m.getBody(), m.getMessageId());
        if (msg.applicationSet() != null) {
          evaluate(msg, m, deadline);
        } else {
          handle(msg, deadline);
        }
      } catch (IllegalArgumentException e) {
        LOG.warn("{}", e.getMessage());
        failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
      } catch (RuntimeException e) {
        LOG.error("message {}: {}", m.getMessageId(), e.getClass().getSimpleName() + ": " + e.getMessage());
        failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
      }
    }
    return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
  }

  private void evaluate(SyncMessage msg, SQSEvent.SQSMessage m, Instant deadline) {
    String set = msg.applicationSet();
    ApplicationSetSync.Result r;
    try {
      r = fn.reconciler().applicationSets().evaluate(set, deadline);
    } catch (ConflictException e) {
      // Another evaluation of the set holds its lease: this one comes again.
      fn.queue().enqueueLater(msg, BUSY_RETRY);
      return;
    } catch (DriftlessException e) {
      // Recorded beside the set; only a change to Git, the set or the projects changes the answer.
      LOG.warn("{} applicationset {}: {}", msg.trigger().word(), set, e.getMessage());
      return;
    }
    LOG.info("{} applicationset {}: {}", msg.trigger().word(), set, r.changes().summary());
    queueFirstSyncs(r.registered(), msg.trigger().word() + "-" + set + "-" + m.getMessageId());
  }

  private void queueFirstSyncs(List<String> applications, String cause) {
    for (String child : applications) {
      fn.queue().enqueue(new SyncMessage(child, Trigger.SCHEDULE, null, fn.clock().instant()),
          "child-" + child + "-" + cause);
    }
  }

  ReconcileResult handle(SyncMessage msg, Instant deadline) {
    ReconcileRequest req = new ReconcileRequest(msg.application(), msg.trigger(), msg.revision(),
        msg.operationId(), msg.deliveryId(), msg.options());
    ReconcileResult r = fn.reconciler().reconcile(req, deadline);
    LOG.info("{} {}: {} ({})", msg.trigger().word(), msg.application(), r.result(), r.message());
    if (r.needsContinuation()) {
      SyncMessage next = r.result() == OperationResult.SKIPPED ? msg
          : new SyncMessage(msg.application(), Trigger.CONTINUE, r.revision(), fn.clock().instant(),
              r.operationId(), msg.deliveryId());
      fn.queue().enqueueLater(next, r.continueAfter());
    }
    queueFirstSyncs(r.childApplicationsRegistered(), r.operationId());
    return r;
  }
}
