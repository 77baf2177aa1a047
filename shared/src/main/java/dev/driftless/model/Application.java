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

  /**
   * A Kubernetes object name (DNS-1123 subdomain, as Kubernetes checks it): lowercase letters, digits, '-' and '.',
   * starting and ending with a letter or digit, at most 253 characters. Argo CD's own examples use dots.
   */
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final int NAME_LENGTH = 253;

  public Application {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    project = project == null ? "default" : project;
    syncPolicy = syncPolicy == null ? SyncPolicy.MANUAL : syncPolicy;
    ignoreDifferences = ignoreDifferences == null ? List.of() : List.copyOf(ignoreDifferences);
  }

  /** True for a valid Application name: a DNS-1123 subdomain of at most 253 characters (dots allowed). */
  public static boolean isName(String name) {
    return name != null && name.length() <= NAME_LENGTH && NAME.matcher(name).matches();
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
      Helm helm,
      Directory directory) {

    public Source {
      Objects.requireNonNull(repoURL, "repoURL");
      targetRevision = targetRevision == null || targetRevision.isBlank() ? "HEAD" : targetRevision;
      path = path == null || path.isBlank() ? "." : path;
      kind = kind == null ? RenderKind.DETECT : kind;
      directory = directory == null ? Directory.DEFAULT : directory;
    }

    /** A source with the default directory options. */
    public Source(String repoURL, String targetRevision, String path, String credentials, RenderKind kind,
        Kustomize kustomize, Helm helm) {
      this(repoURL, targetRevision, path, credentials, kind, kustomize, helm, null);
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
