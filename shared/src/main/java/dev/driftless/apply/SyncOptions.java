package dev.driftless.apply;

import dev.driftless.model.Application;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sync options as Argo CD spells them ({@code Name=value}, comma separated on objects), from the
 * Application's {@code syncPolicy.syncOptions} and from an object's {@code argocd.argoproj.io/sync-options}
 * or {@code driftless.dev/sync-options} annotation; the object's own setting wins.
 */
public record SyncOptions(List<String> options) {

  public static final SyncOptions NONE = new SyncOptions(List.of());

  public SyncOptions {
    options = List.copyOf(options);
  }

  public static SyncOptions of(Application app) {
    return new SyncOptions(app.syncPolicy().syncOptions());
  }

  /** The options of one object: its annotations first, then the Application's. */
  public SyncOptions forObject(HasMetadata obj) {
    Map<String, String> ann = obj.getMetadata().getAnnotations();
    if (ann == null) {
      return this;
    }
    List<String> merged = new ArrayList<>();
    for (String key : List.of(Annotations.SYNC_OPTIONS, Annotations.ARGO_SYNC_OPTIONS)) {
      String v = ann.get(key);
      if (v != null) {
        for (String o : v.split(",")) if (!o.isBlank()) merged.add(o.strip());
      }
    }
    merged.addAll(options);
    return new SyncOptions(merged);
  }

  /** The first value given for the option, or null. */
  public String value(String name) {
    String prefix = name.toLowerCase(Locale.ROOT) + "=";
    for (String o : options) {
      if (o.toLowerCase(Locale.ROOT).startsWith(prefix)) return o.substring(prefix.length());
    }
    return null;
  }

  public boolean isTrue(String name) {
    return "true".equalsIgnoreCase(value(name));
  }

  public boolean isFalse(String name) {
    return "false".equalsIgnoreCase(value(name));
  }

  public boolean createNamespace() { return isTrue("CreateNamespace"); }

  public boolean pruneLast() { return isTrue("PruneLast"); }

  /** Prune=false on an object keeps it in the cluster when it leaves Git. */
  public boolean pruneDisabled() { return isFalse("Prune"); }

  /** Replace=true: objects whose fields cannot be patched are deleted and created again. */
  public boolean replace() { return isTrue("Replace"); }

  /** Force=true: take over fields another field manager owns. */
  public boolean force() { return isTrue("Force"); }

  /** foreground (default), background or orphan. */
  public String prunePropagationPolicy() {
    String v = value("PrunePropagationPolicy");
    return v == null ? "foreground" : v.toLowerCase(Locale.ROOT);
  }
}
