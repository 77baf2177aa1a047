package dev.driftless.project;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.driftless.model.ApplicationParser;
import dev.driftless.model.ApplicationParser.Fields;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an AppProject document, Argo CD's {@code argoproj.io/v1alpha1} or {@code driftless.dev/v1alpha1} (the same
 * fields), YAML or JSON. Every error names the document and the field ({@code spec.destinations[1].namespace
 * must be a string}). Fields it does not know are ignored (they stay in the stored document); a known field of
 * the wrong type is an error.
 */
public final class ProjectParser {

  private static final Set<String> API_VERSIONS = Set.of("driftless.dev/v1alpha1", "argoproj.io/v1alpha1");
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  /** A prefix relative to {@code refs/}: Secrets Manager name characters, no way out of it. */
  private static final Pattern REFERENCE_PREFIX = Pattern.compile("([A-Za-z0-9_+=.@-]+/?)*");
  /** The spec fields Driftless enforces; any other present is reported as kept but not enforced. */
  private static final Set<String> ENFORCED = Set.of("description", "sourceRepos", "destinations",
      "clusterResourceWhitelist", "clusterResourceBlacklist", "namespaceResourceWhitelist",
      "namespaceResourceBlacklist", "syncWindows", "secretReferencePrefixes", "ownWebhookSecrets");

  private final YAMLMapper yaml = ApplicationParser.boundedYaml();

  /** Parses {@code document}; {@code origin} names it in errors (a file, or {@code project team-a}). */
  public Project parse(String document, String origin) {
    Fields f = new Fields(origin, InvalidProjectException::new);
    JsonNode root;
    try {
      root = yaml.readTree(document);
    } catch (JsonProcessingException e) {
      throw new InvalidProjectException(origin + ": not valid YAML or JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidProjectException(origin + ": expected an AppProject object");
    }
    String apiVersion = f.text(root, "apiVersion", true);
    if (!API_VERSIONS.contains(apiVersion)) {
      throw f.error("apiVersion", "must be one of " + API_VERSIONS.stream().sorted().toList() + ", not " + apiVersion);
    }
    if (!"AppProject".equals(f.text(root, "kind", true))) {
      throw f.error("kind", "must be AppProject");
    }
    String name = f.text(root.path("metadata"), "metadata.name", "name", true);
    if (!NAME.matcher(name).matches()) {
      throw f.error("metadata.name", "must be a DNS label (lowercase letters, digits and '-', at most 63)");
    }
    JsonNode spec = root.path("spec");
    if (!spec.isMissingNode() && !spec.isNull() && !spec.isObject()) {
      throw f.error("spec", "must be an object");
    }
    checkKeptLists(f, spec);
    List<String> notEnforced = new ArrayList<>();
    spec.fieldNames().forEachRemaining(n -> {
      if (!ENFORCED.contains(n)) notEnforced.add(n);
    });
    return new Project(name, f.text(spec, "spec.description", "description", false),
        f.strings(spec.path("sourceRepos"), "spec.sourceRepos"),
        objects(f, spec.path("destinations"), "spec.destinations", ProjectParser::destination),
        objects(f, spec.path("clusterResourceWhitelist"), "spec.clusterResourceWhitelist", ProjectParser::groupKind),
        objects(f, spec.path("clusterResourceBlacklist"), "spec.clusterResourceBlacklist", ProjectParser::groupKind),
        absent(spec.path("namespaceResourceWhitelist")) ? null : objects(f, spec.path("namespaceResourceWhitelist"),
            "spec.namespaceResourceWhitelist", ProjectParser::groupKind),
        objects(f, spec.path("namespaceResourceBlacklist"), "spec.namespaceResourceBlacklist",
            ProjectParser::groupKind),
        f.strings(spec.path("sourceNamespaces"), "spec.sourceNamespaces"),
        objects(f, spec.path("syncWindows"), "spec.syncWindows", ProjectParser::syncWindow),
        orphanedResources(f, spec.path("orphanedResources")),
        referencePrefixes(f, spec.path("secretReferencePrefixes")),
        notEnforced,
        bool(f, spec.path("ownWebhookSecrets"), "spec.ownWebhookSecrets"));
  }

  private static Project.Destination destination(Fields f, JsonNode n, String field) {
    String server = f.text(n, field + ".server", "server", false);
    String name = f.text(n, field + ".name", "name", false);
    if (server == null && name == null) {
      throw f.error(field, "needs server or name");
    }
    String namespace = f.text(n, field + ".namespace", "namespace", false);
    return new Project.Destination(server, name, namespace == null ? "" : namespace);
  }

  private static Project.GroupKind groupKind(Fields f, JsonNode n, String field) {
    return new Project.GroupKind(f.text(n, field + ".group", "group", false), f.text(n, field + ".kind", "kind", true),
        f.text(n, field + ".name", "name", false));
  }

  private static SyncWindow syncWindow(Fields f, JsonNode n, String field) {
    String kind = f.text(n, field + ".kind", "kind", true);
    if (!"allow".equals(kind) && !"deny".equals(kind)) {
      throw f.error(field + ".kind", "must be allow or deny, not " + kind);
    }
    String schedule = f.text(n, field + ".schedule", "schedule", true);
    try {
      CronSchedule.parse(schedule);
    } catch (IllegalArgumentException e) {
      throw f.error(field + ".schedule", "is not a cron schedule: " + e.getMessage());
    }
    f.text(n, field + ".duration", "duration", true);
    Duration duration = ApplicationParser.duration(f, n.path("duration"), field + ".duration", null);
    if (duration.isZero()) {
      throw f.error(field + ".duration", "must be above zero");
    }
    String zone = f.text(n, field + ".timeZone", "timeZone", false);
    ZoneId timeZone;
    try {
      timeZone = zone == null ? ZoneId.of("UTC") : ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw f.error(field + ".timeZone", "is not an IANA time zone: " + zone);
    }
    List<String> applications = f.strings(n.path("applications"), field + ".applications");
    List<String> namespaces = f.strings(n.path("namespaces"), field + ".namespaces");
    List<String> clusters = f.strings(n.path("clusters"), field + ".clusters");
    if (applications.isEmpty() && namespaces.isEmpty() && clusters.isEmpty()) {
      throw f.error(field, "needs one of applications, namespaces or clusters (as Argo CD requires)");
    }
    return new SyncWindow(SyncWindow.Kind.valueOf(kind.toUpperCase(Locale.ROOT)), schedule, duration, applications,
        namespaces, clusters, bool(f, n.path("manualSync"), field + ".manualSync"), timeZone,
        bool(f, n.path("andOperator"), field + ".andOperator"), f.text(n, field + ".description", "description", false),
        bool(f, n.path("syncOverrun"), field + ".syncOverrun"));
  }

  private static Project.OrphanedResources orphanedResources(Fields f, JsonNode n) {
    if (absent(n)) return null;
    if (!n.isObject()) throw f.error("spec.orphanedResources", "must be an object");
    return new Project.OrphanedResources(bool(f, n.path("warn"), "spec.orphanedResources.warn"),
        objects(f, n.path("ignore"), "spec.orphanedResources.ignore", ProjectParser::groupKind));
  }

  private static List<String> referencePrefixes(Fields f, JsonNode n) {
    if (absent(n)) return null;
    List<String> prefixes = f.strings(n, "spec.secretReferencePrefixes");
    for (int i = 0; i < prefixes.size(); i++) {
      String p = prefixes.get(i);
      if (p.startsWith("/") || p.contains("..") || p.contains("//") || !REFERENCE_PREFIX.matcher(p).matches()) {
        throw f.error("spec.secretReferencePrefixes[" + i + "]", "must be a secret name prefix relative to refs/"
            + " (letters, digits, /_+=.@-; no leading '/', no '..'), not " + p);
      }
    }
    return prefixes;
  }

  /** Roles and signature keys are kept, not enforced; their shape is still checked. */
  private static void checkKeptLists(Fields f, JsonNode spec) {
    objects(f, spec.path("roles"), "spec.roles", (ff, n, field) -> ff.text(n, field + ".name", "name", true));
    objects(f, spec.path("signatureKeys"), "spec.signatureKeys",
        (ff, n, field) -> ff.text(n, field + ".keyID", "keyID", true));
  }

  /** Reads one element of a list of objects. */
  private interface Element<T> {
    T read(Fields f, JsonNode n, String field);
  }

  private static <T> List<T> objects(Fields f, JsonNode list, String field, Element<T> element) {
    if (absent(list)) return List.of();
    if (!list.isArray()) throw f.error(field, "must be a list");
    List<T> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode n = list.get(i);
      if (!n.isObject()) throw f.error(field + "[" + i + "]", "must be an object");
      out.add(element.read(f, n, field + "[" + i + "]"));
    }
    return out;
  }

  private static boolean bool(Fields f, JsonNode n, String field) {
    if (absent(n)) return false;
    if (!n.isBoolean()) throw f.error(field, "must be true or false, not " + n);
    return n.booleanValue();
  }

  private static boolean absent(JsonNode n) {
    return n.isMissingNode() || n instanceof NullNode;
  }
}
