package dev.driftless.functions.api;

import dev.driftless.access.AccessCheck;
import dev.driftless.access.AccessControl;
import dev.driftless.access.Grants;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches a method and path against the routes, with {@code {name}} segments as parameters: an unknown
 * path is 404, a known path with another method is 405 with an Allow header. Every route declares its
 * {@link Need}, which the access control decides before the route runs: a refusal runs nothing.
 */
final class Router {

  /** Answers one route; {@code params} holds the path's {@code {name}} segments, decoded. */
  @FunctionalInterface
  interface Handler {
    ApiResponse handle(ApiRequest req, Map<String, String> params);
  }

  /** One route as declared: for listing every route (a test walks them all as a caller with no role). */
  record Route(String method, String pattern, Need need, Handler handler) {}

  private final AccessControl access;
  private final List<Route> routes = new ArrayList<>();

  Router(AccessControl access) {
    this.access = access;
  }

  Router add(String method, String pattern, Need need, Handler handler) {
    routes.add(new Route(method, pattern, need, handler));
    return this;
  }

  List<Route> routes() {
    return List.copyOf(routes);
  }

  ApiResponse route(ApiRequest req) {
    List<String> path = segments(req.path());
    Set<String> allowed = new LinkedHashSet<>();
    for (Route r : routes) {
      Map<String, String> params = match(segments(r.pattern), path);
      if (params == null) continue;
      if (r.method.equals(req.method())) {
        admit(req, r.need, params);
        return r.handler.handle(req, params);
      }
      allowed.add(r.method);
    }
    if (!allowed.isEmpty()) {
      throw new ApiException(405, "method " + req.method() + " is not allowed on " + req.path() + " (allowed: "
          + String.join(", ", allowed) + ")", Bodies.JSON.createObjectNode().put("allow", String.join(", ", allowed)));
    }
    throw ApiException.notFound("no such resource: " + req.path());
  }

  /** Admins hold everything, so deciding for them reads nothing; everyone else gets the route's own checks. */
  private void admit(ApiRequest req, Need need, Map<String, String> params) {
    if (need.permission() == null) return;
    Grants g = access.grants(req.caller());
    List<AccessCheck> checks = g.admin() ? List.of(AccessCheck.global(need.permission(), need.object().apply(params)))
        : need.checks().of(req, params);
    access.require(g, checks);
  }

  private static Map<String, String> match(List<String> pattern, List<String> path) {
    if (pattern.size() != path.size()) return null;
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < pattern.size(); i++) {
      String p = pattern.get(i);
      String s = path.get(i);
      if (p.startsWith("{") && p.endsWith("}")) {
        String v;
        try {
          v = URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          return null;
        }
        if (v.isEmpty()) return null;
        params.put(p.substring(1, p.length() - 1), v);
      } else if (!p.equals(s)) {
        return null;
      }
    }
    return params;
  }

  private static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty()) out.add(s);
    }
    return out;
  }
}
