package dev.driftless.functions.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.project.InvalidProjectException;
import dev.driftless.project.Project;
import dev.driftless.project.ProjectParser;
import dev.driftless.state.ApplicationStore;
import dev.driftless.state.ConflictException;
import dev.driftless.state.ProjectStore;
import java.util.List;

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
  private final ProjectParser parser = new ProjectParser();

  ProjectRoutes(ProjectStore projects, ApplicationStore applications) {
    this.projects = projects;
    this.applications = applications;
  }

  void register(Router r) {
    r.add("GET", "/api/projects", (req, p) -> list(req))
        .add("PUT", "/api/projects/{name}", (req, p) -> put(req, p.get("name")))
        .add("GET", "/api/projects/{name}", (req, p) -> get(p.get("name")))
        .add("DELETE", "/api/projects/{name}", (req, p) -> delete(p.get("name")));
  }

  private ApiResponse list(ApiRequest req) {
    int limit = Bodies.intParam(req, "limit", ApplicationRoutes.DEFAULT_PAGE, 1, ApplicationRoutes.MAX_PAGE);
    ProjectStore.Page page = projects.list(req.param("next"), limit);
    ObjectNode body = Views.object();
    ArrayNode items = body.putArray("items");
    for (String name : page.names()) {
      // A project removed between the list and the read is left out.
      projects.get(name).ifPresent(s -> items.add(Views.project(s.project()).put("version", s.version())));
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
