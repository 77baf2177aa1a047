package dev.driftless.functions.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.access.AccessControl;
import dev.driftless.access.AccessPolicy;
import dev.driftless.access.AccessPolicyParser;
import dev.driftless.access.Binding;
import dev.driftless.access.Grants;
import dev.driftless.access.InvalidAccessPolicyException;
import dev.driftless.access.Permission;
import dev.driftless.state.AccessStore;
import dev.driftless.state.ConflictException;
import java.util.Optional;

/**
 * {@code /api/access}: the access policy, read and replaced by admins only (PUT with If-Match, as Applications
 * are; the document is YAML or JSON and is stored as given), and {@code /api/whoami}: any caller's resolved
 * principal and its roles per project. A policy that would lock every caller out is refused.
 */
final class AccessRoutes {

  private static final String WHAT = "access policy";

  private final AccessStore store;
  private final AccessControl access;
  private final AccessPolicyParser parser = new AccessPolicyParser();

  AccessRoutes(AccessStore store, AccessControl access) {
    this.store = store;
    this.access = access;
  }

  void register(Router r) {
    r.add("GET", "/api/access", Need.global(Permission.ACCESS_GET), (req, p) -> get())
        .add("PUT", "/api/access", Need.global(Permission.ACCESS_UPDATE), (req, p) -> put(req))
        .add("GET", "/api/whoami", Need.nothing(), (req, p) -> whoami(req));
  }

  private ApiResponse get() {
    Optional<AccessStore.Stored> s = store.get();
    long version = s.map(AccessStore.Stored::version).orElse(0L);
    ObjectNode body = Views.object().put("version", version);
    if (s.isPresent()) {
      body.set("document", Bodies.document(s.get().document()));
    } else {
      body.putObject("document").putArray("bindings");
    }
    return ApiResponse.of(200, body).withHeader("ETag", Versions.etag(version));
  }

  private ApiResponse put(ApiRequest req) {
    if (!req.hasBody()) throw ApiException.badRequest(WHAT + ": a request body (the policy document) is required");
    Bodies.tree(req, WHAT); // the body parses as its Content-Type says
    AccessPolicy policy;
    try {
      policy = parser.parse(req.body());
      access.checkNotLockedOut(policy);
    } catch (InvalidAccessPolicyException e) {
      throw ApiException.badRequest(WHAT + ": " + e.getMessage());
    }
    long expected = Versions.expected(req, WHAT, () -> store.get().map(AccessStore.Stored::version).orElseThrow(
        () -> ApiException.badRequest(WHAT + ": If-Match * needs a stored policy; send no version to create it")));
    long version;
    try {
      version = store.put(req.body(), expected);
    } catch (ConflictException e) {
      Optional<Long> found = store.get().map(AccessStore.Stored::version);
      ObjectNode details = Views.object();
      found.ifPresentOrElse(v -> details.put("currentVersion", v), () -> details.putNull("currentVersion"));
      throw new ApiException(409, e.getMessage() + found.map(v -> "; send If-Match: " + v + " to replace it")
          .orElse("; none is stored: send no version (or If-Match: 0) to create it"), details);
    }
    access.policyChanged();
    return ApiResponse.of(expected == 0 ? 201 : 200, Views.object().put("version", version)
        .put("bindings", policy.bindings().size())).withHeader("ETag", Versions.etag(version));
  }

  private ApiResponse whoami(ApiRequest req) {
    Grants g = access.grants(req.caller());
    ObjectNode body = Views.object().put("caller", req.caller())
        .put("principal", g.principal().anonymous() ? null : g.principal().arn()).put("admin", g.admin())
        .put("bootstrapAdmin", g.bootstrapAdmin());
    ArrayNode roles = body.putArray("roles");
    if (g.bootstrapAdmin()) roles.addObject().put("role", "admin").putArray("projects").add("*");
    for (Binding b : g.bindings()) {
      ArrayNode projects = roles.addObject().put("role", b.role().word()).putArray("projects");
      if (b.projectNames().isEmpty()) projects.add("*");
      b.projectNames().forEach(projects::add);
    }
    return ApiResponse.of(200, body);
  }
}
