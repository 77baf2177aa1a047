package dev.driftless.functions.api;

import static dev.driftless.access.Permission.APPLICATIONS_CREATE;
import static dev.driftless.access.Permission.APPLICATIONS_DELETE;
import static dev.driftless.access.Permission.APPLICATIONS_GET;
import static dev.driftless.access.Permission.APPLICATIONS_UPDATE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.access.AccessCheck;
import dev.driftless.access.AccessControl;
import dev.driftless.access.Grants;
import dev.driftless.access.Permission;
import dev.driftless.appset.ApplicationSet;
import dev.driftless.appset.ApplicationSetParser;
import dev.driftless.appset.InvalidApplicationSetException;
import dev.driftless.functions.SyncMessage;
import dev.driftless.functions.queue.WorkQueue;
import dev.driftless.project.ProjectNotFoundException;
import dev.driftless.project.ProjectRules;
import dev.driftless.project.Projects;
import dev.driftless.reconcile.ApplicationSetSync;
import dev.driftless.reconcile.Reconciler;
import dev.driftless.source.RepositoryRules;
import dev.driftless.source.SourceException;
import dev.driftless.state.ApplicationSetStore;
import dev.driftless.state.ApplicationStore;
import dev.driftless.state.ConflictException;
import dev.driftless.state.StatusStore;
import dev.driftless.state.Trigger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/applicationsets}: register (PUT with optimistic locking, as Applications), read with the Applications
 * the set generated and their status, list, and remove ApplicationSets. Access is decided on the set's project (its
 * template's {@code spec.project}) with the Applications' permissions: registering a set is registering the
 * Applications it generates. A registered or changed set is queued for evaluation; its Git generators' repositories
 * must be allowed by the project and the source rules (422 / 400, nothing stored).
 */
final class ApplicationSetRoutes {

  private final ApplicationSetStore sets;
  private final ApplicationStore applications;
  private final StatusStore status;
  private final Projects projects;
  private final RepositoryRules repositories;
  private final AccessControl access;
  private final Reconciler reconciler;
  private final WorkQueue queue;
  private final Clock clock;
  private final ApplicationSetParser parser = new ApplicationSetParser();

  ApplicationSetRoutes(ApplicationStore applications, StatusStore status, Projects projects,
      RepositoryRules repositories, AccessControl access, Reconciler reconciler, WorkQueue queue, Clock clock) {
    this.sets = applications.sets();
    this.applications = applications;
    this.status = status;
    this.projects = projects;
    this.repositories = repositories;
    this.access = access;
    this.reconciler = reconciler;
    this.queue = queue;
    this.clock = clock;
  }

  void register(Router r) {
    r.add("GET", "/api/applicationsets", Need.global(APPLICATIONS_GET), (req, p) -> list(req))
        .add("PUT", "/api/applicationsets/{name}", new Need(APPLICATIONS_UPDATE,
            p -> "applicationset " + p.get("name"), this::putChecks), (req, p) -> put(req, p.get("name")))
        .add("GET", "/api/applicationsets/{name}", Need.applicationSet(APPLICATIONS_GET, sets),
            (req, p) -> get(p.get("name")))
        .add("DELETE", "/api/applicationsets/{name}", Need.applicationSet(APPLICATIONS_DELETE, sets),
            (req, p) -> delete(p.get("name")));
  }

  /** As for Applications: create on the document's project, update on the stored one and on a new one. */
  private List<AccessCheck> putChecks(ApiRequest req, Map<String, String> params) {
    String object = "applicationset " + params.get("name");
    Optional<ApplicationSetStore.Stored> stored = sets.get(params.get("name"));
    Permission need = stored.isPresent() ? APPLICATIONS_UPDATE : APPLICATIONS_CREATE;
    List<AccessCheck> checks = new ArrayList<>();
    stored.ifPresent(s -> checks.add(AccessCheck.onProject(need, s.set().project(), object)));
    String target = documentProject(req);
    if (target == null) {
      checks.add(AccessCheck.unknownProject(need, object));
    } else if (stored.map(s -> !s.set().project().equals(target)).orElse(true)) {
      checks.add(AccessCheck.onProject(need, target, object));
    }
    return checks;
  }

  private static String documentProject(ApiRequest req) {
    if (!req.hasBody()) return null;
    try {
      JsonNode project = Bodies.tree(req, "applicationset").path("spec").path("template").path("spec")
          .path("project");
      if (project.isMissingNode() || project.isNull()) return "default";
      return project.isTextual() && !project.asText().isBlank() ? project.asText() : null;
    } catch (ApiException e) {
      return null;
    }
  }

  private ApiResponse list(ApiRequest req) {
    Grants grants = access.grants(req.caller());
    int limit = Bodies.intParam(req, "limit", ApplicationRoutes.DEFAULT_PAGE, 1, ApplicationRoutes.MAX_PAGE);
    ApplicationSetStore.Page page = sets.list(req.param("next"), limit);
    ObjectNode body = Views.object();
    ArrayNode items = body.putArray("items");
    for (String name : page.names()) {
      sets.get(name).filter(s -> grants.allows(APPLICATIONS_GET, s.set().project())).ifPresent(s ->
          items.add(summary(s.set()).put("version", s.version())
              .put("applications", applications.ownedBy(ApplicationStore.setOwner(name)).size())));
    }
    body.put("next", page.next());
    return ApiResponse.of(200, body);
  }

  private ApiResponse get(String name) {
    ApplicationSetStore.Stored s = find(name);
    ObjectNode body = summary(s.set()).put("version", s.version());
    body.set("document", Bodies.document(s.document()));
    sets.lastEvaluation(name).ifPresent(e -> body.putObject("lastEvaluation").put("at", e.at())
        .put("failed", e.failed()).put("message", e.message()));
    ArrayNode apps = body.putArray("applications");
    for (String app : applications.ownedBy(ApplicationStore.setOwner(name))) {
      ObjectNode st = Views.status(status.get(app));
      apps.add(Views.object().put("name", app).put("sync", st.path("sync").asText())
          .put("health", st.path("health").asText()));
    }
    return ApiResponse.of(200, body).withHeader("ETag", Versions.etag(s.version()));
  }

  private ApiResponse put(ApiRequest req, String name) {
    String what = "applicationset " + name;
    Bodies.checkSize(req);
    if (!req.hasBody()) throw ApiException.badRequest(what + ": a request body (the ApplicationSet) is required");
    Bodies.tree(req, what);
    ApplicationSet set;
    try {
      set = parser.parse(req.body(), what);
    } catch (InvalidApplicationSetException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    if (!set.name().equals(name)) {
      throw ApiException.badRequest(what + ": metadata.name " + set.name() + " differs from the name in the path");
    }
    checkRepositories(what, set);
    long expected = Versions.expected(req, what, () -> find(name).version());
    long version;
    try {
      version = sets.put(req.body(), what, expected);
    } catch (ConflictException e) {
      throw Versions.conflict(e, expected, sets.get(name).map(ApplicationSetStore.Stored::version));
    }
    queue.enqueue(new SyncMessage(SyncMessage.SET_PREFIX + name, Trigger.MANUAL, null, clock.instant()),
        "applicationset-" + name + "-" + version);
    return ApiResponse.of(expected == 0 ? 201 : 200, summary(set).put("version", version).put("queued", true))
        .withHeader("ETag", Versions.etag(version));
  }

  /** The project must exist and allow every repository the Git generators name; the source rules too. */
  private void checkRepositories(String what, ApplicationSet set) {
    ProjectRules rules;
    try {
      rules = projects.rules(set.project(), repositories.secrets().refs());
    } catch (ProjectNotFoundException e) {
      throw new ApiException(422, what + ": spec.template.spec.project: " + e.getMessage());
    }
    for (JsonNode g : set.generators()) {
      for (JsonNode git : g.findValues("git")) {
        String repo = git.path("repoURL").asText();
        try {
          repositories.checkRepository(repo);
        } catch (SourceException e) {
          throw ApiException.badRequest(what + ": git generator repoURL: " + e.getMessage());
        }
        if (!repo.contains("{{") && !rules.sourcePermitted(repo)) {
          throw new ApiException(422, what + ": git generator repoURL " + repo + " is not permitted by sourceRepos"
              + " of project " + set.project());
        }
      }
    }
  }

  private ApiResponse delete(String name) {
    find(name);
    ApplicationSetSync.Result r = reconciler.applicationSets().delete(name, clock.instant().plusSeconds(60));
    ObjectNode body = Views.object().put("deleted", !r.changes().failed() ? name : null)
        .put("summary", r.changes().summary());
    return ApiResponse.of(r.changes().failed() ? 409 : 200, body);
  }

  private static ObjectNode summary(ApplicationSet set) {
    return Views.object().put("name", set.name()).put("project", set.project());
  }

  private ApplicationSetStore.Stored find(String name) {
    return sets.get(name).orElseThrow(() -> ApiException.notFound("applicationset " + name + " is not registered"));
  }
}
