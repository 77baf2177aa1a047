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
import dev.driftless.apply.Action;
import dev.driftless.cluster.ClusterRegistration;
import dev.driftless.model.Application;
import dev.driftless.model.ApplicationParser;
import dev.driftless.model.DriftlessException;
import dev.driftless.model.InvalidApplicationException;
import dev.driftless.project.ProjectNotFoundException;
import dev.driftless.project.ProjectRules;
import dev.driftless.project.Projects;
import dev.driftless.project.Violation;
import dev.driftless.reconcile.CascadeDelete;
import dev.driftless.source.RepositoryRules;
import dev.driftless.source.SourceException;
import dev.driftless.state.ApplicationStore;
import dev.driftless.state.ClusterStore;
import dev.driftless.state.ConflictException;
import dev.driftless.state.StatusStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code /api/applications}: register (PUT with optimistic locking), read with status, list page by page,
 * and remove Applications. The document is stored as given, Driftless's {@code driftless.dev/v1alpha1} or
 * Argo CD's {@code argoproj.io/v1alpha1}.
 *
 * <p>Versions as {@link Versions} has them: a PUT without a version creates and answers 409 when the Application
 * exists.
 *
 * <p>A repository the source stage would refuse, or credentials outside the Git credentials' secrets, are refused
 * here already (400), so nothing is stored that could never sync; so is an Application whose project does not
 * exist or does not allow its source repository or destination (422 naming the rule; {@code default} is implicit).
 */
final class ApplicationRoutes {

  static final int DEFAULT_PAGE = 50;
  static final int MAX_PAGE = 100;

  private final ApplicationStore applications;
  private final CascadeDelete cascade;
  private final StatusStore status;
  private final ClusterStore clusters;
  private final RepositoryRules repositories;
  private final AccessControl access;
  private final Projects projects;
  private final Clock clock;
  private final ApplicationParser parser = new ApplicationParser();

  ApplicationRoutes(ApplicationStore applications, CascadeDelete cascade, StatusStore status, ClusterStore clusters,
      RepositoryRules repositories, AccessControl access, Projects projects, Clock clock) {
    this.access = access;
    this.applications = applications;
    this.cascade = cascade;
    this.status = status;
    this.clusters = clusters;
    this.repositories = repositories;
    this.projects = projects;
    this.clock = clock;
  }

  void register(Router r) {
    // The list asks for a read anywhere, then shows only the Applications whose project the caller may read.
    r.add("GET", "/api/applications", Need.global(APPLICATIONS_GET), (req, p) -> list(req))
        .add("PUT", "/api/applications/{name}", new Need(APPLICATIONS_UPDATE, p -> "application " + p.get("name"),
            this::putChecks), (req, p) -> put(req, p.get("name")))
        .add("GET", "/api/applications/{name}", Need.application(APPLICATIONS_GET, applications),
            (req, p) -> get(req, p.get("name")))
        .add("DELETE", "/api/applications/{name}", Need.application(APPLICATIONS_DELETE, applications),
            (req, p) -> delete(req, p.get("name")));
  }

  /**
   * A create needs applications/create on the document's project; an update needs applications/update on the
   * stored project and, when the document moves the Application, on the new one too. A document whose project
   * cannot be read is judged as in a project the caller may not know (only callers holding it on every project
   * go on, to the 400 that names the problem).
   */
  private List<AccessCheck> putChecks(ApiRequest req, Map<String, String> params) {
    String name = params.get("name");
    String object = "application " + name;
    String target = documentProject(req);
    Optional<ApplicationStore.Stored> stored = applications.get(name);
    List<AccessCheck> checks = new ArrayList<>();
    Permission need = stored.isPresent() ? APPLICATIONS_UPDATE : APPLICATIONS_CREATE;
    stored.ifPresent(s -> checks.add(AccessCheck.onProject(need, s.application().project(), object)));
    if (target == null) {
      checks.add(AccessCheck.unknownProject(need, object));
    } else if (stored.map(s -> !s.application().project().equals(target)).orElse(true)) {
      checks.add(AccessCheck.onProject(need, target, object));
    }
    return checks;
  }

  /** {@code spec.project} of the request's document ({@code default} when absent), or null when unreadable. */
  private static String documentProject(ApiRequest req) {
    if (!req.hasBody()) return null;
    JsonNode doc;
    try {
      doc = Bodies.tree(req, "application");
    } catch (ApiException e) {
      return null;
    }
    JsonNode project = doc.path("spec").path("project");
    if (project.isMissingNode() || project.isNull()) return "default";
    return project.isTextual() && !project.asText().isBlank() ? project.asText() : null;
  }

  private ApiResponse list(ApiRequest req) {
    Grants grants = access.grants(req.caller());
    int limit = Bodies.intParam(req, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
    ApplicationStore.Page page = applications.list(req.param("next"), limit);
    ObjectNode body = Views.object();
    ArrayNode items = body.putArray("items");
    for (String name : page.names()) {
      // An Application removed between the list and the read is left out.
      Optional<ApplicationStore.Stored> readable = applications.get(name)
          .filter(s -> grants.allows(APPLICATIONS_GET, s.application().project()));
      readable.ifPresent(s -> {
        ObjectNode item = Views.summary(s.application()).put("version", s.version());
        item.set("status", Views.status(status.get(name)));
        items.add(item);
      });
    }
    body.put("next", page.next());
    return ApiResponse.of(200, body);
  }

  private ApiResponse get(ApiRequest req, String name) {
    ApplicationStore.Stored s = find(applications, name);
    ObjectNode body = Views.summary(s.application()).put("version", s.version()).put("owner", s.owner());
    body.set("document", Bodies.document(s.document()));
    body.set("status", Views.status(status.get(name)));
    body.set("children", children(req, name));
    return ApiResponse.of(200, body).withHeader("ETag", Versions.etag(s.version()));
  }

  /**
   * The child Applications an app of apps registered, with their sync status and health, as Argo CD lists
   * Application resources of a parent; only those the caller may read.
   */
  private ArrayNode children(ApiRequest req, String parent) {
    Grants grants = access.grants(req.caller());
    ArrayNode out = Bodies.JSON.createArrayNode();
    for (String child : applications.ownedBy(ApplicationStore.parentOwner(parent))) {
      applications.get(child).filter(c -> grants.allows(APPLICATIONS_GET, c.application().project())).ifPresent(c -> {
        ObjectNode st = Views.status(status.get(child));
        out.add(Views.object().put("kind", "Application").put("name", child).put("project", c.application().project())
            .put("sync", st.path("sync").asText()).put("health", st.path("health").asText()));
      });
    }
    return out;
  }

  private ApiResponse put(ApiRequest req, String name) {
    String what = "application " + name;
    Bodies.checkSize(req);
    if (!req.hasBody()) throw ApiException.badRequest(what + ": a request body (the Application document) is required");
    Bodies.tree(req, what); // the body parses as its Content-Type says
    Application app;
    try {
      app = parser.parse(req.body(), what);
    } catch (InvalidApplicationException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    if (!app.name().equals(name)) {
      throw ApiException.badRequest(what + ": metadata.name " + app.name() + " differs from the name in the path");
    }
    for (int i = 0; i < app.sources().size(); i++) {
      checkSource(what, app.isMultiSource() ? "spec.sources[" + i + "]" : "spec.source", app.sources().get(i));
    }
    ClusterRegistration destination = clusters.get(app.destination().cluster()).orElse(null);
    checkProject(what, app, destination);
    applications.get(name).map(ApplicationStore.Stored::owner).ifPresent(owner -> {
      throw new ApiException(409, what + ": registered by " + owner + " (an app of apps): change it in that "
          + "application's source");
    });
    long expected = Versions.expected(req, what, () -> find(applications, name).version());
    long version;
    try {
      version = applications.put(req.body(), what, expected);
    } catch (ConflictException e) {
      throw Versions.conflict(e, expected, applications.get(name).map(ApplicationStore.Stored::version));
    }
    ObjectNode body = Views.summary(app).put("version", version);
    ArrayNode warnings = body.putArray("warnings");
    if (destination == null) {
      warnings.add("destination cluster " + app.destination().cluster() + " is not registered yet: syncs fail "
          + "until it is");
    }
    return ApiResponse.of(expected == 0 ? 201 : 200, body).withHeader("ETag", Versions.etag(version));
  }

  /**
   * Removes the registration; with {@code ?cascade=true} its objects first, as Argo CD's cascading delete (409 while an
   * operation runs on it; a failed delete keeps the registration; an app of apps' children go with it, their objects
   * too when they carry the resources finalizer). Without it, or with {@code cascade=false}, the objects stay in the
   * cluster untouched and the children stay registered, as Argo CD leaves a parent's Application resources.
   */
  private ApiResponse delete(ApiRequest req, String name) {
    ApplicationStore.Stored s = find(applications, name);
    String cluster = s.application().destination().cluster();
    if (!cascade(req, name)) {
      applications.delete(name);
      int children = applications.ownedBy(ApplicationStore.parentOwner(name)).size();
      return ApiResponse.of(200, Views.object().put("deleted", name).put("cascade", false).put("note",
          "its objects in cluster " + cluster + " were left in place, untouched (nothing was pruned)"
              + (children == 0 ? "" : "; its " + children + " child application(s) stay registered, as its other"
                  + " objects, and are adopted again when it is registered again")));
    }
    CascadeDelete.Result r;
    try {
      r = cascade.delete(name, clock.instant().plusSeconds(60));
    } catch (ConflictException e) {
      throw new ApiException(409, "application " + name + ": not deleted: " + e.getMessage());
    } catch (DriftlessException e) {
      throw new ApiException(409, e.getMessage());
    }
    ObjectNode body = Views.changes(name, null, r.changes()).put("deleted", name).put("cascade", true)
        .put("note", r.changes().count(Action.PRUNE) + " object(s) in cluster " + cluster + " deleted"
            + (r.left().isEmpty() ? "" : "; " + r.left().entries().size() + " kept (Prune=false)"));
    return ApiResponse.of(200, body);
  }

  private static boolean cascade(ApiRequest req, String name) {
    String v = req.param("cascade");
    if (v == null || v.equals("false")) return false;
    if (v.equals("true")) return true;
    throw ApiException.badRequest("delete of application " + name + ": cascade must be true or false");
  }

  private void checkSource(String what, String field, Application.Source source) {
    try {
      repositories.checkRepository(source.repoURL());
    } catch (SourceException e) {
      throw ApiException.badRequest(what + ": " + field + ".repoURL: " + e.getMessage());
    }
    try {
      repositories.checkCredentialsName(source.repoURL(), source.credentials());
    } catch (SourceException e) {
      throw ApiException.badRequest(what + ": " + field + ".credentials: " + e.getMessage());
    }
  }

  /**
   * The Application's project must exist (or be the implicit {@code default}) and allow its source repository and
   * destination; otherwise 422 naming each rule, and nothing is stored.
   */
  private void checkProject(String what, Application app, ClusterRegistration destination) {
    ProjectRules rules;
    try {
      rules = projects.rules(app.project(), repositories.secrets().refs());
    } catch (ProjectNotFoundException e) {
      throw new ApiException(422, what + ": spec.project: " + e.getMessage() + " (create it first: PUT /api/projects/"
          + app.project() + ")");
    }
    List<Violation> refused = rules.checkApplication(app, destination);
    if (refused.isEmpty()) return;
    ObjectNode details = Views.object();
    ArrayNode list = details.putArray("violations");
    refused.forEach(v -> list.add(Views.object().put("subject", v.subject()).put("rule", v.rule())));
    throw new ApiException(422, what + ": refused by project " + app.project() + ": "
        + refused.stream().map(Violation::toString).collect(Collectors.joining("; ")), details);
  }

  static ApplicationStore.Stored find(ApplicationStore applications, String name) {
    return applications.get(name)
        .orElseThrow(() -> ApiException.notFound("application " + name + " is not registered"));
  }

}
