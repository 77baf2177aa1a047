package dev.driftless.functions.api;

import static dev.driftless.access.Permission.APPLICATIONS_DIFF;
import static dev.driftless.access.Permission.APPLICATIONS_GET;
import static dev.driftless.access.Permission.APPLICATIONS_HISTORY;
import static dev.driftless.access.Permission.APPLICATIONS_ROLLBACK;
import static dev.driftless.access.Permission.APPLICATIONS_SYNC;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.access.AccessControl;
import dev.driftless.apply.ChangeSet;
import dev.driftless.functions.SyncMessage;
import dev.driftless.functions.queue.WorkQueue;
import dev.driftless.model.Application;
import dev.driftless.model.InvalidOperationOptionsException;
import dev.driftless.model.OperationOptions;
import dev.driftless.project.DestinationCluster;
import dev.driftless.project.Projects;
import dev.driftless.project.SyncVerdict;
import dev.driftless.reconcile.ReconcileRequest;
import dev.driftless.reconcile.ReconcileResult;
import dev.driftless.reconcile.Reconciler;
import dev.driftless.reconcile.ResourceState;
import dev.driftless.state.ApplicationStore;
import dev.driftless.state.ClusterStore;
import dev.driftless.state.HistoryEntry;
import dev.driftless.state.Operation;
import dev.driftless.state.OperationResult;
import dev.driftless.state.StatusStore;
import dev.driftless.state.Trigger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Operations on one Application: its history, a diff (a plan against the live cluster that records
 * nothing), its objects with their drift and health now (the same plan, and one read of each), a refresh (that
 * comparison recorded as a drift scan records it, applying nothing), and asking for a sync (with Argo CD's one-off
 * options: {@code prune}, {@code force}, {@code resources},
 * see {@link OperationOptions}) or a rollback. Syncs and rollbacks are queued for the sync function,
 * which runs them in order with every other operation on the Application; the answer is 202. While the project's
 * sync windows hold manual syncs of the Application, a sync or rollback is refused with 409 naming the window, and
 * nothing is queued (a rollback is a manual sync, as in Argo CD; the sync function checks again when it runs). A
 * rollback of an Application that syncs automatically is refused with 409, as Argo CD refuses it.
 */
final class OperationRoutes {

  static final int DEFAULT_HISTORY = 20;
  static final int MAX_HISTORY = 100;
  /** A branch, tag, full ref or commit: no whitespace or control characters, at most 255 characters. */
  private static final Pattern REVISION = Pattern.compile("[^\\s\\p{Cntrl}]{1,255}");
  /** The deadline a refresh's reconcile is given; it only plans and reads health once, so it waits for nothing. */
  private static final Duration REFRESH_DEADLINE = Duration.ofSeconds(30);

  private final ApplicationStore applications;
  private final StatusStore status;
  private final Reconciler reconciler;
  private final WorkQueue queue;
  private final ClusterStore clusters;
  private final Projects projects;
  private final AccessControl access;
  private final Clock clock;

  OperationRoutes(ApplicationStore applications, StatusStore status, Reconciler reconciler, WorkQueue queue,
      ClusterStore clusters, Projects projects, AccessControl access, Clock clock) {
    this.applications = applications;
    this.status = status;
    this.reconciler = reconciler;
    this.queue = queue;
    this.clusters = clusters;
    this.projects = projects;
    this.access = access;
    this.clock = clock;
  }

  void register(Router r) {
    r.add("GET", "/api/applications/{name}/history", Need.application(APPLICATIONS_HISTORY, applications),
            (req, p) -> history(req, p.get("name")))
        .add("GET", "/api/applications/{name}/diff", Need.application(APPLICATIONS_DIFF, applications),
            (req, p) -> diff(req, p.get("name")))
        // Its plan renders and resolves secrets as a diff does, so it asks what a diff asks.
        .add("GET", "/api/applications/{name}/resources", Need.application(APPLICATIONS_DIFF, applications),
            (req, p) -> resources(p.get("name")))
        // Reads and records what is already true of the cluster; writes nothing to it (Argo CD's refresh needs get).
        .add("POST", "/api/applications/{name}/refresh", Need.application(APPLICATIONS_GET, applications),
            (req, p) -> refresh(req, p.get("name")))
        .add("POST", "/api/applications/{name}/sync", Need.application(APPLICATIONS_SYNC, applications),
            (req, p) -> sync(req, p.get("name")))
        .add("POST", "/api/applications/{name}/rollback", Need.application(APPLICATIONS_ROLLBACK, applications),
            (req, p) -> rollback(req, p.get("name")));
  }

  private ApiResponse history(ApiRequest req, String name) {
    int limit = Bodies.intParam(req, "limit", DEFAULT_HISTORY, 1, MAX_HISTORY);
    ApplicationRoutes.find(applications, name);
    ObjectNode body = Views.object().put("application", name);
    ArrayNode items = body.putArray("items");
    for (HistoryEntry h : status.history(name, limit)) items.add(Views.history(h));
    return ApiResponse.of(200, body);
  }

  private ApiResponse diff(ApiRequest req, String name) {
    String revision = req.param("revision");
    if (revision != null) checkRevision(name, "revision", revision);
    ApplicationRoutes.find(applications, name);
    ChangeSet changes = reconciler.diff(name, revision);
    return ApiResponse.of(200, Views.changes(name, revision, changes));
  }

  private ApiResponse resources(String name) {
    ApplicationRoutes.find(applications, name);
    ObjectNode body = Views.object().put("application", name);
    ArrayNode items = body.putArray("items");
    for (ResourceState r : reconciler.resourceView().list(name)) items.add(Views.resource(r));
    return ApiResponse.of(200, body);
  }

  /**
   * Compares the live objects with Git now and records the sync status and health as a drift scan's reconcile does
   * (same lease, plan and recorder), applying nothing whatever the sync policy: the next scan does what automation
   * asks. Refused with 409 while an operation is in flight, whose pass records its own end. The objects come with
   * the answer only for a caller who may see them at {@code /resources} (applications/diff: they show live state);
   * for others {@code resources} is null.
   */
  private ApiResponse refresh(ApiRequest req, String name) {
    Application app = ApplicationRoutes.find(applications, name).application();
    Operation inFlight = status.get(name).operation();
    if (inFlight != null) {
      throw new ApiException(409, "application " + name + ": refresh refused: operation " + inFlight.id() + " ("
          + inFlight.trigger().word() + ") is in flight; it records the status when it ends");
    }
    ReconcileResult r = reconciler.reconcile(ReconcileRequest.refresh(name), clock.instant().plus(REFRESH_DEADLINE));
    if (r.result() == OperationResult.SKIPPED) {
      throw new ApiException(409, "application " + name + ": refresh refused: " + r.message());
    }
    if (r.result() == OperationResult.FAILED) {
      throw new ApiException(422, "application " + name + ": refresh failed: " + r.message());
    }
    ObjectNode body = Views.object().put("application", name);
    body.set("status", Views.status(status.get(name)));
    if (access.grants(req.caller()).allows(APPLICATIONS_DIFF, app.project())) {
      ArrayNode items = body.putArray("resources");
      for (ResourceState s : reconciler.resourceView().list(name)) items.add(Views.resource(s));
    } else {
      body.putNull("resources");
    }
    return ApiResponse.of(200, body);
  }

  private ApiResponse sync(ApiRequest req, String name) {
    String what = "sync of application " + name;
    ObjectNode body = Bodies.object(req, what, false);
    Bodies.onlyKnown(body, what, Set.of("revision", "prune", "force", "resources"));
    String revision = Bodies.string(body, what, "revision");
    if (revision != null) checkRevision(name, "revision", revision);
    OperationOptions options;
    try {
      options = OperationOptions.parse(body.deepCopy().without("revision"), what);
    } catch (InvalidOperationOptionsException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    Instant now = clock.instant();
    checkSyncWindows(what, ApplicationRoutes.find(applications, name).application(), now);
    queue.enqueue(new SyncMessage(name, Trigger.MANUAL, revision, now, null, null, options),
        "manual-" + name + "-" + UUID.randomUUID());
    ObjectNode answer = Views.object().put("queued", true).put("application", name)
        .put("trigger", "manual").put("revision", revision).put("requestedAt", now.toString());
    answer.set("options", options.toJson());
    return ApiResponse.of(202, answer);
  }

  /**
   * Queues a ROLLBACK whose operationId is the history entry to return to, as
   * {@code ReconcileRequest.rollback(app, historyId)} has it; the sync function passes operationId through.
   */
  private ApiResponse rollback(ApiRequest req, String name) {
    String what = "rollback of application " + name;
    ObjectNode body = Bodies.object(req, what, true);
    Bodies.onlyKnown(body, what, Set.of("historyId"));
    String historyId = Bodies.string(body, what, "historyId");
    if (historyId == null) throw ApiException.badRequest(what + ": historyId is required");
    Instant now = clock.instant();
    Application app = ApplicationRoutes.find(applications, name).application();
    if (app.syncPolicy().automated()) {
      // As Argo CD: the next push or scan would sync the tracked revision again, undoing the rollback unasked.
      throw new ApiException(409, what + ": refused while automated sync is on (spec.syncPolicy.automated): the "
          + "next push or scan would sync " + app.source().targetRevision() + " again; turn automated sync off first");
    }
    checkSyncWindows(what, app, now);
    HistoryEntry h = status.historyEntry(name, historyId).orElseThrow(() -> ApiException.notFound(
        "application " + name + ": no history entry " + historyId + " (see GET /api/applications/" + name
            + "/history)"));
    if (h.revision() == null) {
      throw new ApiException(409, "application " + name + ": history entry " + historyId
          + " has no revision to roll back to (its operation failed before fetching)");
    }
    queue.enqueue(new SyncMessage(name, Trigger.ROLLBACK, h.revision(), now, historyId, null),
        "rollback-" + name + "-" + UUID.randomUUID());
    return ApiResponse.of(202, Views.object().put("queued", true).put("application", name)
        .put("trigger", "rollback").put("historyId", historyId).put("revision", h.revision())
        .put("requestedAt", now.toString()));
  }

  /** A manual sync (or rollback) refused while the project's sync windows hold it: 409 naming the window. */
  private void checkSyncWindows(String what, Application app, Instant now) {
    DestinationCluster destination = clusters.get(app.destination().cluster()).map(DestinationCluster::of)
        .orElseGet(() -> DestinationCluster.named(app.destination().cluster()));
    // The reference area plays no part in the windows' verdict.
    SyncVerdict verdict = projects.rules(app.project(), "").syncWindow(app, destination, true, now);
    if (!verdict.allowed()) {
      ObjectNode details = Views.object().put("until", Views.time(verdict.until()));
      throw new ApiException(409, what + ": refused by project " + app.project() + ": " + verdict.reason()
          + " (a window with manualSync: true lets manual syncs through)", details);
    }
  }

  private static void checkRevision(String name, String field, String revision) {
    if (!REVISION.matcher(revision).matches()) {
      throw ApiException.badRequest("application " + name + ": " + field + " must be a branch, tag, ref or commit "
          + "without spaces, at most 255 characters");
    }
  }
}
