package dev.driftless.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.driftless.model.ApplicationParser;
import dev.driftless.model.ApplicationParser.Fields;
import dev.driftless.model.ObjectKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The deployment's custom health rules, one per API group and kind, each either Flux's CEL expressions
 * ({@link CelHealth}) or an Argo CD Lua health script ({@link LuaHealth}), read from one YAML or JSON document:
 * <pre>
 * health:
 *   - apiVersion: cert-manager.io/v1       # or group: cert-manager.io ("" or absent for the core group)
 *     kind: Certificate
 *     cel: {current: "...", failed: "...", inProgress: "..."}
 *   - group: argoproj.io
 *     kind: Rollout
 *     lua: |
 *       hs = {} ...
 * </pre>
 * A rule replaces the built-in assessment of its kind, the built-in kinds included (as Argo CD allows). Every
 * expression and script is compiled here, once; any problem (an unknown field, a kind given twice, an
 * expression that does not parse) is an {@link InvalidHealthConfigException} naming the entry and the field.
 */
public final class CustomHealth {

  /** The environment variable holding the document, or the absolute path of a file holding it. */
  public static final String ENV = "DRIFTLESS_HEALTH_CONFIG";

  private static final Set<String> ENTRY_FIELDS = Set.of("apiVersion", "group", "kind", "cel", "lua");
  private static final Set<String> CEL_FIELDS = Set.of("current", "failed", "inProgress");
  private static final CustomHealth NONE = new CustomHealth(Map.of());

  private final Map<String, KindHealth> rules;

  private CustomHealth(Map<String, KindHealth> rules) {
    this.rules = Map.copyOf(rules);
  }

  /** No custom rules: every kind is assessed by the built-in rules. */
  public static CustomHealth none() {
    return NONE;
  }

  /**
   * The rules of {@link #ENV}'s value: none when it is unset or blank; a value that is one line starting with
   * {@code /} names a file (in the function's package or a layer) holding the document.
   */
  public static CustomHealth fromSetting(String value) {
    if (value == null || value.isBlank()) {
      return none();
    }
    String v = value.strip();
    if (v.startsWith("/") && !v.contains("\n")) {
      try {
        return parse(Files.readString(Path.of(v)), ENV + " (" + v + ")");
      } catch (IOException e) {
        throw new InvalidHealthConfigException(ENV + ": cannot read " + v + ": " + e.getMessage());
      }
    }
    return parse(v, ENV);
  }

  /** Parses and compiles the document; {@code origin} names it in errors (a file, or the variable). */
  public static CustomHealth parse(String document, String origin) {
    YAMLMapper yaml = ApplicationParser.boundedYaml();
    JsonNode root;
    try {
      root = yaml.readTree(document);
    } catch (JsonProcessingException e) {
      throw new InvalidHealthConfigException(origin + ": not valid YAML or JSON: " + e.getOriginalMessage());
    }
    Fields f = new Fields(origin, InvalidHealthConfigException::new);
    if (root == null || !root.isObject() || !root.path("health").isArray()) {
      throw f.error("health", "is required: a list of {apiVersion or group, kind, cel or lua}");
    }
    Map<String, KindHealth> rules = new LinkedHashMap<>();
    int i = 0;
    for (JsonNode entry : root.get("health")) {
      String field = "health[" + i++ + "]";
      if (!entry.isObject()) {
        throw f.error(field, "must be an object with apiVersion or group, kind, and cel or lua");
      }
      unknownFields(f, entry, field, ENTRY_FIELDS);
      String group = group(f, entry, field);
      String kind = f.text(entry, field + ".kind", "kind", true);
      if (group.isEmpty() && "Secret".equals(kind)) {
        // A rule reads the whole object and its message is stored with the status: never a Secret's data.
        throw f.error(field + ".kind", "Secret cannot have a custom health rule: it would read the Secret's data");
      }
      // Messages at run time name the entry; errors here also name the document.
      String where = field + " (" + (group.isEmpty() ? "" : group + "/") + kind + ")";
      KindHealth rule = rule(f, entry, field, origin, where);
      if (rules.putIfAbsent(group + "/" + kind, rule) != null) {
        throw f.error(field, "names " + (group.isEmpty() ? "" : group + "/") + kind + ", which an earlier entry "
            + "already configures");
      }
    }
    return new CustomHealth(rules);
  }

  private static String group(Fields f, JsonNode entry, String field) {
    String apiVersion = f.text(entry, field + ".apiVersion", "apiVersion", false);
    String group = f.text(entry, field + ".group", "group", false);
    if (apiVersion == null) {
      return group == null ? "" : group;
    }
    String fromVersion = ObjectKey.groupOf(apiVersion);
    if (group != null && !group.equals(fromVersion)) {
      throw f.error(field + ".group", "is " + group + " but apiVersion " + apiVersion + " is of group "
          + fromVersion);
    }
    return fromVersion;
  }

  private static KindHealth rule(Fields f, JsonNode entry, String field, String origin, String where) {
    boolean cel = entry.has("cel");
    boolean lua = entry.has("lua");
    if (cel == lua) {
      throw f.error(field, "must have exactly one of cel and lua");
    }
    if (lua) {
      return LuaHealth.compile(origin, where, f.text(entry, field + ".lua", "lua", true));
    }
    JsonNode c = entry.get("cel");
    if (!c.isObject()) {
      throw f.error(field + ".cel", "must be an object with current, and optionally failed and inProgress");
    }
    unknownFields(f, c, field + ".cel", CEL_FIELDS);
    return CelHealth.compile(origin + ": " + where, f.text(c, field + ".cel.current", "current", true),
        f.text(c, field + ".cel.failed", "failed", false), f.text(c, field + ".cel.inProgress", "inProgress", false));
  }

  private static void unknownFields(Fields f, JsonNode n, String field, Set<String> known) {
    for (Iterator<String> names = n.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw f.error(field + "." + name, "is not a field of a health rule (known: " + new TreeSet<>(known) + ")");
      }
    }
  }

  /** The custom rule of the group and kind, if one is configured. */
  KindHealth ruleFor(String group, String kind) {
    return rules.get(group + "/" + kind);
  }

  /** How many kinds have a custom rule. */
  public int size() {
    return rules.size();
  }
}
