package dev.driftless.functions.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.cluster.ClusterClients;
import dev.driftless.cluster.ClusterRegistration;
import dev.driftless.functions.SyncMessage;
import dev.driftless.functions.queue.WorkQueue;
import dev.driftless.functions.webhook.WebhookScope;
import dev.driftless.state.ApplicationStore;
import dev.driftless.state.ClusterStore;
import dev.driftless.state.Trigger;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one cluster's audit events into targeted reconciles. In order: events that cannot be drift are dropped
 * from the event alone ({@link AuditFilter}; most are, and cost nothing more); an unregistered cluster queues
 * nothing; Driftless's own writes are dropped ({@link DriftlessIdentity}); each remaining write's object names its
 * Application ({@link TrackedOwner}), which counts only if it exists and deploys to this cluster (an object may
 * carry any annotation). Each such Application gets one {@link Trigger#AUDIT} reconcile, whose cause (kept in its
 * history) is the first write seen: who did what to which object, never a value. Reconciles are coalesced: the
 * FIFO deduplication id holds the Application and a {@link #COALESCE}-long time bucket, so a burst of writes
 * (a rollout, a {@code kubectl apply} of many objects) queues one reconcile, and the reconcile's plan sees them all.
 */
public final class AuditReceiver {

  /** Writes to one Application within one such bucket queue one reconcile. */
  public static final Duration COALESCE = Duration.ofSeconds(2);

  /** What one batch came to; {@code reason} is for the log. */
  public record Result(int events, int writes, int queued, String reason) {}

  private final ApplicationStore applications;
  private final ClusterStore clusters;
  private final ClusterClients clients;
  private final WorkQueue queue;
  private final Clock clock;
  private final DriftlessIdentity identity = new DriftlessIdentity();

  public AuditReceiver(ApplicationStore applications, ClusterStore clusters, ClusterClients clients, WorkQueue queue,
      Clock clock) {
    this.applications = applications;
    this.clusters = clusters;
    this.clients = clients;
    this.queue = queue;
    this.clock = clock;
  }

  /** Handles the audit events {@code cluster} reported; a failure to ask the cluster is an {@link AuditException}. */
  public Result receive(String cluster, List<JsonNode> events) {
    List<AuditEvent> writes = new ArrayList<>();
    for (JsonNode n : events) {
      AuditEvent e = AuditEvent.of(n);
      if (AuditFilter.ignoredBecause(e).isEmpty()) writes.add(e);
    }
    if (writes.isEmpty()) return new Result(events.size(), 0, 0, "no writes");
    Optional<ClusterRegistration> reg = clusters.get(cluster);
    if (reg.isEmpty()) return new Result(events.size(), writes.size(), 0, "cluster not registered");
    Map<String, String> causes = new LinkedHashMap<>();
    try (ClusterClients.Use use = clients.use(reg.get())) {
      String driftless = identity.username(reg.get(), use.cluster().client());
      Map<String, Boolean> deploysHere = new HashMap<>();
      for (AuditEvent e : writes) {
        if (AuditFilter.byDriftless(e, driftless)) continue;
        Optional<String> app = TrackedOwner.of(e, use.cluster().client(), cluster);
        // A name that is not an Application name is no Application's: it is not even looked up.
        if (app.isEmpty() || !WebhookScope.isName(app.get()) || causes.containsKey(app.get())) continue;
        if (deploysHere.computeIfAbsent(app.get(), a -> deploysTo(a, cluster))) {
          causes.put(app.get(), "audit " + Words.safe(cluster) + " " + e.describe());
        }
      }
    } catch (KubernetesClientException e) {
      throw new AuditException("cluster " + cluster + ": could not be asked: " + e.getCode(), e);
    }
    Instant now = clock.instant();
    long bucket = now.toEpochMilli() / COALESCE.toMillis();
    causes.forEach((app, cause) ->
        queue.enqueue(new SyncMessage(app, Trigger.AUDIT, null, now, null, cause), "audit-" + app + "-" + bucket));
    return new Result(events.size(), writes.size(), causes.size(), causes.isEmpty() ? "no tracked object written"
        : String.join("; ", causes.values()));
  }

  private boolean deploysTo(String app, String cluster) {
    return applications.get(app).map(s -> cluster.equals(s.application().destination().cluster())).orElse(false);
  }
}
