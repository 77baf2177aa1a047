package dev.driftless.model;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sync options as Argo CD spells them ({@code Name=value}), parsed once: from the Application's
 * {@code syncPolicy.syncOptions} and, by the same {@link #parse}, from an object's sync-options annotation. An
 * option given twice keeps its first value; names are matched whatever their case; a name this engine does not
 * act on is accepted and ignored, as Argo CD's own options are: among them {@code ServerSideApply=true},
 * {@code ApplyOutOfSyncOnly=true} and {@code FailOnSharedResource=true}, which ask for what this engine always does
 * (it applies server-side, writes only objects that differ, and refuses an object another Application tracks), and
 * {@code Validate=false}, which server-side apply cannot honour: the API server checks every applied field against
 * the schema whatever the request's field validation says.
 * An option the
 * object sets wins over the Application's ({@link #over}), even with a value that reads as neither true nor
 * false: {@code Replace=yes} on an object turns Replace off for it.
 */
public record SyncOptions(Map<Flag, Boolean> flags, PrunePropagation propagation) {

  public static final SyncOptions NONE = new SyncOptions(Map.of(), null);

  /** The options that are switched on or off, each with the value it has when not given. */
  public enum Flag {
    CREATE_NAMESPACE("CreateNamespace", false),
    PRUNE_LAST("PruneLast", false),
    /** Prune=false keeps an object in the cluster when it leaves Git. */
    PRUNE("Prune", true),
    /** Replace=true: objects whose fields cannot be patched are deleted and created again. */
    REPLACE("Replace", false),
    /** Force=true: take over fields another field manager owns. */
    FORCE("Force", false),
    /** RespectIgnoreDifferences=true: ignored fields are not applied, so Git does not reset them. */
    RESPECT_IGNORE_DIFFERENCES("RespectIgnoreDifferences", false),
    /** Delete=false: the object is never deleted by Driftless, even when it leaves Git and the Application prunes. */
    DELETE("Delete", true);

    private final String word;
    private final boolean byDefault;

    Flag(String word, boolean byDefault) {
      this.word = word;
      this.byDefault = byDefault;
    }

    /** Only the opposite of the default switches a flag: {@code Prune=no} still prunes, {@code Force=yes} does not force. */
    boolean read(String value) {
      return byDefault ? !"false".equalsIgnoreCase(value) : "true".equalsIgnoreCase(value);
    }
  }

  /** How pruned objects' dependents are deleted; anything but background or orphan reads as foreground. */
  public enum PrunePropagation {
    FOREGROUND, BACKGROUND, ORPHAN;

    static PrunePropagation read(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "background" -> BACKGROUND;
        case "orphan" -> ORPHAN;
        default -> FOREGROUND;
      };
    }
  }

  private static final String PRUNE_PROPAGATION_POLICY = "PrunePropagationPolicy";

  public SyncOptions {
    flags = Map.copyOf(flags);
  }

  /** The options in {@code entries} ({@code Name=value} each); entries without '=' are ignored. */
  public static SyncOptions parse(List<String> entries) {
    Map<Flag, Boolean> flags = new EnumMap<>(Flag.class);
    PrunePropagation propagation = null;
    for (String entry : entries) {
      int eq = entry.indexOf('=');
      if (eq < 0) continue;
      String name = entry.substring(0, eq);
      String value = entry.substring(eq + 1);
      if (PRUNE_PROPAGATION_POLICY.equalsIgnoreCase(name)) {
        propagation = propagation == null ? PrunePropagation.read(value) : propagation;
        continue;
      }
      for (Flag f : Flag.values()) {
        if (f.word.equalsIgnoreCase(name)) flags.putIfAbsent(f, f.read(value));
      }
    }
    return new SyncOptions(flags, propagation);
  }

  /** These options, and {@code base}'s where these give none. */
  public SyncOptions over(SyncOptions base) {
    Map<Flag, Boolean> merged = new EnumMap<>(Flag.class);
    merged.putAll(base.flags);
    merged.putAll(flags);
    return new SyncOptions(merged, propagation != null ? propagation : base.propagation);
  }

  public boolean is(Flag flag) {
    return flags.getOrDefault(flag, flag.byDefault);
  }

  public boolean createNamespace() { return is(Flag.CREATE_NAMESPACE); }

  public boolean pruneLast() { return is(Flag.PRUNE_LAST); }

  public boolean pruneDisabled() { return !is(Flag.PRUNE); }

  public boolean replace() { return is(Flag.REPLACE); }

  public boolean force() { return is(Flag.FORCE); }

  public boolean respectIgnoreDifferences() { return is(Flag.RESPECT_IGNORE_DIFFERENCES); }

  public boolean deleteDisabled() { return !is(Flag.DELETE); }

  public PrunePropagation prunePropagation() {
    return propagation == null ? PrunePropagation.FOREGROUND : propagation;
  }
}
