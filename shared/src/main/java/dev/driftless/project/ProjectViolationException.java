package dev.driftless.project;

import dev.driftless.model.DriftlessException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An Application, or objects it renders, outside its project: one message naming each refused field or object
 * and its rule (the first {@value #SHOWN}, then how many more). Nothing was written when it is raised.
 */
public class ProjectViolationException extends DriftlessException {

  private static final long serialVersionUID = 1L;
  static final int SHOWN = 10;

  private final transient List<Violation> violations;

  public ProjectViolationException(String application, Project project, List<Violation> violations) {
    super(message(application, project, violations));
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }

  private static String message(String application, Project project, List<Violation> violations) {
    String shown = violations.stream().limit(SHOWN).map(Violation::toString).collect(Collectors.joining("; "));
    int more = violations.size() - SHOWN;
    return "application " + application + ": refused by project " + project.name() + " (" + violations.size()
        + (violations.size() == 1 ? " violation" : " violations") + "): " + shown
        + (more > 0 ? "; and " + more + " more" : "")
        + (project.equals(Project.restrictedDefault()) ? " (the implicit default project allows nothing: "
            + Projects.DEFAULT_PROJECT_ENV + "=restricted; register a default project)" : "");
  }
}
