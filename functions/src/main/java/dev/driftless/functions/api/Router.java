package dev.driftless.functions.api;

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
 * path is 404, a known path with another method is 405 with an Allow header.
 */
final class Router {

  /** Answers one route; {@code params} holds the path's {@code {name}} segments, decoded. */
  @FunctionalInterface
  interface Handler {
    ApiResponse handle(ApiRequest req, Map<String, String> params);
  }

  private record Route(String method, List<String> segments, Handler handler) {}

  private final List<Route> routes = new ArrayList<>();

  Router add(String method, String pattern, Handler handler) {
    routes.add(new Route(method, segments(pattern), handler));
    return this;
  }

  ApiResponse route(ApiRequest req) {
    List<String> path = segments(req.path());
    Set<String> allowed = new LinkedHashSet<>();
    for (Route r : routes) {
      Map<String, String> params = match(r.segments, path);
      if (params == null) continue;
      if (r.method.equals(req.method())) return r.handler.handle(req, params);
      allowed.add(r.method);
    }
    if (!allowed.isEmpty()) {
      throw new ApiException(405, "method " + req.method() + " is not allowed on " + req.path() + " (allowed: "
          + String.join(", ", allowed) + ")", Bodies.JSON.createObjectNode().put("allow", String.join(", ", allowed)));
    }
    throw ApiException.notFound("no such resource: " + req.path());
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
