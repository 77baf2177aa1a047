package dev.driftless.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads an Application document: Driftless's own {@code driftless.dev/v1alpha1} or Argo CD's
 * {@code argoproj.io/v1alpha1}. Every error names the document and the field.
 */
public final class ApplicationParser {

  private static final Set<String> API_VERSIONS = Set.of("driftless.dev/v1alpha1", "argoproj.io/v1alpha1");
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|h|m|s)");
  private static final Pattern WHOLE = Pattern.compile("-?\\d{1,9}");
  /** host[:port]/path as the OCI distribution spec names repositories (lowercase components). */
  private static final Pattern OCI_REPOSITORY = Pattern.compile("[A-Za-z0-9.-]+(:\\d{1,5})?"
      + "(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)+/?");

  private final YAMLMapper yaml;

  public ApplicationParser() {
    this.yaml = boundedYaml();
  }

  /** A YAML (and JSON) reader with bounds on aliases and size, for documents from API callers. */
  public static YAMLMapper boundedYaml() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(20);
    options.setCodePointLimit(1024 * 1024);
    return new YAMLMapper(YAMLFactory.builder().loaderOptions(options).build());
  }

  public Application parse(String document, String origin) {
    JsonNode root;
    try {
      root = yaml.readTree(document);
    } catch (JsonProcessingException e) {
      throw new InvalidApplicationException(origin + ": not valid YAML: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidApplicationException(origin + ": expected an Application object");
    }
    Fields f = new Fields(origin);
    String apiVersion = f.text(root, "apiVersion", true);
    if (!API_VERSIONS.contains(apiVersion)) {
      throw f.error("apiVersion", "must be one of " + API_VERSIONS + ", not " + apiVersion);
    }
    if (!"Application".equals(f.text(root, "kind", true))) {
      throw f.error("kind", "must be Application");
    }
    String name = f.text(root.path("metadata"), "metadata.name", "name", true);
    if (!Application.isName(name)) {
      throw f.error("metadata.name", "must be a DNS subdomain name (lowercase letters, digits, '-' and '.', starting"
          + " and ending with a letter or digit, at most 253)");
    }
    JsonNode spec = root.path("spec");
    if (!spec.isObject()) {
      throw f.error("spec", "is required");
    }
    List<Application.Source> sources = sources(f, origin, spec.path("sources"));
    Application.Source primary = sources.isEmpty() ? source(f, spec.path("source"), false)
        : sources.stream().filter(Application.Source::isRendered).findFirst().orElseThrow();
    return new Application(name, f.text(spec, "spec.project", "project", false),
        primary, destination(f, spec.path("destination")),
        syncPolicy(f, spec.path("syncPolicy")), ignoreDifferences(f, spec.path("ignoreDifferences")), sources);
  }

  /**
   * Argo CD's {@code spec.sources} (which, when given, stands in for {@code spec.source}, as in Argo CD): each read as
   * a source with its own field names in errors; refs unique; at least one source rendered; every {@code $ref} in a
   * Helm value file naming one of the refs. Empty when absent.
   */
  private List<Application.Source> sources(Fields f, String origin, JsonNode list) {
    if (list.isMissingNode() || list.isNull()) {
      return List.of();
    }
    if (!list.isArray() || list.isEmpty()) {
      throw f.error("spec.sources", "must be a list of sources");
    }
    List<Application.Source> out = new ArrayList<>();
    Set<String> refs = new LinkedHashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String at = "spec.sources[" + i + "]";
      // The source reader names fields spec.source.*; here each error names this source instead.
      Fields fi = new Fields(origin, m -> new InvalidApplicationException(m.replaceFirst(
          Pattern.quote(origin + ": spec.source") + "(?=[. ])", Matcher.quoteReplacement(origin + ": " + at))));
      Application.Source source = source(fi, list.get(i), true);
      if (source.ref() != null && !refs.add(source.ref())) {
        throw f.error(at + ".ref", "names " + source.ref() + ", which an earlier source names too");
      }
      out.add(source);
    }
    if (out.stream().noneMatch(Application.Source::isRendered)) {
      throw f.error("spec.sources", "has no source to render (each has only a ref)");
    }
    for (int i = 0; i < out.size(); i++) {
      Application.Helm helm = out.get(i).helm();
      List<String> files = helm == null ? List.of() : helm.valueFiles();
      for (int j = 0; j < files.size(); j++) {
        Matcher m = Application.Helm.REF_FILE.matcher(files.get(j));
        if (m.matches() && !refs.contains(m.group(1))) {
          throw f.error("spec.sources[" + i + "].helm.valueFiles[" + j + "]", "names $" + m.group(1)
              + ", which is the ref of no source (refs: " + refs + ")");
        }
      }
    }
    return out;
  }

  private Application.Source source(Fields f, JsonNode s, boolean ofSeveral) {
    if (!s.isObject()) {
      throw f.error("spec.source", "is required (or spec.sources)");
    }
    String ref = f.text(s, "spec.source.ref", "ref", false);
    if (ref != null && !Application.Source.isRefName(ref)) {
      throw f.error("spec.source.ref", "must be a name of letters, digits, '_' and '-' (at most 63), not " + ref);
    }
    if (ofSeveral && ref != null && !s.has("path") && !s.has("chart")) {
      // Argo CD renders a source that only gives a ref not at all: its repository serves others' value files.
      return new Application.Source(f.text(s, "spec.source.repoURL", "repoURL", true),
          f.text(s, "spec.source.targetRevision", "targetRevision", false), null,
          f.text(s, "spec.source.credentials", "credentials", false), Application.RenderKind.REFERENCE, null, null,
          null, null, ref);
    }
    String path = safePath(f, f.text(s, "spec.source.path", "path", false));
    Application.RenderKind kind = Application.RenderKind.DETECT;
    Application.Kustomize kustomize = null;
    Application.Helm helm = null;
    Application.Directory directory = null;
    if (s.has("kustomize")) {
      JsonNode k = s.get("kustomize");
      kind = Application.RenderKind.KUSTOMIZE;
      kustomize = KustomizeParser.parse(f, k, path);
    }
    if (s.has("helm") || s.has("chart")) {
      if (kind != Application.RenderKind.DETECT) {
        throw f.error("spec.source", "names both kustomize and helm");
      }
      kind = Application.RenderKind.HELM;
      helm = HelmParser.parse(f, s.path("helm"), path);
    }
    if (s.has("directory")) {
      if (kind != Application.RenderKind.DETECT) {
        throw f.error("spec.source", "names directory together with kustomize or helm");
      }
      kind = Application.RenderKind.PLAIN;
      directory = DirectoryParser.parse(f, s.get("directory"));
    }
    if (s.has("plugin")) {
      throw f.error("spec.source.plugin", "config management plugins are not supported");
    }
    String repoURL = f.text(s, "spec.source.repoURL", "repoURL", true);
    String chart = chart(f, s, repoURL, path);
    return new Application.Source(repoURL, f.text(s, "spec.source.targetRevision", "targetRevision", false),
        path, f.text(s, "spec.source.credentials", "credentials", false), kind, kustomize, helm, directory, chart,
        ref);
  }

  /**
   * Argo CD's {@code chart}: a chart of the Helm repository at {@code repoURL} (http or https) or of the OCI registry
   * path ({@code oci://host/path}, or {@code host/path} as Argo CD writes it). The chart is the rendered directory
   * itself, so a path other than the root is refused rather than ignored. Without a chart, an {@code oci://}
   * repoURL is an OCI artifact of manifests.
   */
  private static String chart(Fields f, JsonNode s, String repoURL, String path) {
    String chart = f.text(s, "spec.source.chart", "chart", false);
    boolean oci = repoURL.regionMatches(true, 0, "oci://", 0, 6);
    if (oci || (chart != null && !repoURL.contains("://"))) {
      String reference = oci ? repoURL.substring(6) : repoURL;
      if (!OCI_REPOSITORY.matcher(reference).matches()) {
        throw f.error("spec.source.repoURL", "must be an OCI repository oci://host[:port]/path (lowercase path"
            + " components), not " + redacted(repoURL));
      }
    }
    if (chart == null) {
      return null;
    }
    if (!Application.Source.isChartName(chart)) {
      throw f.error("spec.source.chart", "must be a chart name (letters, digits, '.', '_' and '-'), not " + chart);
    }
    if (!oci && repoURL.contains("://") && !repoURL.matches("(?i)https?://.+")) {
      throw f.error("spec.source.repoURL", "must be an https:// (or http://) Helm chart repository or an oci://"
          + " registry when spec.source.chart is given, not " + redacted(repoURL));
    }
    if (path != null && !path.equals(".")) {
      throw f.error("spec.source.path", "must be absent with spec.source.chart (the chart is the rendered"
          + " directory), not " + path);
    }
    return chart;
  }

  private static String redacted(String url) {
    return url.replaceAll("//[^/@\\s]*@", "//***@");
  }

  private static String safePath(Fields f, String path) {
    if (path == null) {
      return null;
    }
    String p = path.replace('\\', '/');
    if (p.startsWith("/") || List.of(p.split("/")).contains("..")) {
      throw f.error("spec.source.path", "must be relative and stay inside the repository, not " + path);
    }
    return p;
  }

  private Application.Destination destination(Fields f, JsonNode d) {
    if (!d.isObject()) {
      throw f.error("spec.destination", "is required");
    }
    String cluster = f.text(d, "spec.destination.cluster", "cluster", false);
    if (cluster == null) cluster = f.text(d, "spec.destination.name", "name", false);
    if (cluster == null) cluster = f.text(d, "spec.destination.server", "server", false);
    if (cluster == null) {
      throw f.error("spec.destination.cluster", "is required (or Argo CD's name or server)");
    }
    String namespace = f.text(d, "spec.destination.namespace", "namespace", false);
    if (namespace != null && !Application.Destination.isNamespace(namespace)) {
      throw f.error("spec.destination.namespace", "must be a DNS label (lowercase letters, digits and '-', at most 63),"
          + " not " + namespace);
    }
    return new Application.Destination(cluster, namespace);
  }

  private Application.SyncPolicy syncPolicy(Fields f, JsonNode p) {
    if (p.isMissingNode() || p.isNull()) {
      return Application.SyncPolicy.MANUAL;
    }
    JsonNode auto = p.path("automated");
    boolean automated = auto.isObject() && auto.path("enabled").asBoolean(true);
    JsonNode r = p.path("retry");
    Application.Retry retry = Application.Retry.NONE;
    if (r.isObject()) {
      JsonNode b = r.path("backoff");
      // Argo CD's defaults: a retry without a limit retries nothing; backoff 5s, factor 2, at most 3m.
      retry = new Application.Retry(whole(f, r.path("limit"), "spec.syncPolicy.retry.limit", 0),
          duration(f, b.path("duration"), "spec.syncPolicy.retry.backoff.duration", Duration.ofSeconds(5)),
          whole(f, b.path("factor"), "spec.syncPolicy.retry.backoff.factor", 2),
          duration(f, b.path("maxDuration"), "spec.syncPolicy.retry.backoff.maxDuration", Duration.ofMinutes(3)));
      if (retry.forever() && (retry.duration().isZero() || retry.duration().isNegative())) {
        // Each retry is a queued invocation: retrying forever without a wait would never let the function rest.
        throw f.error("spec.syncPolicy.retry.backoff.duration", "must be above zero when retry.limit is negative"
            + " (retry forever)");
      }
    }
    return new Application.SyncPolicy(automated, auto.path("prune").asBoolean(false),
        auto.path("selfHeal").asBoolean(false), auto.path("allowEmpty").asBoolean(false),
        SyncOptions.parse(f.strings(p.path("syncOptions"), "spec.syncPolicy.syncOptions")), retry);
  }

  private List<Application.IgnoreDifference> ignoreDifferences(Fields f, JsonNode list) {
    List<Application.IgnoreDifference> out = new ArrayList<>();
    int i = 0;
    for (JsonNode n : list) {
      String field = "spec.ignoreDifferences[" + i++ + "]";
      List<String> jq = f.strings(n.path("jqPathExpressions"), field + ".jqPathExpressions");
      for (int j = 0; j < jq.size(); j++) {
        try {
          JqPathExpression.compile(jq.get(j));
        } catch (IllegalArgumentException e) {
          throw f.error(field + ".jqPathExpressions[" + j + "]", e.getMessage());
        }
      }
      out.add(new Application.IgnoreDifference(f.text(n, field + ".group", "group", false),
          f.text(n, field + ".kind", "kind", true), f.text(n, field + ".name", "name", false),
          f.text(n, field + ".namespace", "namespace", false),
          f.strings(n.path("jsonPointers"), field + ".jsonPointers"),
          f.strings(n.path("managedFieldsManagers"), field + ".managedFieldsManagers"), jq));
    }
    return out;
  }

  /** A whole number written as a number or as text ({@code 5}, {@code "-1"}), or {@code dflt} when absent. */
  static int whole(Fields f, JsonNode n, String field, int dflt) {
    if (n.isMissingNode() || n.isNull()) {
      return dflt;
    }
    if (n.isIntegralNumber() && n.canConvertToInt()) {
      return n.intValue();
    }
    String text = n.isTextual() ? n.asText().strip() : "";
    if (!WHOLE.matcher(text).matches()) {
      throw f.error(field, "must be a whole number, not " + n);
    }
    return Integer.parseInt(text);
  }

  /** Parses Go-style durations as Argo CD writes them: {@code 5s}, {@code 3m}, {@code 1h30m}. */
  public static Duration duration(Fields f, JsonNode n, String field, Duration dflt) {
    if (n.isMissingNode() || n.isNull()) {
      return dflt;
    }
    if (n.isNumber()) {
      return Duration.ofSeconds(n.asLong());
    }
    String text = n.asText().strip();
    Matcher m = DURATION_PART.matcher(text);
    Duration d = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long v = Long.parseLong(m.group(1));
      d = d.plus(switch (m.group(2)) {
        case "h" -> Duration.ofHours(v);
        case "m" -> Duration.ofMinutes(v);
        case "ms" -> Duration.ofMillis(v);
        default -> Duration.ofSeconds(v);
      });
      end = m.end();
    }
    if (end == 0 || end != text.length()) {
      throw f.error(field, "is not a duration like 5s, 3m or 1h30m: " + text);
    }
    return d;
  }

  /**
   * Reads fields, naming the document and the field in every error. Other documents (AppProjects) read with the
   * same rules and raise their own exception type.
   */
  public static final class Fields {
    private final String origin;
    private final Function<String, ? extends DriftlessException> errors;

    Fields(String origin) {
      this(origin, InvalidApplicationException::new);
    }

    /**
     * Errors made by {@code errors}; {@code origin} may be null for a document its callers name (the access
     * policy), and errors then start with the field.
     */
    public Fields(String origin, Function<String, ? extends DriftlessException> errors) {
      this.origin = origin;
      this.errors = errors;
    }

    public DriftlessException error(String field, String problem) {
      return errors.apply((origin == null ? "" : origin + ": ") + field + " " + problem);
    }

    public String text(JsonNode parent, String name, boolean required) {
      return text(parent, name, name, required);
    }

    public String text(JsonNode parent, String field, String name, boolean required) {
      JsonNode n = parent == null ? MissingNode.getInstance() : parent.path(name);
      if (n.isMissingNode() || n.isNull() || (n.isTextual() && n.asText().isBlank())) {
        if (required) {
          throw error(field, "is required");
        }
        return null;
      }
      if (!n.isValueNode()) {
        throw error(field, "must be a string");
      }
      return n.asText();
    }

    public List<String> strings(JsonNode n, String field) {
      if (n.isMissingNode() || n.isNull()) {
        return List.of();
      }
      if (!n.isArray()) {
        throw error(field, "must be a list of strings");
      }
      List<String> out = new ArrayList<>();
      for (JsonNode e : n) {
        if (!e.isValueNode()) {
          throw error(field, "must be a list of strings");
        }
        out.add(e.asText());
      }
      return out;
    }
  }
}
