package dev.driftless.reconcile;

import dev.driftless.apply.Cluster;
import dev.driftless.apply.InventoryCheck;
import dev.driftless.apply.LiveLists;
import dev.driftless.cluster.ClusterClients;
import dev.driftless.cluster.ClusterRegistration;
import dev.driftless.health.HealthStatus;
import dev.driftless.inventory.Inventory;
import dev.driftless.model.Application;
import dev.driftless.model.ObjectKey;
import dev.driftless.project.ProjectRules;
import dev.driftless.state.AppStatus;
import dev.driftless.state.OperationResult;
import dev.driftless.state.ScanBasis;
import dev.driftless.state.StatusStore;
import dev.driftless.state.SyncStatus;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drift scan of one cluster's Applications, sharing its work across them: each tracked ref resolved once per
 * repository (one ls-remote), each secret's current version id read once (never its value), each kind and
 * namespace that some inventory tracks listed once. An Application whose last plan was in sync and whose commit,
 * stored version and secrets' versions are the ones that plan used ({@link ScanBasis}) has the desired objects its
 * inventory records, so comparing that inventory with the lists ({@link InventoryCheck}) tells its drift without
 * fetching, rendering or a lease. Only the Applications with a difference are returned for a full reconcile;
 * the others are left as they are, their status written only when their health changed. An Application that is
 * not known to be in sync, or that renders from outside its commit (remote kustomize bases), is always
 * reconciled in full; one with an operation in flight is left to it.
 *
 * <p>An unreachable cluster is recorded once on the cluster and nothing is reconciled: its Applications' operations
 * would each fail the same way. The next scan tries again.
 */
public final class ClusterScan {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterScan.class);

  /** A targeted scan's scope: the Applications whose inventory tracks this kind in this namespace. */
  public record Tracking(String group, String kind, String namespace) {
    boolean in(Inventory inventory) {
      for (ObjectKey k : inventory.entries().keySet()) {
        if (k.group().equals(group == null ? "" : group) && k.kind().equals(kind)
            && (namespace == null || k.namespace().equals(namespace))) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * What one scan found: the Applications for a full reconcile with why (the first difference), how many were
   * left as they were and how many of those had their health written, the list requests made, and why the cluster
   * could not be reached (null when it could), and how many of those left as they were are degraded.
   */
  public record Report(String cluster, Map<String, String> reconcile, int unchanged, int healthWritten, int lists,
      String unreachable, int degraded) {

    /** A scan that assessed no health (nothing listed, or the cluster unreachable) found none degraded. */
    Report(String cluster, Map<String, String> reconcile, int unchanged, int healthWritten, int lists,
        String unreachable) {
      this(cluster, reconcile, unchanged, healthWritten, lists, unreachable, 0);
    }
  }

  private record Candidate(Application app, long version, AppStatus status) {}

  private final Reconciler.Parts parts;
  private final ReconcilerOptions options;
  private final Clock clock;

  public ClusterScan(Reconciler.Parts parts, ReconcilerOptions options, Clock clock) {
    this.parts = parts;
    this.options = options;
    this.clock = clock;
  }

  /**
   * Scans {@code applications} on {@code cluster}; with {@code tracking}, only those whose inventory tracks that
   * kind in that namespace. A name that is not registered, or not on this cluster any more, is passed over.
   */
  public Report scan(String cluster, Collection<String> applications, Tracking tracking) {
    Map<String, String> reconcile = new TreeMap<>();
    List<Candidate> quiet = new ArrayList<>();
    Map<String, StatusStore.Snapshot> read = parts.status().forScan(cluster, applications, parts.applications());
    for (String name : new LinkedHashSet<>(applications)) {
      StatusStore.Snapshot found = read.get(name);
      if (found == null || !cluster.equals(found.application().application().destination().cluster())) continue;
      Candidate c = new Candidate(found.application().application(), found.application().version(), found.status());
      if (tracking != null && !tracking.in(c.status().inventory())) continue;
      if (c.status().operation() != null) continue; // its operation records its own end; a crash is the crash check's
      String why = standing(c);
      if (why == null) quiet.add(c);
      else reconcile.put(name, why);
    }
    quiet = sources(quiet, reconcile);
    quiet = secrets(quiet, reconcile);
    if (quiet.isEmpty()) return new Report(cluster, reconcile, 0, 0, 0, null);
    return live(cluster, quiet, reconcile);
  }

  /** Why the Application needs a full reconcile whatever its cluster holds; null when only live drift can say. */
  private static String standing(Candidate c) {
    AppStatus st = c.status();
    ScanBasis basis = st.basis();
    if (st.sync() != SyncStatus.SYNCED || st.lastResult() != OperationResult.SUCCEEDED) {
      return "last known " + st.sync() + ", last result " + st.lastResult();
    }
    if (basis == null) return "no plan recorded to compare with";
    if (basis.specVersion() != c.version()) {
      return "the Application changed (version " + c.version() + ", last planned at " + basis.specVersion() + ")";
    }
    Application.Kustomize k = c.app().source().kustomize();
    if (k != null && k.allowRemoteBases()) return "it renders remote kustomize bases, which its commit does not pin";
    return null;
  }

  /** Each project's source rules, read once; each tracked ref resolved once per repository. */
  private List<Candidate> sources(List<Candidate> candidates, Map<String, String> reconcile) {
    Map<String, ProjectRules> rules = new HashMap<>();
    List<Candidate> admitted = new ArrayList<>();
    for (Candidate c : candidates) {
      try {
        ProjectRules r = rules.computeIfAbsent(c.app().project(),
            p -> parts.projects().rules(p, parts.secrets().referencePrefix()));
        new ProjectCheck(r).source(c.app());
        admitted.add(c);
      } catch (RuntimeException e) {
        reconcile.put(c.app().name(), e.getMessage());
      }
    }
    TrackedHeads heads = TrackedHeads.of(parts.source(), admitted.stream().map(c -> c.app().source()).toList());
    List<Candidate> out = new ArrayList<>();
    for (Candidate c : admitted) {
      String head = heads.head(c.app().source());
      String why = head == null ? heads.problem(c.app().source())
          : !head.equals(c.status().basis().commit()) ? "new commit " + head.substring(0, 12)
          : c.app().syncPolicy().automated() && !head.equals(c.status().revision())
              ? "commit " + head.substring(0, 12) + " not synced yet" : null;
      if (why == null) out.add(c);
      else reconcile.put(c.app().name(), why);
    }
    return out;
  }

  /** Each distinct secret's current version id read once, compared with the ids each last plan read. */
  private List<Candidate> secrets(List<Candidate> candidates, Map<String, String> reconcile) {
    Set<String> keys = new LinkedHashSet<>();
    candidates.forEach(c -> keys.addAll(c.status().basis().secretVersions().keySet()));
    Map<String, String> current = currentVersionIds(keys);
    List<Candidate> out = new ArrayList<>();
    for (Candidate c : candidates) {
      Optional<String> rotated = c.status().basis().secretVersions().entrySet().stream()
          .filter(e -> !e.getValue().equals(current.get(e.getKey()))).map(Map.Entry::getKey).findFirst();
      if (rotated.isEmpty()) out.add(c);
      else reconcile.put(c.app().name(), "secret " + rotated.get() + " has a new version");
    }
    return out;
  }

  /** Empty when Secrets Manager cannot say: those with secrets go to a full reconcile, which tells why. */
  private Map<String, String> currentVersionIds(Set<String> keys) {
    try {
      return keys.isEmpty() ? Map.of() : parts.secrets().currentVersionIds(keys);
    } catch (RuntimeException e) {
      LOG.warn("secret version ids not read: {}", e.getMessage());
      return Map.of();
    }
  }

  /** A quiet Application the scan found degraded: no operation ran, so the event names none. */
  private void degradedEvent(Application app, String cluster) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("application", app.name());
    detail.put("trigger", "schedule");
    detail.put("cluster", cluster);
    detail.put("message", "health degraded, found by the drift scan");
    parts.events().emit(DetailType.HEALTH_DEGRADED.word(), detail);
  }

  /** The inventories compared with one list per kind and namespace; health written where it changed. */
  private Report live(String cluster, List<Candidate> candidates, Map<String, String> reconcile) {
    Optional<ClusterRegistration> registration = parts.clusters().get(cluster);
    if (registration.isEmpty()) {
      candidates.forEach(c -> reconcile.put(c.app().name(), "cluster " + cluster + " is not registered"));
      return new Report(cluster, reconcile, 0, 0, 0, null);
    }
    ClusterClients.Use use;
    try {
      use = parts.clients().use(registration.get());
    } catch (RuntimeException e) {
      candidates.forEach(c -> reconcile.put(c.app().name(), e.getMessage()));
      return new Report(cluster, reconcile, 0, 0, 0, null);
    }
    LiveLists lists = null;
    try (use) {
      lists = new LiveLists(use.cluster());
      InventoryCheck check = new InventoryCheck(lists, options.apply().fieldManager());
      int unchanged = 0;
      int written = 0;
      int degraded = 0;
      for (Candidate c : candidates) {
        InventoryCheck.Result r = check.check(c.app().name(), c.status().inventory());
        if (!r.unchanged()) {
          reconcile.put(c.app().name(), r.differences().get(0)
              + (r.differences().size() > 1 ? " (and " + (r.differences().size() - 1) + " more)" : ""));
          continue;
        }
        unchanged++;
        if (r.health() == HealthStatus.DEGRADED) degraded++;
        if (r.health() != c.status().health()
            && parts.status().putHealth(cluster, c.status(), r.health(), clock.instant())) {
          written++;
          if (r.health() == HealthStatus.DEGRADED) degradedEvent(c.app(), cluster);
        }
      }
      parts.clusters().recordReachability(cluster, null, version(use.cluster()), clock.instant());
      return new Report(cluster, reconcile, unchanged, written, lists.requests(), null, degraded);
    } catch (LiveLists.UnreachableException e) {
      LOG.warn("cluster {}: {}; its Applications are left as they are until the next scan", cluster, e.getMessage());
      parts.clusters().recordReachability(cluster, e.getMessage(), null, clock.instant());
      return new Report(cluster, Map.of(), 0, 0, lists == null ? 0 : lists.requests(), e.getMessage());
    }
  }

  /**
   * The version the cluster serves, for the clusters page (asked once per client: the render asks the same); null
   * when the server will not say, which must not fail a scan whose lists it answered.
   */
  private static String version(Cluster cluster) {
    try {
      return cluster.discovery().version();
    } catch (KubernetesClientException e) {
      LOG.info("cluster {}: no version: {}", cluster.name(), e.getMessage());
      return null;
    }
  }
}
