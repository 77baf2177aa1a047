package dev.driftless.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An Application: what to deploy (source), where (destination) and how (sync policy). Field names follow
 * Argo CD's Application where they overlap, so an {@code argoproj.io/v1alpha1} Application registers as is.
 */
public record Application(
    String name,
    String project,
    Source source,
    Destination destination,
    SyncPolicy syncPolicy,
    List<IgnoreDifference> ignoreDifferences) {

  public Application {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    project = project == null ? "default" : project;
    syncPolicy = syncPolicy == null ? SyncPolicy.MANUAL : syncPolicy;
    ignoreDifferences = ignoreDifferences == null ? List.of() : List.copyOf(ignoreDifferences);
  }

  /** How the source is rendered; {@link #DETECT} decides from the files at the path. */
  public enum RenderKind { DETECT, PLAIN, KUSTOMIZE, HELM }

  public record Source(
      String repoURL,
      String targetRevision,
      String path,
      String credentials,
      RenderKind kind,
      Kustomize kustomize,
      Helm helm) {

    public Source {
      Objects.requireNonNull(repoURL, "repoURL");
      targetRevision = targetRevision == null || targetRevision.isBlank() ? "HEAD" : targetRevision;
      path = path == null || path.isBlank() ? "." : path;
      kind = kind == null ? RenderKind.DETECT : kind;
    }
  }

  /** Kustomize options; remote bases are refused unless allowed. */
  public record Kustomize(boolean allowRemoteBases, List<String> buildOptions) {
    public Kustomize {
      buildOptions = buildOptions == null ? List.of() : List.copyOf(buildOptions);
    }
  }

  /**
   * Helm options, as {@code helm template} takes them. The release name and the parameter names reach helm's
   * command line, so registration and render both hold them to {@link #isReleaseName} and
   * {@link #isParameterName}.
   */
  public record Helm(String releaseName, List<String> valueFiles, String values, Map<String, String> parameters) {

    /** A DNS-1123 label of at most 53 characters, helm's release name limit. */
    private static final Pattern RELEASE_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,51}[a-z0-9])?");
    /** A {@code --set} key path ({@code image.tag}, {@code env[0].name}, {@code podAnnotations.a\.b/c}). */
    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_./\\[\\]-]|\\\\\\.)*");

    public Helm {
      valueFiles = valueFiles == null ? List.of() : List.copyOf(valueFiles);
      parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    public static boolean isReleaseName(String name) {
      return name != null && RELEASE_NAME.matcher(name).matches();
    }

    /** True for a key path that sets exactly one value: no '=' or ',' (they would set others), no leading '-'. */
    public static boolean isParameterName(String name) {
      return name != null && PARAMETER_NAME.matcher(name).matches();
    }
  }

  public record Destination(String cluster, String namespace) {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    public Destination {
      Objects.requireNonNull(cluster, "cluster");
      namespace = namespace == null ? "" : namespace;
    }

    /** True for a Kubernetes namespace name: a DNS-1123 label of at most 63 characters. */
    public static boolean isNamespace(String name) {
      return name != null && DNS_LABEL.matcher(name).matches();
    }
  }

  public record SyncPolicy(boolean automated, boolean prune, boolean selfHeal, boolean allowEmpty,
      SyncOptions syncOptions, Retry retry) {

    public static final SyncPolicy MANUAL = new SyncPolicy(false, false, false, false, SyncOptions.NONE, Retry.NONE);

    public SyncPolicy {
      syncOptions = syncOptions == null ? SyncOptions.NONE : syncOptions;
      retry = retry == null ? Retry.NONE : retry;
    }
  }

  /**
   * Argo CD's {@code syncPolicy.retry}: a failed attempt is tried again up to {@code limit} times (0: never; below
   * 0: forever), first after {@code duration}, then {@code factor} times longer each time, never longer than
   * {@code maxDuration} (zero: no cap of its own).
   */
  public record Retry(int limit, Duration duration, int factor, Duration maxDuration) {
    public static final Retry NONE = new Retry(0, Duration.ofSeconds(5), 2, Duration.ofMinutes(3));
    /** Argo CD's spelling of a limit that never runs out (any negative limit means the same). */
    public static final int FOREVER = -1;

    public boolean forever() {
      return limit < 0;
    }
  }

  /** Differences to ignore for matching objects: JSON pointers, and fields owned by the named managers. */
  public record IgnoreDifference(String group, String kind, String name, String namespace,
      List<String> jsonPointers, List<String> managedFieldsManagers) {
    public IgnoreDifference {
      group = group == null ? "" : group;
      jsonPointers = jsonPointers == null ? List.of() : List.copyOf(jsonPointers);
      managedFieldsManagers = managedFieldsManagers == null ? List.of() : List.copyOf(managedFieldsManagers);
    }

    public boolean matches(ObjectKey key) {
      return group.equals(key.group()) && kind.equals(key.kind())
          && (name == null || name.equals(key.name()))
          && (namespace == null || namespace.equals(key.namespace()));
    }
  }
}
