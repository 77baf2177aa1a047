package dev.driftless.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a one-off sync is asked to do beyond the Application's policy, as Argo CD's {@code app sync} flags:
 * {@code prune} prunes on this sync even when the Application does not prune automatically; {@code force} deletes
 * and creates again an object that server-side apply cannot change (immutable fields) and takes over fields other
 * managers own (Replace=true and Force=true for this sync); {@code resources} syncs only the objects named (none:
 * all), touching and pruning nothing else. Kept with the operation through its continuations and retries, and in
 * its history entry.
 */
public record OperationOptions(boolean prune, boolean force, List<ResourceSelector> resources) {

  public static final OperationOptions NONE = new OperationOptions(false, false, List.of());
  /** At most this many objects are named in one sync. */
  public static final int MAX_RESOURCES = 100;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FIELDS = Set.of("prune", "force", "resources");
  private static final Set<String> SELECTOR_FIELDS = Set.of("group", "kind", "namespace", "name");

  public OperationOptions {
    resources = resources == null ? List.of() : List.copyOf(resources);
  }

  public boolean isNone() {
    return !prune && !force && resources.isEmpty();
  }

  /** Whether every object of the Application takes part (no resource is named). */
  public boolean selectsAll() {
    return resources.isEmpty();
  }

  public boolean selects(ObjectKey key) {
    return resources.isEmpty() || resources.stream().anyMatch(r -> r.matches(key));
  }

  /**
   * The Application as this sync sees it: pruning on when asked, and Replace=true and Force=true over its sync
   * options when forced (an object's own annotation still wins, as it does over the Application's options).
   */
  public Application over(Application app) {
    if (!prune && !force) return app;
    Application.SyncPolicy p = app.syncPolicy();
    SyncOptions options = force ? SyncOptions.parse(List.of("Replace=true", "Force=true")).over(p.syncOptions())
        : p.syncOptions();
    Application.SyncPolicy policy = new Application.SyncPolicy(p.automated(), p.prune() || prune, p.selfHeal(),
        p.allowEmpty(), options, p.retry());
    return new Application(app.name(), app.project(), app.source(), app.destination(), policy,
        app.ignoreDifferences());
  }

  /**
   * Reads options from {@code n} (missing or null: none), refusing unknown fields, values of the wrong type, more
   * than {@link #MAX_RESOURCES} resources and malformed names; {@code origin} starts every error.
   */
  public static OperationOptions parse(JsonNode n, String origin) {
    ApplicationParser.Fields f = new ApplicationParser.Fields(origin, InvalidOperationOptionsException::new);
    if (n == null || n.isMissingNode() || n.isNull()) return NONE;
    if (!n.isObject()) throw f.error("options", "must be an object");
    onlyKnown(f, n, "", FIELDS);
    boolean prune = flag(f, n, "prune");
    boolean force = flag(f, n, "force");
    JsonNode list = n.path("resources");
    List<ResourceSelector> resources = new ArrayList<>();
    if (!list.isMissingNode() && !list.isNull()) {
      if (!list.isArray()) throw f.error("resources", "must be a list of {group, kind, namespace, name}");
      if (list.size() > MAX_RESOURCES) throw f.error("resources", "names " + list.size() + " objects; at most "
          + MAX_RESOURCES + " may be named in one sync");
      for (int i = 0; i < list.size(); i++) {
        String field = "resources[" + i + "]";
        JsonNode r = list.get(i);
        if (!r.isObject()) throw f.error(field, "must be an object {group, kind, namespace, name}");
        onlyKnown(f, r, field + ".", SELECTOR_FIELDS);
        resources.add(new ResourceSelector(f.text(r, field + ".group", "group", false),
            f.text(r, field + ".kind", "kind", true), f.text(r, field + ".namespace", "namespace", false),
            f.text(r, field + ".name", "name", true)).checked(f, field));
      }
    }
    return new OperationOptions(prune, force, resources);
  }

  /** The options as {@link #parse} reads them; only what is set. */
  public ObjectNode toJson() {
    ObjectNode n = JSON.createObjectNode();
    if (prune) n.put("prune", true);
    if (force) n.put("force", true);
    if (!resources.isEmpty()) {
      ArrayNode list = n.putArray("resources");
      for (ResourceSelector r : resources) {
        list.addObject().put("group", r.group()).put("kind", r.kind()).put("namespace", r.namespace())
            .put("name", r.name());
      }
    }
    return n;
  }

  /** {@code prune, force, resources :ConfigMap:web/settings}: what a history row says was asked. */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    if (prune) parts.add("prune");
    if (force) parts.add("force");
    if (!resources.isEmpty()) {
      parts.add("resources " + String.join(" ", resources.stream().map(ResourceSelector::toString).toList()));
    }
    return String.join(", ", parts);
  }

  private static boolean flag(ApplicationParser.Fields f, JsonNode n, String field) {
    JsonNode v = n.path(field);
    if (v.isMissingNode() || v.isNull()) return false;
    if (!v.isBoolean()) throw f.error(field, "must be true or false");
    return v.asBoolean();
  }

  private static void onlyKnown(ApplicationParser.Fields f, JsonNode n, String prefix, Set<String> known) {
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.contains(name)) {
        throw f.error(prefix + name, "is not a known field (known: " + new TreeSet<>(known) + ")");
      }
    }
  }
}
