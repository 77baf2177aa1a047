package dev.driftless.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CloudWatchLogsEvent;
import dev.driftless.functions.audit.AuditLogs;
import dev.driftless.functions.audit.AuditReceiver;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EKS audit logs, from the CloudWatch Logs subscription filter on each opted-in cluster's log group: the events
 * of one delivery ({@link AuditLogs}) go to {@link AuditReceiver} as the cluster's the log group is mapped to. Only
 * the subscriptions may invoke this function (its resource policy), so no token is checked. A failure to ask the
 * cluster fails the invocation, and Lambda's asynchronous retries send the delivery again.
 */
public final class AuditLogsHandler implements RequestHandler<CloudWatchLogsEvent, String> {

  private static final Logger LOG = LoggerFactory.getLogger(AuditLogsHandler.class);

  private final Map<String, String> groups;
  private final AuditReceiver receiver;

  public AuditLogsHandler() {
    this(Functions.fromEnvironment(System.getenv()), AuditLogs.groups(System.getenv()));
  }

  /** Tests and the local runner: {@code groups} maps audit log group names to cluster names. */
  public AuditLogsHandler(Functions fn, Map<String, String> groups) {
    this.groups = Map.copyOf(groups);
    this.receiver = new AuditReceiver(fn.parts().applications(), fn.parts().clusters(), fn.parts().clients(),
        fn.queue(), fn.clock());
    Priming.register();
  }

  @Override
  public String handleRequest(CloudWatchLogsEvent event, Context context) {
    AuditLogs logs = AuditLogs.decode(event.getAwsLogs().getData(), groups);
    if (logs.cluster() == null) {
      LOG.warn("audit logs: log group {} is mapped to no cluster; {} event(s) dropped", logs.logGroup(),
          logs.events().size());
      return "queued 0";
    }
    AuditReceiver.Result r = receiver.receive(logs.cluster(), logs.events());
    LOG.info("audit logs {} ({}): {} event(s), {} write(s), {} reconcile(s) queued: {}", logs.cluster(),
        logs.logGroup(), r.events(), r.writes(), r.queued(), r.reason());
    return "queued " + r.queued();
  }
}
