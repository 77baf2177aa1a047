package dev.driftless.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * The alarms: errors of each function, any message in a dead-letter queue, and failed syncs. Failed syncs are the
 * {@code Syncs} metric with {@code Result=failed}, which the sync function writes as an embedded-metric-format line
 * for every operation (no metric filter on the log's text, which any change of wording would break).
 */
public final class Monitoring extends Construct {

  /** The namespace of the metrics the functions write (EmfLine.NAMESPACE in functions/metrics). */
  public static final String METRIC_NAMESPACE = "Driftless";
  /** One per ended operation, by its Result dimension (succeeded, failed, ...). */
  public static final String SYNCS_METRIC = "Syncs";

  private final List<Alarm> alarms = new ArrayList<>();

  public Monitoring(Construct scope, String id, List<DriftlessFunction> functions, WorkQueues queues,
      String alarmTopicArn) {
    super(scope, id);
    for (DriftlessFunction f : functions) {
      alarms.add(Alarm.Builder.create(this, f.kind().id() + "Errors")
          .alarmDescription("Driftless " + f.kind().id() + " function: invocations ended in an error")
          .metric(f.function().metricErrors(MetricOptions.builder()
              .period(Duration.minutes(5)).statistic("Sum").build()))
          .threshold(1)
          .evaluationPeriods(1)
          .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
          .treatMissingData(TreatMissingData.NOT_BREACHING)
          .build());
    }
    alarms.add(deadLetters("SyncDeadLetters", queues.workDeadLetters()));
    alarms.add(deadLetters("DelayDeadLetters", queues.delayDeadLetters()));

    Metric failedSyncs = Metric.Builder.create().namespace(METRIC_NAMESPACE).metricName(SYNCS_METRIC)
        .dimensionsMap(Map.of("Result", "failed")).period(Duration.minutes(5)).statistic("Sum").build();
    alarms.add(Alarm.Builder.create(this, "FailedSyncs")
        .alarmDescription("Driftless: one or more syncs failed (see the sync function's log and the history)")
        .metric(failedSyncs)
        .threshold(1)
        .evaluationPeriods(1)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
        .treatMissingData(TreatMissingData.NOT_BREACHING)
        .build());

    if (alarmTopicArn != null && !alarmTopicArn.isBlank()) {
      ITopic topic = Topic.fromTopicArn(this, "AlarmTopic", alarmTopicArn);
      alarms.forEach(a -> a.addAlarmAction(new SnsAction(topic)));
    }
  }

  private Alarm deadLetters(String id, Queue dlq) {
    return Alarm.Builder.create(this, id + "Depth")
        .alarmDescription("Driftless: messages in dead-letter queue " + id + " (work that failed "
            + WorkQueues.MAX_RECEIVE_COUNT + " times)")
        .metric(dlq.metricApproximateNumberOfMessagesVisible(
            MetricOptions.builder()
                .period(Duration.minutes(5)).statistic("Maximum").build()))
        .threshold(1)
        .evaluationPeriods(1)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
        .treatMissingData(TreatMissingData.NOT_BREACHING)
        .build();
  }

  public List<Alarm> alarms() {
    return List.copyOf(alarms);
  }
}
