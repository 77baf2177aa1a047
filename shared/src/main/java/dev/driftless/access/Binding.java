package dev.driftless.access;

import dev.driftless.glob.Glob;
import java.util.List;

/** One line of the policy: principals matching {@code principal} hold {@code role} on the projects matching a glob. */
public record Binding(PrincipalPattern principal, Role role, List<Glob> projects) {

  public Binding {
    projects = List.copyOf(projects);
  }

  /** On this project: an admin binding covers every project. */
  public boolean covers(String project) {
    return role == Role.ADMIN || projects.stream().anyMatch(g -> g.matches(project));
  }

  /** On every project, including ones not created yet (an admin, or the project glob {@code *}). */
  public boolean coversEveryProject() {
    return role == Role.ADMIN || projects.stream().anyMatch(g -> g.text().equals("*"));
  }

  public List<String> projectNames() {
    return projects.stream().map(Glob::text).toList();
  }
}
