package dev.driftless.functions.api;

import dev.driftless.access.AccessCheck;
import dev.driftless.access.Permission;
import dev.driftless.state.ApplicationSetStore;
import dev.driftless.state.ApplicationStore;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a route needs from its caller, declared where the route is added ({@code router.add("GET", "/api/x",
 * Need.global(Permission.X), handler)}), and decided before the route runs. {@code permission} and
 * {@code object} name it in logs and for admins (who hold everything, so their calls read nothing to decide);
 * {@code checks} says, for everyone else, which projects it applies to, reading stored objects where the project
 * is theirs (an Application's project is the stored one, never the caller's word).
 */
public record Need(Permission permission, Function<Map<String, String>, String> object, Checks checks) {

  /** The checks one request needs. */
  @FunctionalInterface
  public interface Checks {
    List<AccessCheck> of(ApiRequest req, Map<String, String> params);
  }

  /** Nothing: only for {@code /api/whoami}, which tells a caller with no role that it has none. */
  public static Need nothing() {
    return new Need(null, p -> null, (req, p) -> List.of());
  }

  /** A permission held for the whole deployment (clusters, the policy, creating projects). */
  public static Need global(Permission permission) {
    return new Need(permission, p -> null, (req, p) -> List.of(AccessCheck.global(permission)));
  }

  /** A global permission on the object named by the path's {@code {name}}, such as {@code cluster web}. */
  public static Need global(Permission permission, String kind) {
    Function<Map<String, String>, String> object = p -> kind + " " + p.get("name");
    return new Need(permission, object, (req, p) -> List.of(AccessCheck.global(permission, object.apply(p))));
  }

  /** A permission on the project named by the path's {@code {name}}: the project routes' hook. */
  public static Need project(Permission permission) {
    return new Need(permission, p -> "project " + p.get("name"),
        (req, p) -> List.of(AccessCheck.onProject(permission, p.get("name"), null)));
  }

  /**
   * A permission on the stored ApplicationSet named by the path's {@code {name}}, in its project (the template's);
   * one that does not exist is judged as in a project the caller may not know.
   */
  public static Need applicationSet(Permission permission, ApplicationSetStore sets) {
    Function<Map<String, String>, String> object = p -> "applicationset " + p.get("name");
    return new Need(permission, object, (req, p) -> List.of(sets.get(p.get("name"))
        .map(s -> AccessCheck.onProject(permission, s.set().project(), object.apply(p)))
        .orElseGet(() -> AccessCheck.unknownProject(permission, object.apply(p)))));
  }

  /**
   * A permission on the stored Application named by the path's {@code {name}}, in its stored project; one that
   * does not exist is judged as if in a project the caller may not know, so a refusal does not tell.
   */
  public static Need application(Permission permission, ApplicationStore applications) {
    Function<Map<String, String>, String> object = p -> "application " + p.get("name");
    return new Need(permission, object, (req, p) -> List.of(applications.get(p.get("name"))
        .map(s -> AccessCheck.onProject(permission, s.application().project(), object.apply(p)))
        .orElseGet(() -> AccessCheck.unknownProject(permission, object.apply(p)))));
  }
}
