package dev.driftless.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

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

  /** Helm options, as {@code helm template} takes them. */
  public record Helm(String releaseName, List<String> valueFiles, String values, Map<String, String> parameters) {
    public Helm {
      valueFiles = valueFiles == null ? List.of() : List.copyOf(valueFiles);
      parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
  }

  public record Destination(String cluster, String namespace) {
    public Destination {
      Objects.requireNonNull(cluster, "cluster");
      namespace = namespace == null ? "" : namespace;
    }
  }

  public record SyncPolicy(boolean automated, boolean prune, boolean selfHeal, boolean allowEmpty,
      List<String> syncOptions, Retry retry) {

    public static final SyncPolicy MANUAL = new SyncPolicy(false, false, false, false, List.of(), Retry.NONE);

    public SyncPolicy {
      syncOptions = syncOptions == null ? List.of() : List.copyOf(syncOptions);
      retry = retry == null ? Retry.NONE : retry;
    }

    /** True when {@code Name=true} is among the sync options. */
    public boolean has(String option) {
      return syncOptions.stream().anyMatch(o -> o.equalsIgnoreCase(option + "=true"));
    }
  }

  public record Retry(int limit, java.time.Duration duration, int factor, java.time.Duration maxDuration) {
    public static final Retry NONE = new Retry(0, java.time.Duration.ofSeconds(5), 2, java.time.Duration.ofMinutes(3));
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
