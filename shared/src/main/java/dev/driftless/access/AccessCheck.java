package dev.driftless.access;

/**
 * One thing a request needs: a permission, and where it applies. {@link Scope#GLOBAL}: anywhere the caller
 * holds it (a cluster, the policy, or a list that is filtered afterwards); {@link Scope#PROJECT}: on the named
 * project; {@link Scope#UNKNOWN_PROJECT}: on an object whose project cannot be known (an Application that does
 * not exist), which only a caller holding the permission on every project passes, so that a refusal does not
 * tell whether the object exists.
 */
public record AccessCheck(Permission permission, Scope scope, String project, String object) {

  public enum Scope { GLOBAL, PROJECT, UNKNOWN_PROJECT }

  public static AccessCheck global(Permission p) {
    return new AccessCheck(p, Scope.GLOBAL, null, null);
  }

  public static AccessCheck global(Permission p, String object) {
    return new AccessCheck(p, Scope.GLOBAL, null, object);
  }

  public static AccessCheck onProject(Permission p, String project, String object) {
    return new AccessCheck(p, Scope.PROJECT, project, object);
  }

  public static AccessCheck unknownProject(Permission p, String object) {
    return new AccessCheck(p, Scope.UNKNOWN_PROJECT, null, object);
  }
}
