package dev.driftless.access;

import static dev.driftless.access.Permission.APPLICATIONS_CREATE;
import static dev.driftless.access.Permission.APPLICATIONS_DELETE;
import static dev.driftless.access.Permission.APPLICATIONS_DIFF;
import static dev.driftless.access.Permission.APPLICATIONS_GET;
import static dev.driftless.access.Permission.APPLICATIONS_HISTORY;
import static dev.driftless.access.Permission.APPLICATIONS_ROLLBACK;
import static dev.driftless.access.Permission.APPLICATIONS_SYNC;
import static dev.driftless.access.Permission.APPLICATIONS_UPDATE;
import static dev.driftless.access.Permission.CLUSTERS_GET;
import static dev.driftless.access.Permission.PROJECTS_GET;
import static dev.driftless.access.Permission.PROJECTS_UPDATE;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The four roles and what each holds. {@code admin} holds everything, everywhere. The others hold their
 * permissions on the projects their binding names, and each holds what the one below it holds; every role
 * may read cluster registrations (names, servers, auth kind; never credentials). A diff shows live state, so
 * it belongs to deployers and up, not viewers.
 */
public enum Role {
  VIEWER("viewer", EnumSet.of(APPLICATIONS_GET, APPLICATIONS_HISTORY, PROJECTS_GET, CLUSTERS_GET)),
  DEPLOYER("deployer", with(VIEWER, APPLICATIONS_DIFF, APPLICATIONS_SYNC, APPLICATIONS_ROLLBACK)),
  PROJECT_ADMIN("project-admin", with(DEPLOYER, APPLICATIONS_CREATE, APPLICATIONS_UPDATE, APPLICATIONS_DELETE,
      PROJECTS_UPDATE)),
  ADMIN("admin", EnumSet.allOf(Permission.class));

  private final String word;
  private final Set<Permission> permissions;

  Role(String word, Set<Permission> permissions) {
    this.word = word;
    this.permissions = permissions;
  }

  private static Set<Permission> with(Role below, Permission... more) {
    EnumSet<Permission> s = EnumSet.copyOf(below.permissions);
    s.addAll(Arrays.asList(more));
    return s;
  }

  public boolean holds(Permission p) {
    return permissions.contains(p);
  }

  public String word() {
    return word;
  }

  /** The role a policy names, or null when none is called that. */
  public static Role byWord(String word) {
    for (Role r : values()) {
      if (r.word.equals(word)) return r;
    }
    return null;
  }
}
