package dev.driftless.functions.metrics;

import dev.driftless.reconcile.ReconcileResult;
import dev.driftless.state.Trigger;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The functions' metrics, written as embedded-metric-format lines on standard output. Dimensions are few and of
 * low cardinality (result, provider and outcome); the Application, operation and cluster go in as properties, so
 * a fleet of thousands of Applications costs a handful of metrics, and Logs Insights still finds each line.
 */
public final class Metrics {

  private final Consumer<String> out;
  private final Clock clock;

  public Metrics(Consumer<String> out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  /** Lines on standard output, looked up per line (Lambda sends it to CloudWatch Logs). */
  public static Metrics standardOutput(Clock clock) {
    return new Metrics(line -> System.out.println(line), clock);
  }

  /**
   * One operation ended: {@code Syncs} (1) and {@code SyncDuration} by {@code Result}, and {@code DriftDetected}
   * (1, no dimension) when a scheduled or audit-triggered operation found the cluster differing from Git.
   */
  public void operation(ReconcileResult r, Trigger trigger, Duration took) {
    out.accept(new EmfLine(clock.instant()).dimension("Result", word(r.result().name()))
        .metric("Syncs", Unit.COUNT, 1).metric("SyncDuration", Unit.MILLISECONDS, took.toMillis())
        .property("Application", r.application()).property("Operation", r.operationId())
        .property("Trigger", trigger.word()).toJson());
    if (trigger.detectsDrift() && r.changes() != null && !r.changes().inSync()) {
      out.accept(new EmfLine(clock.instant()).metric("DriftDetected", Unit.COUNT, 1)
          .property("Application", r.application()).property("Operation", r.operationId()).toJson());
    }
  }

  /** One cluster scan: {@code AppsOutOfSync} (found differing) and {@code AppsDegraded}, no dimension. */
  public void clusterScan(String cluster, int outOfSync, int degraded) {
    out.accept(new EmfLine(clock.instant()).metric("AppsOutOfSync", Unit.COUNT, outOfSync)
        .metric("AppsDegraded", Unit.COUNT, degraded).property("Cluster", cluster).toJson());
  }

  /** One webhook delivery: {@code WebhookDeliveries} (1) by {@code Provider} and {@code Outcome}. */
  public void webhookDelivery(String provider, String outcome) {
    out.accept(new EmfLine(clock.instant()).dimension("Provider", provider).dimension("Outcome", outcome)
        .metric("WebhookDeliveries", Unit.COUNT, 1).toJson());
  }

  /** How long a message waited in its queue before this delivery: {@code QueueAge}, no dimension. */
  public void queueAge(Duration age, String application) {
    out.accept(new EmfLine(clock.instant()).metric("QueueAge", Unit.MILLISECONDS, Math.max(0, age.toMillis()))
        .property("Application", application).toJson());
  }

  private static String word(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
