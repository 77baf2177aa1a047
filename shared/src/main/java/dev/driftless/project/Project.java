package dev.driftless.project;

import java.util.List;
import java.util.Objects;

/**
 * An AppProject, as Argo CD defines it ({@code argoproj.io/v1alpha1}, or {@code driftless.dev/v1alpha1} with the
 * same fields): which repositories its Applications may deploy from, to which destinations, which kinds, when
 * (sync windows), and the Driftless extension {@code secretReferencePrefixes}. {@code namespaceResourceWhitelist}
 * is null when absent (every namespaced kind allowed) and empty when written as {@code []} (none allowed), as in
 * Argo CD. {@code secretReferencePrefixes} is null when absent: the project's default applies
 * ({@link #referencePrefixes()}). Fields Argo CD documents but Driftless does not enforce (roles, signature keys,
 * and the like) stay in the stored document; {@code notEnforced} names those present. The Driftless extension
 * {@code ownWebhookSecrets} (default false) makes the project's Applications answer only to webhooks signed with
 * the project's own secrets ({@code <prefix>webhooks/projects/<name>/<normalized repo>}), never the repository's.
 */
public record Project(
    String name,
    String description,
    List<String> sourceRepos,
    List<Destination> destinations,
    List<GroupKind> clusterResourceWhitelist,
    List<GroupKind> clusterResourceBlacklist,
    List<GroupKind> namespaceResourceWhitelist,
    List<GroupKind> namespaceResourceBlacklist,
    List<String> sourceNamespaces,
    List<SyncWindow> syncWindows,
    OrphanedResources orphanedResources,
    List<String> secretReferencePrefixes,
    List<String> notEnforced,
    boolean ownWebhookSecrets) {

  /** The project every Application without one belongs to. */
  public static final String DEFAULT = "default";

  public Project {
    Objects.requireNonNull(name, "name");
    sourceRepos = copy(sourceRepos);
    destinations = copy(destinations);
    clusterResourceWhitelist = copy(clusterResourceWhitelist);
    clusterResourceBlacklist = copy(clusterResourceBlacklist);
    namespaceResourceWhitelist = namespaceResourceWhitelist == null ? null : List.copyOf(namespaceResourceWhitelist);
    namespaceResourceBlacklist = copy(namespaceResourceBlacklist);
    sourceNamespaces = copy(sourceNamespaces);
    syncWindows = copy(syncWindows);
    secretReferencePrefixes = secretReferencePrefixes == null ? null : List.copyOf(secretReferencePrefixes);
    notEnforced = copy(notEnforced);
  }

  /** A project whose Applications answer to the repository's webhook secrets (the default). */
  public Project(String name, String description, List<String> sourceRepos, List<Destination> destinations,
      List<GroupKind> clusterResourceWhitelist, List<GroupKind> clusterResourceBlacklist,
      List<GroupKind> namespaceResourceWhitelist, List<GroupKind> namespaceResourceBlacklist,
      List<String> sourceNamespaces, List<SyncWindow> syncWindows, OrphanedResources orphanedResources,
      List<String> secretReferencePrefixes, List<String> notEnforced) {
    this(name, description, sourceRepos, destinations, clusterResourceWhitelist, clusterResourceBlacklist,
        namespaceResourceWhitelist, namespaceResourceBlacklist, sourceNamespaces, syncWindows, orphanedResources,
        secretReferencePrefixes, notEnforced, false);
  }

  /**
   * Argo CD's implicit {@code default} project: any repository, any destination, every cluster-scoped and
   * namespaced kind, and every reference under {@code refs/}.
   */
  public static Project permissiveDefault() {
    return new Project(DEFAULT, "Argo CD's permissive default project", List.of("*"),
        List.of(new Destination("*", null, "*")), List.of(new GroupKind("*", "*", null)), null, null, null, null,
        null, null, List.of(""), null);
  }

  /** The implicit {@code default} project of a deployment that turned the permissive one off: it allows nothing. */
  public static Project restrictedDefault() {
    return new Project(DEFAULT, "restricted: the deployment allows nothing without a stored default project "
        + "(DRIFTLESS_DEFAULT_PROJECT=restricted)", null, null, null, null, List.of(), null, null, null, null,
        List.of(), null);
  }

  /**
   * The secret name prefixes, relative to the deployment's {@code <prefix>refs/}, this project's Applications may
   * reference: as written, else {@code <name>/}, except for {@code default}, which may reference all of
   * {@code refs/} (the empty prefix).
   */
  public List<String> referencePrefixes() {
    if (secretReferencePrefixes != null) return secretReferencePrefixes;
    return List.of(DEFAULT.equals(name) ? "" : name + "/");
  }

  private static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  /** A destination: a cluster by server URL or by name (globs, {@code !} negations) and a namespace glob. */
  public record Destination(String server, String name, String namespace) {
    @Override
    public String toString() {
      return (name != null ? "name " + name : "") + (name != null && server != null ? ", " : "")
          + (server != null ? "server " + server : "") + ", namespace " + namespace;
    }
  }

  /** A {@code {group, kind}} entry of a resource list (globs); {@code name}, a glob of object names, is optional. */
  public record GroupKind(String group, String kind, String name) {
    public GroupKind {
      group = group == null ? "" : group;
    }

    @Override
    public String toString() {
      return (group.isEmpty() ? "" : group + "/") + kind + (name == null ? "" : " " + name);
    }
  }

  /** Argo CD's orphaned-resource monitoring: parsed and kept; Driftless does not report orphans. */
  public record OrphanedResources(boolean warn, List<GroupKind> ignore) {
    public OrphanedResources {
      ignore = ignore == null ? List.of() : List.copyOf(ignore);
    }
  }
}
