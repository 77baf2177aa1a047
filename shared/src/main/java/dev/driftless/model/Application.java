package dev.driftless.model;

import java.time.Duration;
import java.util.ArrayList;
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
    List<IgnoreDifference> ignoreDifferences,
    List<Source> sources) {

  /**
   * A Kubernetes object name (DNS-1123 subdomain, as Kubernetes checks it): lowercase letters, digits, '-' and '.',
   * starting and ending with a letter or digit, at most 253 characters. Argo CD's own examples use dots.
   */
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final int NAME_LENGTH = 253;

  /**
   * {@code source} is the primary source (the one the single-source paths read: the first rendered one); {@code
   * sources} every source in the order Argo CD's {@code spec.sources} gives them, {@code source} alone when null.
   */
  public Application {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    project = project == null ? "default" : project;
    syncPolicy = syncPolicy == null ? SyncPolicy.MANUAL : syncPolicy;
    ignoreDifferences = ignoreDifferences == null ? List.of() : List.copyOf(ignoreDifferences);
    sources = sources == null || sources.isEmpty() ? List.of(source) : List.copyOf(sources);
  }

  /** A single-source Application. */
  public Application(String name, String project, Source source, Destination destination, SyncPolicy syncPolicy,
      List<IgnoreDifference> ignoreDifferences) {
    this(name, project, source, destination, syncPolicy, ignoreDifferences, null);
  }

  /** True for a valid Application name: a DNS-1123 subdomain of at most 253 characters (dots allowed). */
  public static boolean isName(String name) {
    return name != null && name.length() <= NAME_LENGTH && NAME.matcher(name).matches();
  }

  /** True when the Application has several sources (Argo CD's {@code spec.sources}). */
  public boolean isMultiSource() {
    return sources.size() > 1;
  }

  /** The same Application with {@code only} as its one source: how each source of several is rendered. */
  public Application withOnlySource(Source only) {
    return new Application(name, project, only, destination, syncPolicy, ignoreDifferences, List.of(only));
  }

  /** The same Application with each source at the revision in {@code revisions} (same order), options kept. */
  public Application at(List<String> revisions) {
    if (revisions.size() != sources.size()) {
      throw new IllegalArgumentException("application " + name + ": " + revisions.size() + " revisions for "
          + sources.size() + " sources");
    }
    List<Source> pinned = new ArrayList<>();
    Source primary = null;
    for (int i = 0; i < sources.size(); i++) {
      Source s = sources.get(i).at(revisions.get(i));
      pinned.add(s);
      if (sources.get(i) == source && primary == null) primary = s;
    }
    return new Application(name, project, primary == null ? pinned.get(0) : primary, destination, syncPolicy,
        ignoreDifferences, pinned);
  }

  /**
   * How the source is rendered; {@link #DETECT} decides from the files at the path. {@link #REFERENCE} is a source
   * of several that is not rendered, only named by its {@code ref} in another's Helm value files.
   */
  public enum RenderKind { DETECT, PLAIN, KUSTOMIZE, HELM, REFERENCE }

  /**
   * Where the manifests come from: a Git repository ({@code repoURL} and {@code path}); when {@code chart} is given,
   * a Helm chart repository or OCI registry ({@code targetRevision} the chart's version or a semver range); or an
   * OCI artifact ({@code oci://} repoURL, {@code targetRevision} a tag, digest or range, {@code path} inside it).
   */
  public record Source(
      String repoURL,
      String targetRevision,
      String path,
      String credentials,
      RenderKind kind,
      Kustomize kustomize,
      Helm helm,
      Directory directory,
      String chart,
      String ref) {

    /** A chart name as chart repositories index it: no path separator, no leading dot or dash. */
    private static final Pattern REF = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]{0,62}");
    private static final Pattern CHART = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

    public Source {
      Objects.requireNonNull(repoURL, "repoURL");
      targetRevision = targetRevision == null || targetRevision.isBlank() ? "HEAD" : targetRevision;
      path = path == null || path.isBlank() ? "." : path;
      kind = kind == null ? RenderKind.DETECT : kind;
      directory = directory == null ? Directory.DEFAULT : directory;
      chart = chart == null || chart.isBlank() ? null : chart;
      ref = ref == null || ref.isBlank() ? null : ref;
    }

    /** A Git source with the default directory options. */
    public Source(String repoURL, String targetRevision, String path, String credentials, RenderKind kind,
        Kustomize kustomize, Helm helm) {
      this(repoURL, targetRevision, path, credentials, kind, kustomize, helm, null, null, null);
    }

    /** A Git source. */
    public Source(String repoURL, String targetRevision, String path, String credentials, RenderKind kind,
        Kustomize kustomize, Helm helm, Directory directory) {
      this(repoURL, targetRevision, path, credentials, kind, kustomize, helm, directory, null, null);
    }

    /** A Git source or a chart, without a ref. */
    public Source(String repoURL, String targetRevision, String path, String credentials, RenderKind kind,
        Kustomize kustomize, Helm helm, Directory directory, String chart) {
      this(repoURL, targetRevision, path, credentials, kind, kustomize, helm, directory, chart, null);
    }

    /** True when the source is a Helm chart (from a chart repository or an OCI registry), not a Git repository. */
    public boolean isChart() {
      return chart != null;
    }

    /**
     * True when the source lives in an OCI registry: an {@code oci://} repoURL (a Helm chart with {@code chart}, else
     * an artifact of manifests), or, as Argo CD writes Helm OCI charts, a repoURL without a scheme beside a chart.
     */
    public boolean isOci() {
      return repoURL.regionMatches(true, 0, "oci://", 0, 6) || (chart != null && !repoURL.contains("://"));
    }

    /** True for a Git repository. */
    public boolean isGit() {
      return !isChart() && !isOci();
    }

    /** The same source at another revision (a commit, or a chart's exact version), every option kept. */
    public Source at(String revision) {
      return new Source(repoURL, revision, path, credentials, kind, kustomize, helm, directory, chart, ref);
    }

    /** True for a source that is rendered, not only referenced by its {@code ref}. */
    public boolean isRendered() {
      return kind != RenderKind.REFERENCE;
    }

    public static boolean isRefName(String name) {
      return name != null && REF.matcher(name).matches();
    }

    public static boolean isChartName(String name) {
      return name != null && CHART.matcher(name).matches();
    }
  }

  /**
   * Argo CD's {@code spec.source.directory}: which manifest files of a plain directory are read, and how its
   * {@code .jsonnet} files are evaluated. {@code include} and {@code exclude} are globs matched against each
   * file's path relative to the source path (null: no filter). Unlike Argo CD, {@code recurse} defaults to true:
   * Driftless always read subdirectories, and turning that off for stored Applications would prune their objects.
   */
  public record Directory(boolean recurse, String include, String exclude, Jsonnet jsonnet) {
    public static final Directory DEFAULT = new Directory(true, null, null, Jsonnet.NONE);

    public Directory {
      jsonnet = jsonnet == null ? Jsonnet.NONE : jsonnet;
    }
  }

  /** Argo CD's {@code directory.jsonnet}: external variables, top-level arguments, library directories. */
  public record Jsonnet(List<JsonnetVar> extVars, List<JsonnetVar> tlas, List<String> libs) {
    public static final Jsonnet NONE = new Jsonnet(List.of(), List.of(), List.of());

    public Jsonnet {
      extVars = extVars == null ? List.of() : List.copyOf(extVars);
      tlas = tlas == null ? List.of() : List.copyOf(tlas);
      libs = libs == null ? List.of() : List.copyOf(libs);
    }
  }

  /**
   * One external variable or top-level argument: a string value, or Jsonnet code when {@code code} is true. The
   * name reaches jsonnet's command line as {@code NAME=VALUE}, so registration and render both hold it to
   * {@link #isName}, and code to {@link #imports}.
   */
  public record JsonnetVar(String name, String value, boolean code) {

    /** Starts with a letter or '_' (never '-', a flag) and holds no '=' (which would end the name early). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,252}");
    private static final Pattern IMPORT = Pattern.compile("\\bimport(str|bin)?\\b");

    public JsonnetVar {
      Objects.requireNonNull(name, "name");
      value = value == null ? "" : value;
    }

    public static boolean isName(String name) {
      return name != null && NAME.matcher(name).matches();
    }

    /**
     * True for code that names an import. An import in code given by the Application is resolved against no
     * checked file list and could read any file the process can, so such code is refused.
     */
    public static boolean imports(String code) {
      return code != null && IMPORT.matcher(code).find();
    }
  }

  /**
   * Kustomize options: remote bases are refused unless allowed; the Application's edits (Argo CD's
   * {@code namePrefix}, {@code images}, ...) are applied over the kustomization by the renderer.
   */
  public record Kustomize(boolean allowRemoteBases, List<String> buildOptions, KustomizeEdits edits) {
    public Kustomize {
      buildOptions = buildOptions == null ? List.of() : List.copyOf(buildOptions);
      edits = edits == null ? KustomizeEdits.NONE : edits;
    }

    public Kustomize(boolean allowRemoteBases, List<String> buildOptions) {
      this(allowRemoteBases, buildOptions, null);
    }
  }

  /**
   * Helm options, as {@code helm template} takes them. The release name and the parameter names reach helm's
   * command line, so registration and render both hold them to {@link #isReleaseName} and
   * {@link #isParameterName}.
   */
  public record Helm(String releaseName, List<String> valueFiles, String values, Map<String, String> parameters,
      HelmOptions options) {

    /**
     * A value file in another source's repository, as Argo CD writes it: {@code $<ref>/<path from its root>}; group 1
     * is the ref, group 2 the path.
     */
    public static final Pattern REF_FILE = Pattern.compile("\\$([A-Za-z0-9_][A-Za-z0-9_-]{0,62})/(.+)");
    /**
     * Helm's own rule for release names: a DNS-1123 subdomain (dots allowed, so an Application named with dots is
     * its own release name, as in Argo CD) of at most 53 characters.
     */
    private static final Pattern RELEASE_NAME = Pattern.compile("(?=.{1,53}$)" + NAME.pattern());
    /** A {@code --set} key path ({@code image.tag}, {@code env[0].name}, {@code podAnnotations.a\.b/c}). */
    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_./\\[\\]-]|\\\\\\.)*");

    public Helm {
      valueFiles = valueFiles == null ? List.of() : List.copyOf(valueFiles);
      parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
      options = options == null ? HelmOptions.NONE : options;
    }

    public Helm(String releaseName, List<String> valueFiles, String values, Map<String, String> parameters) {
      this(releaseName, valueFiles, values, parameters, null);
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

  /**
   * Differences to ignore for matching objects: JSON pointers, fields owned by the named managers, and the paths
   * jq path expressions select ({@link JqPathExpression}).
   */
  public record IgnoreDifference(String group, String kind, String name, String namespace,
      List<String> jsonPointers, List<String> managedFieldsManagers, List<String> jqPathExpressions) {
    public IgnoreDifference {
      group = group == null ? "" : group;
      jsonPointers = jsonPointers == null ? List.of() : List.copyOf(jsonPointers);
      managedFieldsManagers = managedFieldsManagers == null ? List.of() : List.copyOf(managedFieldsManagers);
      jqPathExpressions = jqPathExpressions == null ? List.of() : List.copyOf(jqPathExpressions);
    }

    /** Without jq path expressions. */
    public IgnoreDifference(String group, String kind, String name, String namespace, List<String> jsonPointers,
        List<String> managedFieldsManagers) {
      this(group, kind, name, namespace, jsonPointers, managedFieldsManagers, null);
    }

    public boolean matches(ObjectKey key) {
      return group.equals(key.group()) && kind.equals(key.kind())
          && (name == null || name.equals(key.name()))
          && (namespace == null || namespace.equals(key.namespace()));
    }
  }
}
