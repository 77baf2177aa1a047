package dev.driftless.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.driftless.feedback.PlanComments;
import dev.driftless.model.DriftlessException;
import dev.driftless.reconcile.ApplicationSetSync;
import dev.driftless.functions.metrics.Metrics;
import dev.driftless.logging.LogContext;
import dev.driftless.reconcile.ClusterScan;
import dev.driftless.reconcile.ReconcileRequest;
import dev.driftless.reconcile.ReconcileResult;
import dev.driftless.reconcile.AwsClients;
import dev.driftless.reconcile.Settings;
import dev.driftless.secrets.SecretsManagerClient;
import dev.driftless.state.ConflictException;
import dev.driftless.state.OperationResult;
import dev.driftless.state.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
  private final Metrics metrics;
  private final PlanComments comments;

  public SyncHandler() {
    this(Functions.fromEnvironment(System.getenv()), System.getenv());
  }

  // The AWS client shares its simple name with Driftless's own SecretsManagerClient, hence the full name.
  private SyncHandler(Functions fn, Map<String, String> env) {
    this(fn, Metrics.standardOutput(fn.clock()), PlanComments.fromEnvironment(new SecretsManagerClient(
        AwsClients.build(software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.builder())),
        Settings.fromEnvironment(env).secrets(), env));
  }

  /** A handler that posts no pull-request plans (tests of the other work). */
  public SyncHandler(Functions fn) {
    this(fn, Metrics.standardOutput(fn.clock()), null);
  }

  public SyncHandler(Functions fn, Metrics metrics) {
    this(fn, metrics, null);
  }

  /** {@code comments}: where pull-request plans go; null, plan messages fail (and reach the dead-letter queue). */
  public SyncHandler(Functions fn, Metrics metrics, PlanComments comments) {
    this.fn = fn;
    this.metrics = metrics;
    this.comments = comments;
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
          ClusterScanMessage scan = ClusterScanMessage.parse(m.getBody(), m.getMessageId());
          LogContext.put(LogContext.CLUSTER, scan.cluster());
          ClusterScan.Report report = new ClusterScans(fn).run(scan);
          metrics.clusterScan(report.cluster(), report.reconcile().size(), report.degraded());
          continue;
        }
        if (PlanMessage.isOne(m.getBody())) {
          plan(PlanMessage.parse(m.getBody(), m.getMessageId()));
          continue;
        }
        SyncMessage msg = SyncMessage.parse(m.getBody(), m.getMessageId());
        context(msg);
        waited(m).ifPresent(age -> metrics.queueAge(age, msg.application()));
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
      } finally {
        LogContext.clear();
      }
    }
    return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
  }

  private void plan(PlanMessage msg) {
    if (comments == null) throw new IllegalStateException("pull-request plans are not configured in this handler");
    PlanComments.Posted posted = new PullRequestPlans(fn.reconciler(), fn.parts().applications(), comments).run(msg);
    LOG.info("plan of pull request {} at {} for {}: comment {}", msg.number(), msg.head(), msg.applications(),
        posted.name().toLowerCase(Locale.ROOT));
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
    Instant started = fn.clock().instant();
    ReconcileResult r = fn.reconciler().reconcile(req, deadline);
    metrics.operation(r, msg.trigger(), Duration.between(started, fn.clock().instant()));
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

  /** The fields every line about this message carries; the reconciler adds the operation and the cluster. */
  private static void context(SyncMessage msg) {
    LogContext.put(LogContext.APPLICATION, msg.application());
    LogContext.put(LogContext.TRIGGER, msg.trigger().word());
    LogContext.put(LogContext.REVISION, msg.revision());
    LogContext.put(LogContext.OPERATION, msg.operationId());
  }

  /** How long the message waited since it was sent (SQS's SentTimestamp attribute), when SQS says. */
  private Optional<Duration> waited(SQSEvent.SQSMessage m) {
    String sent = m.getAttributes() == null ? null : m.getAttributes().get("SentTimestamp");
    if (sent == null) return Optional.empty();
    try {
      return Optional.of(Duration.between(Instant.ofEpochMilli(Long.parseLong(sent)), fn.clock().instant()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
