package dev.driftless.project;

import dev.driftless.cluster.ClusterRegistration;
import dev.driftless.glob.Glob;
import dev.driftless.model.Application;
import dev.driftless.model.ObjectKey;
import dev.driftless.secrets.SecretLayout;
import dev.driftless.state.ApplicationStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one project allows, asked by registration, the API and every plan: whether an Application's source and
 * destination are allowed, whether each object it renders is (its kind for its scope, its namespace), which
 * secret references it may resolve, and whether its sync windows let a sync through. The matching is Argo CD's:
 * globs; in {@code sourceRepos} and {@code destinations} a matching {@code !} pattern denies and wins, else any
 * positive match allows, else nothing does.
 */
public final class ProjectRules {

  private static final Pattern SSH_WITH_PATH = Pattern.compile("(?i)ssh://([^/@]+@[^/:]+):([^0-9/].*)");

  private final Project project;
  private final String refsPrefix;

  /** @param refsPrefix the deployment's reference area, {@code <prefix>refs/} ({@link SecretLayout#refs()}) */
  public ProjectRules(Project project, String refsPrefix) {
    this.project = project;
    this.refsPrefix = refsPrefix;
  }

  public Project project() {
    return project;
  }

  /** The source repository and the destination (cluster and namespace) against the project. */
  public List<Violation> checkApplication(Application app, ClusterRegistration destination) {
    return checkApplication(app, destination == null ? DestinationCluster.named(app.destination().cluster())
        : DestinationCluster.of(destination));
  }

  public List<Violation> checkApplication(Application app, DestinationCluster destination) {
    List<Violation> out = new ArrayList<>();
    checkSource(app).ifPresent(out::add);
    checkDestination(app, destination).ifPresent(out::add);
    return out;
  }

  /** Each source's repository against {@code sourceRepos}: the first refused. */
  public Optional<Violation> checkSource(Application app) {
    for (int i = 0; i < app.sources().size(); i++) {
      String repo = app.sources().get(i).repoURL();
      if (!sourcePermitted(repo)) {
        String field = app.isMultiSource() ? "spec.sources[" + i + "].repoURL " : "spec.source.repoURL ";
        return Optional.of(new Violation(field + repo, "not permitted by sourceRepos of project " + name()));
      }
    }
    return Optional.empty();
  }

  /** The destination cluster and namespace against {@code destinations}. */
  public Optional<Violation> checkDestination(Application app, DestinationCluster destination) {
    String ns = app.destination().namespace();
    return destinationPermitted(destination, ns) ? Optional.empty() : Optional.of(new Violation("spec.destination",
        "cluster " + describe(destination) + (ns.isEmpty() ? " (no namespace)" : ", namespace " + ns)
            + " is not a destination of project " + name()));
  }

  /**
   * One object the Application would write, its namespace already defaulted to the destination's, its scope from
   * the cluster's discovery: empty when allowed, else what refuses it.
   */
  public Optional<Violation> checkObject(ObjectKey key, boolean namespaced, DestinationCluster destination) {
    String subject = subject(key);
    if (namespaced) {
      if (project.namespaceResourceWhitelist() != null && !inList(key, project.namespaceResourceWhitelist())) {
        return Optional.of(new Violation(subject, "not in namespaceResourceWhitelist of project " + name()));
      }
      if (inList(key, project.namespaceResourceBlacklist())) {
        return Optional.of(new Violation(subject, "in namespaceResourceBlacklist of project " + name()));
      }
      if (!destinationPermitted(destination, key.namespace())) {
        return Optional.of(new Violation(subject, "namespace " + key.namespace() + " is not a destination of project "
            + name() + " (cluster " + describe(destination) + ")"));
      }
      return Optional.empty();
    }
    if (!inList(key, project.clusterResourceWhitelist())) {
      return Optional.of(new Violation(subject, "cluster-scoped and not in clusterResourceWhitelist of project "
          + name()));
    }
    if (inList(key, project.clusterResourceBlacklist())) {
      return Optional.of(new Violation(subject, "in clusterResourceBlacklist of project " + name()));
    }
    return Optional.empty();
  }

  /** Whether a reference may name the secret {@code name}: under {@code <prefix>refs/<one of the prefixes>}. */
  public boolean secretReferenceAllowed(String name) {
    return project.referencePrefixes().stream().anyMatch(p -> SecretLayout.isUnder(refsPrefix + p, name));
  }

  /** The full secret name prefixes this project's references may name, for messages. */
  public List<String> secretReferencePrefixes() {
    return project.referencePrefixes().stream().map(p -> refsPrefix + p).toList();
  }

  /** Whether a sync (automated, or manual) of {@code app} may run at {@code at} under the project's windows. */
  public SyncVerdict syncWindow(Application app, DestinationCluster destination, boolean manual, Instant at) {
    SyncWindow.Target target = new SyncWindow.Target(app.name(), app.destination().namespace(), destination.name(),
        destination.server());
    return SyncWindows.verdict(project.syncWindows(), target, manual, at);
  }

  /** As above, the destination known by its name only. */
  public SyncVerdict syncWindow(Application app, boolean manual, Instant at) {
    return syncWindow(app, DestinationCluster.named(app.destination().cluster()), manual, at);
  }

  /** {@code apps/Deployment team-b/web}, {@code rbac.authorization.k8s.io/ClusterRole reader}, {@code ConfigMap a/b}. */
  public static String subject(ObjectKey key) {
    return (key.group().isEmpty() ? "" : key.group() + "/") + key.kind() + " "
        + (key.namespace().isEmpty() ? "" : key.namespace() + "/") + key.name();
  }

  /** Whether {@code sourceRepos} permits the repository (an ApplicationSet's Git generators ask it too). */
  public boolean sourcePermitted(String repoURL) {
    String repo = repoKey(repoURL);
    boolean any = false;
    for (String pattern : project.sourceRepos()) {
      boolean negated = Glob.isNegation(pattern);
      String p = negated ? pattern.substring(1) : pattern;
      String normalized = "*".equals(p) ? p : repoKey(p);
      boolean matched = Glob.matches(normalized, repo, '/');
      if (negated && matched) return false;
      any |= !negated && matched;
    }
    return any;
  }

  /**
   * A repository URL or pattern in the one spelling every form of it shares ({@link ApplicationStore#normalizeRepo}).
   * {@code ssh://git@host:owner/repo}, an scp-like path written with a scheme (Argo CD's documentation does), is
   * read as {@code git@host:owner/repo}: what follows the colon is not a port.
   */
  private static String repoKey(String url) {
    Matcher m = SSH_WITH_PATH.matcher(url.strip());
    return ApplicationStore.normalizeRepo(m.matches() ? m.group(1) + ":" + m.group(2) : url);
  }

  boolean destinationPermitted(DestinationCluster dst, String namespace) {
    boolean any = false;
    for (Project.Destination item : project.destinations()) {
      boolean nameMatched = matchCluster(item.name(), dst.name());
      boolean serverMatched = matchCluster(item.server(), dst.server());
      boolean nsMatched = match(item.namespace(), namespace);
      if ((nameMatched || serverMatched) && nsMatched) {
        any = true;
      } else if (nsMatched && (!nameMatched && Glob.isNegation(item.name())
          || !serverMatched && Glob.isNegation(item.server()))) {
        return false;
      } else if (!nsMatched && Glob.isNegation(item.namespace()) && (nameMatched || serverMatched)) {
        return false;
      }
    }
    return any;
  }

  /**
   * A destination's cluster pattern against the cluster's name or server. {@code *} matches even a server not
   * known (a kubeconfig registration names none), as it matches every server.
   */
  private static boolean matchCluster(String pattern, String value) {
    if ("*".equals(pattern)) return true;
    return value != null && !value.isEmpty() && match(pattern, value);
  }

  /** A pattern against a value: a {@code !} pattern matches what its glob does not. */
  private static boolean match(String pattern, String value) {
    if (pattern == null || value == null) return false;
    return Glob.isNegation(pattern) ? !Glob.matches(pattern.substring(1), value) : Glob.matches(pattern, value);
  }

  private static boolean inList(ObjectKey key, List<Project.GroupKind> list) {
    return list.stream().anyMatch(gk -> Glob.matches(gk.kind(), key.kind()) && Glob.matches(gk.group(), key.group())
        && (gk.name() == null || gk.name().isEmpty() || Glob.matches(gk.name(), key.name())));
  }

  private static String describe(DestinationCluster d) {
    return d.name() + (d.server() == null ? "" : " (" + d.server() + ")");
  }

  private String name() {
    return project.name();
  }
}
