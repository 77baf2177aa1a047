package dev.driftless.access;

import java.util.List;

/**
 * What one caller holds: its resolved principal, whether it is a bootstrap admin, and the bindings that match
 * it. Decides checks; reads nothing.
 */
public record Grants(String caller, Principal principal, boolean bootstrapAdmin, List<Binding> bindings) {

  public Grants {
    bindings = List.copyOf(bindings);
  }

  public boolean admin() {
    return bootstrapAdmin || bindings.stream().anyMatch(b -> b.role() == Role.ADMIN);
  }

  public boolean allows(AccessCheck c) {
    if (admin()) return true;
    return bindings.stream().filter(b -> b.role().holds(c.permission())).anyMatch(b -> switch (c.scope()) {
      case GLOBAL -> true;
      case PROJECT -> b.covers(c.project());
      case UNKNOWN_PROJECT -> b.coversEveryProject();
    });
  }

  public boolean allows(Permission p, String project) {
    return allows(AccessCheck.onProject(p, project, null));
  }

  /** Holds some role on the project, so that naming the project to it in a refusal tells it nothing new. */
  public boolean anyRoleOn(String project) {
    return admin() || bindings.stream().anyMatch(b -> b.covers(project));
  }

  /**
   * The permission a refused check lacked, as the 403 names it: the project is named only to a caller that
   * holds some role on it, so a refusal never tells which project an Application it may not see belongs to.
   */
  public String missing(AccessCheck c) {
    String where = switch (c.scope()) {
      case GLOBAL -> c.object() == null ? "" : " on " + c.object();
      case PROJECT -> c.object() == null ? " on project " + c.project()
          : anyRoleOn(c.project()) ? " on project " + c.project() + " (" + c.object() + ")" : " on " + c.object();
      case UNKNOWN_PROJECT -> " on " + c.object();
    };
    return c.permission() + where;
  }
}
