package dev.driftless.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.constructs.Construct;

/**
 * A CloudWatch dashboard of the functions' embedded metrics (namespace {@link Monitoring#METRIC_NAMESPACE}): syncs by
 * result and their duration, drift detected, Applications out of sync and degraded as the scans count them,
 * webhook deliveries by provider and outcome, queue age; then each function's errors and the dead-letter queues.
 * Metrics whose dimension values are open (results, providers, outcomes) are drawn with SEARCH, so a new value
 * appears without a change here.
 */
public final class OperationsDashboard extends Construct {

  private static final Duration PERIOD = Duration.minutes(5);

  private final Dashboard dashboard;

  public OperationsDashboard(Construct scope, String id, Map<FunctionKind, DriftlessFunction> functions,
      WorkQueues queues) {
    super(scope, id);
    dashboard = Dashboard.Builder.create(this, "Dashboard").defaultInterval(Duration.hours(6)).build();
    dashboard.addWidgets(
        graph("Syncs by result", search("{Driftless,Result} MetricName=\"Syncs\"", "Sum", "Syncs")),
        graph("Sync duration", driftless("SyncDuration", "p50"), driftless("SyncDuration", "p90"),
            driftless("SyncDuration", "Maximum")));
    dashboard.addWidgets(
        graph("Drift detected", driftless("DriftDetected", "Sum")),
        graph("Applications out of sync and degraded (per scan)", driftless("AppsOutOfSync", "Sum"),
            driftless("AppsDegraded", "Sum")));
    dashboard.addWidgets(
        graph("Webhook deliveries by provider and outcome",
            search("{Driftless,Provider,Outcome} MetricName=\"WebhookDeliveries\"", "Sum", "Deliveries")),
        graph("Queue age", driftless("QueueAge", "p90"), driftless("QueueAge", "Maximum")));
    dashboard.addWidgets(
        graph("Function errors", functions.values().stream().map(f -> (IMetric) f.function().metricErrors(
            MetricOptions.builder().period(PERIOD).statistic("Sum").label(f.kind().id()).build())).toList()),
        graph("Dead letters", queues.workDeadLetters().metricApproximateNumberOfMessagesVisible(
            MetricOptions.builder().period(PERIOD).statistic("Maximum").label("sync").build()),
            queues.delayDeadLetters().metricApproximateNumberOfMessagesVisible(
                MetricOptions.builder().period(PERIOD).statistic("Maximum").label("delay").build())));
  }

  public Dashboard dashboard() {
    return dashboard;
  }

  private static GraphWidget graph(String title, IMetric... metrics) {
    return graph(title, List.of(metrics));
  }

  private static GraphWidget graph(String title, List<IMetric> metrics) {
    return GraphWidget.Builder.create().title(title).left(metrics).width(12).height(6).build();
  }

  private static Metric driftless(String name, String statistic) {
    return Metric.Builder.create().namespace(Monitoring.METRIC_NAMESPACE).metricName(name).statistic(statistic)
        .period(PERIOD).label(name + " " + statistic).build();
  }

  private static MathExpression search(String query, String statistic, String label) {
    return MathExpression.Builder.create()
        .expression("SEARCH('" + query + "', '" + statistic + "', " + PERIOD.toSeconds() + ")")
        .usingMetrics(Map.of()).label(label).period(PERIOD).build();
  }
}
