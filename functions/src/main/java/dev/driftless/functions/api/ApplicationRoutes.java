package dev.driftless.functions.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.model.Application;
import dev.driftless.model.ApplicationParser;
import dev.driftless.model.InvalidApplicationException;
import dev.driftless.source.RepositoryRules;
import dev.driftless.source.SourceException;
import dev.driftless.state.ApplicationStore;
import dev.driftless.state.ClusterStore;
import dev.driftless.state.ConflictException;
import dev.driftless.state.StatusStore;
import java.util.Optional;

/**
 * {@code /api/applications}: register (PUT with optimistic locking), read with status, list page by page,
 * and remove Applications. The document is stored as given, Driftless's {@code driftless.dev/v1alpha1} or
 * Argo CD's {@code argoproj.io/v1alpha1}.
 *
 * <p>Versions: a PUT without a version creates (as {@code If-Match: 0} does) and answers 409 when the
 * Application exists; {@code If-Match: <version>} (or {@code ?version=}) replaces that version only;
 * {@code If-Match: *} replaces whatever version is stored. Every answer carries the version and an ETag.
 *
 * <p>A repository the source stage would refuse, or credentials outside the Git credentials' secrets, are refused
 * here already, so nothing is stored that could never sync.
 */
final class ApplicationRoutes {

  static final int DEFAULT_PAGE = 50;
  static final int MAX_PAGE = 100;

  private final ApplicationStore applications;
  private final StatusStore status;
  private final ClusterStore clusters;
  private final RepositoryRules repositories;
  private final ApplicationParser parser = new ApplicationParser();

  ApplicationRoutes(ApplicationStore applications, StatusStore status, ClusterStore clusters,
      RepositoryRules repositories) {
    this.applications = applications;
    this.status = status;
    this.clusters = clusters;
    this.repositories = repositories;
  }

  void register(Router r) {
    r.add("GET", "/api/applications", (req, p) -> list(req))
        .add("PUT", "/api/applications/{name}", (req, p) -> put(req, p.get("name")))
        .add("GET", "/api/applications/{name}", (req, p) -> get(p.get("name")))
        .add("DELETE", "/api/applications/{name}", (req, p) -> delete(p.get("name")));
  }

  private ApiResponse list(ApiRequest req) {
    int limit = Bodies.intParam(req, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
    ApplicationStore.Page page = applications.list(req.param("next"), limit);
    ObjectNode body = Views.object();
    ArrayNode items = body.putArray("items");
    for (String name : page.names()) {
      // An Application removed between the list and the read is left out.
      applications.get(name).ifPresent(s -> {
        ObjectNode item = Views.summary(s.application()).put("version", s.version());
        item.set("status", Views.status(status.get(name)));
        items.add(item);
      });
    }
    body.put("next", page.next());
    return ApiResponse.of(200, body);
  }

  private ApiResponse get(String name) {
    ApplicationStore.Stored s = find(applications, name);
    ObjectNode body = Views.summary(s.application()).put("version", s.version());
    body.set("document", Bodies.document(s.document()));
    body.set("status", Views.status(status.get(name)));
    return ApiResponse.of(200, body).withHeader("ETag", etag(s.version()));
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
    checkSource(what, app.source());
    long expected = expectedVersion(req, name);
    long version;
    try {
      version = applications.put(req.body(), what, expected);
    } catch (ConflictException e) {
      Optional<Long> found = applications.get(name).map(ApplicationStore.Stored::version);
      ObjectNode details = Views.object();
      found.ifPresentOrElse(v -> details.put("currentVersion", v), () -> details.putNull("currentVersion"));
      String hint = found.map(v -> expected == 0 ? "; it already exists: send If-Match: " + v + " to replace it" : "")
          .orElse("; it does not exist: send no version (or If-Match: 0) to create it");
      throw new ApiException(409, e.getMessage() + hint, details);
    }
    ObjectNode body = Views.summary(app).put("version", version);
    ArrayNode warnings = body.putArray("warnings");
    if (clusters.get(app.destination().cluster()).isEmpty()) {
      warnings.add("destination cluster " + app.destination().cluster() + " is not registered yet: syncs fail "
          + "until it is");
    }
    return ApiResponse.of(expected == 0 ? 201 : 200, body).withHeader("ETag", etag(version));
  }

  private ApiResponse delete(String name) {
    ApplicationStore.Stored s = find(applications, name);
    applications.delete(name);
    return ApiResponse.of(200, Views.object().put("deleted", name).put("note", "its objects in cluster "
        + s.application().destination().cluster() + " were left in place, untouched (nothing was pruned)"));
  }

  private void checkSource(String what, Application.Source source) {
    try {
      repositories.checkRepository(source.repoURL());
    } catch (SourceException e) {
      throw ApiException.badRequest(what + ": spec.source.repoURL: " + e.getMessage());
    }
    try {
      repositories.checkCredentialsName(source.repoURL(), source.credentials());
    } catch (SourceException e) {
      throw ApiException.badRequest(what + ": spec.source.credentials: " + e.getMessage());
    }
  }

  /** From If-Match or ?version (which must agree); none means create. */
  private long expectedVersion(ApiRequest req, String name) {
    Long fromHeader = req.header("If-Match").map(v -> version("If-Match", v, name)).orElse(null);
    Long fromQuery = req.param("version") == null ? null : version("version", req.param("version"), name);
    if (fromHeader != null && fromQuery != null && !fromHeader.equals(fromQuery)) {
      throw ApiException.badRequest("application " + name + ": If-Match " + fromHeader + " and version "
          + fromQuery + " differ");
    }
    Long v = fromHeader != null ? fromHeader : fromQuery;
    return v == null ? 0 : v;
  }

  private long version(String field, String raw, String name) {
    String v = raw.strip();
    if (v.startsWith("W/")) v = v.substring(2);
    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) v = v.substring(1, v.length() - 1);
    if (v.equals("*")) {
      return find(applications, name).version();
    }
    try {
      long l = Long.parseLong(v);
      if (l >= 0) return l;
    } catch (NumberFormatException e) {
      // Refused below.
    }
    throw ApiException.badRequest("application " + name + ": " + field + " must be a version number "
        + "(0 to create), not " + raw);
  }

  static ApplicationStore.Stored find(ApplicationStore applications, String name) {
    return applications.get(name)
        .orElseThrow(() -> ApiException.notFound("application " + name + " is not registered"));
  }

  static String etag(long version) {
    return "\"" + version + "\"";
  }
}
