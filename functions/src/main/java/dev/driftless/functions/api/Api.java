package dev.driftless.functions.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.access.AccessControl;
import dev.driftless.access.AccessDeniedException;
import dev.driftless.functions.Functions;
import dev.driftless.model.DriftlessException;
import dev.driftless.model.InvalidApplicationException;
import dev.driftless.state.AccessStore;
import dev.driftless.state.ConflictException;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Driftless HTTP API, free of Lambda types: routes a request and shapes every answer as JSON. Errors
 * are {@code {"error": "..."}} with the status that fits: 400 invalid input (naming the field), 404, 405,
 * 403 {@code {"error": ..., "missing": "applications/sync on project team-a (application web)"}} (the caller
 * lacks a permission; nothing was done), 409 (a version conflict names the version found), 413, 415, 422 (the
 * operation could not go on: the engine's own message, such as a render or plan failure), and 500
 * {@code {"error":"internal error", "requestId":...}} for anything else, whose text is logged by type and never returned.
 */
public final class Api {

  private static final Logger LOG = LoggerFactory.getLogger(Api.class);

  private final Router router;

  public Api(Functions fn, AccessStore policy, AccessControl access, Clock clock) {
    var parts = fn.parts();
    router = new Router(access);
    new ClusterRoutes(parts.clusters(), parts.clients()).register(router);
    new ApplicationRoutes(parts.applications(), fn.reconciler().cascadeDelete(), parts.status(), parts.clusters(),
        parts.source().rules(), access, parts.projects(), clock).register(router);
    new OperationRoutes(parts.applications(), parts.status(), fn.reconciler(), fn.queue(), parts.clusters(),
        parts.projects(), access, clock).register(router);
    new ProjectRoutes(parts.projects().store(), parts.applications(), access).register(router);
    new ApplicationSetRoutes(parts.applications(), parts.status(), parts.projects(), parts.source().rules(), access,
        fn.reconciler(), fn.queue(), clock).register(router);
    new AccessRoutes(policy, access).register(router);
  }

  /** Every route as declared, for tests that walk them all. */
  List<Router.Route> routes() {
    return router.routes();
  }

  public ApiResponse handle(ApiRequest req) {
    try {
      Bodies.checkSize(req);
      return router.route(req);
    } catch (ApiException e) {
      ApiResponse r = error(e.status(), e.getMessage(), e.details());
      return e.status() == 405 && e.details() != null ? r.withHeader("Allow", e.details().path("allow").asText())
          : r;
    } catch (AccessDeniedException e) {
      return ApiResponse.of(403, Views.object().put("error", e.getMessage()).put("missing", e.missing()));
    } catch (InvalidApplicationException e) {
      return error(400, e.getMessage(), null);
    } catch (ConflictException e) {
      return error(409, e.getMessage(), null);
    } catch (DriftlessException e) {
      return error(422, e.getMessage(), null);
    } catch (RuntimeException e) {
      String m = String.valueOf(e.getMessage());
      LOG.error("request {} {} {} failed: {}: {}", req.requestId(), req.method(), req.path(),
          e.getClass().getName(), m.length() > 300 ? m.substring(0, 300) + "..." : m);
      return ApiResponse.of(500, Views.object().put("error", "internal error").put("requestId", req.requestId()));
    }
  }

  private static ApiResponse error(int status, String message, ObjectNode details) {
    ObjectNode body = Views.object().put("error", message);
    if (details != null) {
      details.fields().forEachRemaining(f -> {
        if (!f.getKey().equals("allow")) body.set(f.getKey(), f.getValue());
      });
    }
    return ApiResponse.of(status, body);
  }
}
