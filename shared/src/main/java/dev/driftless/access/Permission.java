package dev.driftless.access;

/**
 * What a route asks of the policy: a resource and an action, written {@code resource/action}. Permissions on
 * Applications and projects are held per project; the others are global.
 */
public enum Permission {
  APPLICATIONS_GET("applications", "get", true),
  APPLICATIONS_HISTORY("applications", "history", true),
  APPLICATIONS_DIFF("applications", "diff", true),
  APPLICATIONS_SYNC("applications", "sync", true),
  APPLICATIONS_ROLLBACK("applications", "rollback", true),
  APPLICATIONS_CREATE("applications", "create", true),
  APPLICATIONS_UPDATE("applications", "update", true),
  APPLICATIONS_DELETE("applications", "delete", true),
  PROJECTS_GET("projects", "get", true),
  PROJECTS_UPDATE("projects", "update", true),
  PROJECTS_CREATE("projects", "create", false),
  PROJECTS_DELETE("projects", "delete", false),
  CLUSTERS_GET("clusters", "get", false),
  CLUSTERS_UPDATE("clusters", "update", false),
  CLUSTERS_DELETE("clusters", "delete", false),
  ACCESS_GET("access", "get", false),
  ACCESS_UPDATE("access", "update", false);

  private final String resource;
  private final String action;
  private final boolean perProject;

  Permission(String resource, String action, boolean perProject) {
    this.resource = resource;
    this.action = action;
    this.perProject = perProject;
  }

  public String resource() {
    return resource;
  }

  public String action() {
    return action;
  }

  /** Held per project (a binding's projects say where), rather than for the whole deployment. */
  public boolean perProject() {
    return perProject;
  }

  @Override
  public String toString() {
    return resource + "/" + action;
  }
}
