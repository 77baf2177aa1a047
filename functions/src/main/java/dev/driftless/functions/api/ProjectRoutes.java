package dev.driftless.functions.api;

import static dev.driftless.access.Permission.PROJECTS_CREATE;
import static dev.driftless.access.Permission.PROJECTS_DELETE;
import static dev.driftless.access.Permission.PROJECTS_GET;
import static dev.driftless.access.Permission.PROJECTS_UPDATE;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.access.AccessCheck;
import dev.driftless.access.AccessControl;
import dev.driftless.access.Grants;
import dev.driftless.project.InvalidProjectException;
import dev.driftless.project.Project;
import dev.driftless.project.ProjectParser;
import dev.driftless.project.ProjectWidening;
import dev.driftless.state.ApplicationStore;
import dev.driftless.state.ConflictException;
import dev.driftless.state.ProjectStore;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/projects}: register (PUT with optimistic locking, as {@link Versions} has it), read, list page by
 * page, and remove AppProjects. The document is stored as given, Argo CD's {@code argoproj.io/v1alpha1} or
 * {@code driftless.dev/v1alpha1}; an invalid one is refused with 400 naming the field. A project that
 * Applications still name is not removed (409 listing them), as Argo CD refuses it: their next plan would fail, or
 * for {@code default}, fall back to the implicit default project.
 */
final class ProjectRoutes {

  /** How many of the Applications that hold a project a refused DELETE names. */
  static final int NAMED_HOLDERS = 10;

  private final ProjectStore projects;
  private final ApplicationStore applications;
  private final AccessControl access;
  private final ProjectParser parser = new ProjectParser();

  ProjectRoutes(ProjectStore projects, ApplicationStore applications, AccessControl access) {
    this.projects = projects;
    this.applications = applications;
    this.access = access;
  }

  void register(Router r) {
    // The list asks for a read anywhere, then shows only the projects the caller may read.
    r.add("GET", "/api/projects", Need.global(PROJECTS_GET), (req, p) -> list(req))
        .add("PUT", "/api/projects/{name}", new Need(PROJECTS_UPDATE, p -> "project " + p.get("name"),
            this::putChecks), (req, p) -> put(req, p.get("name")))
        .add("GET", "/api/projects/{name}", Need.project(PROJECTS_GET), (req, p) -> get(p.get("name")))
        .add("DELETE", "/api/projects/{name}", Need.global(PROJECTS_DELETE, "project"),
            (req, p) -> delete(p.get("name")));
  }

  /** Creating a project is an admin's; updating one is its project admins' too, within its bounds (see put). */
  private List<AccessCheck> putChecks(ApiRequest req, Map<String, String> params) {
    String name = params.get("name");
    return List.of(projects.get(name).isPresent()
        ? AccessCheck.onProject(PROJECTS_UPDATE, name, null)
        : AccessCheck.global(PROJECTS_CREATE, "project " + name));
  }

  private ApiResponse list(ApiRequest req) {
    Grants grants = access.grants(req.caller());
    int limit = Bodies.intParam(req, "limit", ApplicationRoutes.DEFAULT_PAGE, 1, ApplicationRoutes.MAX_PAGE);
    ProjectStore.Page page = projects.list(req.param("next"), limit);
    ObjectNode body = Views.object();
    ArrayNode items = body.putArray("items");
    for (String name : page.names()) {
      // A project removed between the list and the read is left out.
      projects.get(name).filter(s -> grants.allows(PROJECTS_GET, name)).ifPresent(s -> items.add(Views.project(s.project()).put("version", s.version())));
    }
    body.put("next", page.next());
    return ApiResponse.of(200, body);
  }

  private ApiResponse get(String name) {
    ProjectStore.Stored s = find(name);
    ObjectNode body = Views.project(s.project()).put("version", s.version());
    body.set("document", Bodies.document(s.document()));
    return ApiResponse.of(200, body).withHeader("ETag", Versions.etag(s.version()));
  }

  private ApiResponse put(ApiRequest req, String name) {
    String what = "project " + name;
    if (!req.hasBody()) throw ApiException.badRequest(what + ": a request body (the AppProject document) is required");
    Bodies.tree(req, what); // the body parses as its Content-Type says
    Project project;
    try {
      project = parser.parse(req.body(), what);
    } catch (InvalidProjectException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    if (!project.name().equals(name)) {
      throw ApiException.badRequest(what + ": metadata.name " + project.name() + " differs from the name in the path");
    }
    projects.get(name).map(ProjectStore.Stored::owner).ifPresent(owner -> {
      throw new ApiException(409, what + ": registered by " + owner + " (an app of apps): change it in that "
          + "application's source");
    });
    checkNotWidened(req, project);
    long expected = Versions.expected(req, what, () -> find(name).version());
    long version;
    try {
      version = projects.put(req.body(), what, expected);
    } catch (ConflictException e) {
      throw Versions.conflict(e, expected, projects.get(name).map(ProjectStore.Stored::version));
    }
    ObjectNode body = Views.project(project).put("version", version);
    return ApiResponse.of(expected == 0 ? 201 : 200, body).withHeader("ETag", Versions.etag(version));
  }

  /**
   * A project admin may change the project only in ways that do not widen it (see {@link ProjectWidening}): it
   * could otherwise let itself deploy from any repository to any namespace. Admins may do anything.
   */
  private void checkNotWidened(ApiRequest req, Project proposed) {
    Grants grants = access.grants(req.caller());
    if (grants.admin()) return;
    projects.get(proposed.name()).ifPresent(stored -> {
      List<String> widens = ProjectWidening.find(stored.project(), proposed);
      if (widens.isEmpty()) return;
      String missing = PROJECTS_UPDATE + " as an admin (the change widens project " + proposed.name() + ": "
          + String.join("; ", widens) + ")";
      throw access.refused(grants, PROJECTS_UPDATE, "project " + proposed.name(), missing);
    });
  }

  private ApiResponse delete(String name) {
    find(name);
    List<String> holders = applications.byProject(name, NAMED_HOLDERS + 1);
    if (!holders.isEmpty()) {
      ObjectNode details = Views.object();
      ArrayNode list = details.putArray("applications");
      holders.stream().limit(NAMED_HOLDERS).forEach(list::add);
      throw new ApiException(409, "project " + name + " is used by application(s) "
          + String.join(", ", holders.stream().limit(NAMED_HOLDERS).toList())
          + (holders.size() > NAMED_HOLDERS ? " and more" : "") + ": move or delete them first", details);
    }
    projects.delete(name);
    return ApiResponse.of(200, Views.object().put("deleted", name));
  }

  private ProjectStore.Stored find(String name) {
    return projects.get(name).orElseThrow(() -> ApiException.notFound("project " + name + " is not registered"));
  }
}
