package dev.driftless.functions.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.apply.Change;
import dev.driftless.apply.ChangeSet;
import dev.driftless.cluster.ClusterRegistration;
import dev.driftless.model.Application;
import dev.driftless.model.ObjectKey;
import dev.driftless.project.Project;
import dev.driftless.project.SyncWindow;
import dev.driftless.reconcile.ResourceState;
import dev.driftless.state.AppStatus;
import dev.driftless.state.ClusterStore;
import dev.driftless.state.HistoryEntry;
import dev.driftless.state.Operation;
import dev.driftless.state.SyncStatus;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON shapes the API answers with. Field names are camelCase, status words lowercase where they are
 * enums (result, trigger, action, auth), times ISO-8601; absent values are null, never omitted.
 */
final class Views {

  private Views() {}

  static ObjectNode object() {
    return Bodies.JSON.createObjectNode();
  }

  /** A registration, and what the scans last found of the cluster (all null before a scan reached it). */
  static ObjectNode cluster(ClusterRegistration c, ClusterStore.Reachability reach) {
    ObjectNode n = object().put("name", c.name()).put("server", c.server()).put("caData", c.caData())
        .put("auth", word(c.auth())).put("secretId", c.secretId()).put("eksClusterName", c.eksClusterName())
        .put("roleArn", c.roleArn()).put("region", c.region());
    ObjectNode labels = n.putObject("labels");
    new TreeMap<>(c.labels()).forEach(labels::put);
    return n.put("reachable", reach.reachable()).put("unreachable", reach.unreachable())
        .put("version", reach.version()).put("checkedAt", time(reach.checkedAt()));
  }

  /** The parts of an Application a list or a table shows. */
  static ObjectNode summary(Application app) {
    ObjectNode n = object().put("name", app.name()).put("project", app.project());
    n.set("source", source(app.source()));
    // Every source, as Argo CD's spec.sources has them (one, the same as source, for a single-source Application).
    ArrayNode sources = n.putArray("sources");
    app.sources().forEach(s -> sources.add(source(s)));
    n.putObject("destination").put("cluster", app.destination().cluster())
        .put("namespace", app.destination().namespace());
    n.putObject("syncPolicy").put("automated", app.syncPolicy().automated()).put("prune", app.syncPolicy().prune())
        .put("selfHeal", app.syncPolicy().selfHeal());
    return n;
  }

  private static ObjectNode source(Application.Source s) {
    return object().put("repoURL", s.repoURL()).put("targetRevision", s.targetRevision()).put("path", s.path())
        .put("chart", s.chart()).put("ref", s.ref());
  }

  /** What a project allows, as a list or a table shows it; the stored document is the whole truth. */
  static ObjectNode project(Project p) {
    ObjectNode n = object().put("name", p.name()).put("description", p.description());
    p.sourceRepos().forEach(n.putArray("sourceRepos")::add);
    ArrayNode destinations = n.putArray("destinations");
    for (Project.Destination d : p.destinations()) {
      destinations.add(object().put("server", d.server()).put("name", d.name()).put("namespace", d.namespace()));
    }
    ArrayNode windows = n.putArray("syncWindows");
    for (SyncWindow w : p.syncWindows()) {
      windows.add(object().put("window", w.toString()).put("manualSync", w.manualSync()));
    }
    p.referencePrefixes().forEach(n.putArray("secretReferencePrefixes")::add);
    n.put("ownWebhookSecrets", p.ownWebhookSecrets());
    p.notEnforced().forEach(n.putArray("notEnforced")::add);
    return n;
  }

  static ObjectNode status(AppStatus st) {
    ObjectNode n = object().put("sync", st.sync().displayName()).put("health", st.health().displayName())
        .put("revision", st.revision()).put("revisionTime", time(st.revisionTime()))
        .put("lastResult", word(st.lastResult())).put("lastMessage", st.lastMessage())
        .put("objects", st.inventory().entries().size()).put("updatedAt", time(st.updatedAt()));
    Operation op = st.operation();
    if (op == null) {
      n.putNull("operation");
    } else {
      // running: a pass holds the lease until leaseUntil; otherwise the operation waits for its continuation or
      // retry. A running operation whose leaseUntil has passed was left by a crash, and the next scan continues it.
      ObjectNode o = n.putObject("operation").put("id", op.id()).put("trigger", word(op.trigger()))
          .put("revision", op.revision()).put("step", op.step() == null ? null : op.step().name())
          .put("startedAt", time(op.startedAt())).put("attempt", op.attempt()).put("running", op.leaseUntil() != null)
          .put("leaseUntil", time(op.leaseUntil()));
      o.set("options", op.options().toJson());
      // The counts of this attempt's passes saved so far (a running pass adds its own when it saves).
      ObjectNode counts = o.putObject("counts");
      new TreeMap<>(op.counts()).forEach(counts::put);
      // The wave an attempt held between waves waits to apply (a pass resuming it applies that wave next); null at
      // any other step. It rides on the saves a held pass makes anyway: the operation is never written per wave.
      o.put("wave", op.wave());
    }
    return n;
  }

  static ObjectNode history(HistoryEntry h) {
    ObjectNode n = object().put("id", h.id()).put("startedAt", time(h.startedAt()))
        .put("durationMs", h.duration().toMillis()).put("trigger", word(h.trigger())).put("revision", h.revision())
        .put("author", h.author()).put("commitMessage", h.commitMessage()).put("result", word(h.result()))
        .put("message", h.message()).put("deliveryId", h.deliveryId());
    n.set("options", h.options().toJson());
    ObjectNode counts = n.putObject("counts");
    for (Map.Entry<String, Integer> e : h.counts().entrySet()) counts.put(e.getKey(), e.getValue());
    return n;
  }

  static ObjectNode changes(String application, String revision, ChangeSet set) {
    ObjectNode n = object().put("application", application).put("revision", revision).put("inSync", set.inSync());
    ObjectNode counts = n.putObject("counts");
    set.countsByAction().forEach((a, c) -> counts.put(word(a), c));
    ArrayNode list = n.putArray("changes");
    for (Change c : set.changes()) list.add(change(c));
    return n;
  }

  /** One change: what would happen to which object, and the diff (Secret data already masked by the planner). */
  static ObjectNode change(Change c) {
    ObjectNode n = object().put("action", word(c.action()));
    n.set("object", key(c.key()));
    n.put("apiVersion", c.apiVersion()).put("diff", c.diff()).put("message", c.message());
    return n;
  }

  /** One object: its key, whether it is in sync (and what a sync would do), its health and what holds it back. */
  static ObjectNode resource(ResourceState r) {
    return key(r.key()).put("apiVersion", r.apiVersion())
        .put("sync", r.inSync() ? SyncStatus.SYNCED.displayName() : SyncStatus.OUT_OF_SYNC.displayName())
        .put("action", word(r.action())).put("reason", r.reason())
        .put("health", r.health().status().displayName()).put("message", r.health().message());
  }

  static ObjectNode key(ObjectKey k) {
    return object().put("group", k.group()).put("kind", k.kind()).put("namespace", k.namespace())
        .put("name", k.name());
  }

  static String word(Enum<?> e) {
    return e == null ? null : e.name().toLowerCase(Locale.ROOT);
  }

  static String time(Instant t) {
    return t == null ? null : t.toString();
  }
}
