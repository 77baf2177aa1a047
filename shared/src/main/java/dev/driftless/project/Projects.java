package dev.driftless.project;

import dev.driftless.state.ProjectStore;
import java.util.Locale;
import java.util.Map;

/**
 * The engine's project lookup: a stored project by name, read fresh on every call (so a changed project counts
 * from the next plan on), and for {@code default} when none is stored the implicit one: Argo CD's permissive
 * default, or one that allows nothing when the deployment sets {@code DRIFTLESS_DEFAULT_PROJECT=restricted}.
 */
public final class Projects {

  /** The environment variable that chooses the implicit default project. */
  public static final String DEFAULT_PROJECT_ENV = "DRIFTLESS_DEFAULT_PROJECT";

  /** What the implicit {@code default} project allows when none is stored. */
  public enum ImplicitDefault {
    PERMISSIVE, RESTRICTED;

    /** {@code restricted} (any case) restricts; unset or {@code permissive} permits; anything else is refused. */
    public static ImplicitDefault fromEnvironment(Map<String, String> env) {
      String v = env.get(DEFAULT_PROJECT_ENV);
      if (v == null || v.isBlank()) return PERMISSIVE;
      try {
        return valueOf(v.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(DEFAULT_PROJECT_ENV + " must be permissive or restricted, not " + v);
      }
    }
  }

  private final ProjectStore store;
  private final ImplicitDefault implicitDefault;

  public Projects(ProjectStore store, ImplicitDefault implicitDefault) {
    this.store = store;
    this.implicitDefault = implicitDefault;
  }

  /** The project {@code name}; a missing project other than {@code default} is a {@link ProjectNotFoundException}. */
  public Project get(String name) {
    return store.get(name).map(ProjectStore.Stored::project).orElseGet(() -> {
      if (!Project.DEFAULT.equals(name)) {
        throw new ProjectNotFoundException("project " + name + " does not exist");
      }
      return implicitDefault == ImplicitDefault.RESTRICTED ? Project.restrictedDefault() : Project.permissiveDefault();
    });
  }

  /** The stored projects, for the API that manages them. */
  public ProjectStore store() {
    return store;
  }

  /** The rules of project {@code name}, with the deployment's reference area ({@code <prefix>refs/}). */
  public ProjectRules rules(String name, String refsPrefix) {
    return new ProjectRules(get(name), refsPrefix);
  }
}
