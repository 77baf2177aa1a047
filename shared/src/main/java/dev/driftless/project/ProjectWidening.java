package dev.driftless.project;

import dev.driftless.glob.Glob;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The ways a proposed version of a project would let its Applications do more than the stored version does: a
 * project admin may update their project only when there are none (an admin may do anything). Each names the field
 * and the entry ({@code spec.sourceRepos: adds https://github.com/x/*}).
 *
 * <p>Widening is: an entry added to an allow list (the positive entries of {@code sourceRepos}, any entry of
 * {@code destinations}, {@code clusterResourceWhitelist}, {@code namespaceResourceWhitelist}, {@code
 * sourceNamespaces}, the secret reference prefixes in effect); an entry removed from a deny list (the {@code !}
 * entries of {@code sourceRepos}, the {@code destinations} entries holding a {@code !},
 * {@code clusterResourceBlacklist}, {@code namespaceResourceBlacklist}); dropping {@code namespaceResourceWhitelist}
 * (absent allows every namespaced kind); and the sync-window changes that can let a sync through that the stored
 * windows hold (see {@link #syncWindows}). A destination entry with a {@code !} part both allows (everything its
 * negation does not name) and denies, so adding one widens too. The secret reference prefixes compare as they take
 * effect ({@link Project#referencePrefixes()}), so removing the field counts as adding the default.
 *
 * <p>Entries compare by exact text, with no reasoning about globs: a glob replaced by a narrower one reads as a
 * removal plus an addition, hence as widening. That errs towards asking an admin, which is safe. Fields Driftless
 * does not enforce (description, roles, signature keys, orphaned resources) never widen.
 */
public final class ProjectWidening {

  private ProjectWidening() {}

  /** The widenings from {@code stored} to {@code proposed}, two versions of one project; empty when none. */
  public static List<String> find(Project stored, Project proposed) {
    if (!stored.name().equals(proposed.name())) {
      throw new IllegalArgumentException("project " + proposed.name() + ": compared with project " + stored.name());
    }
    List<String> out = new ArrayList<>();
    added(out, "spec.sourceRepos", only(stored.sourceRepos(), r -> !denies(r)),
        only(proposed.sourceRepos(), r -> !denies(r)));
    removed(out, "spec.sourceRepos", only(stored.sourceRepos(), ProjectWidening::denies), proposed.sourceRepos());
    added(out, "spec.destinations", stored.destinations(), proposed.destinations());
    removed(out, "spec.destinations", only(stored.destinations(), ProjectWidening::denies), proposed.destinations());
    added(out, "spec.clusterResourceWhitelist", stored.clusterResourceWhitelist(),
        proposed.clusterResourceWhitelist());
    removed(out, "spec.clusterResourceBlacklist", stored.clusterResourceBlacklist(),
        proposed.clusterResourceBlacklist());
    namespaceResourceWhitelist(out, stored.namespaceResourceWhitelist(), proposed.namespaceResourceWhitelist());
    removed(out, "spec.namespaceResourceBlacklist", stored.namespaceResourceBlacklist(),
        proposed.namespaceResourceBlacklist());
    added(out, "spec.sourceNamespaces", stored.sourceNamespaces(), proposed.sourceNamespaces());
    referencePrefixes(out, stored, proposed);
    syncWindows(out, stored.syncWindows(), proposed.syncWindows());
    if (stored.ownWebhookSecrets() && !proposed.ownWebhookSecrets()) {
      out.add("spec.ownWebhookSecrets: turned off, so the repository-wide webhook secret triggers the project");
    }
    return out;
  }

  /** Absent allows every namespaced kind: dropping the list widens; writing one where none was narrows. */
  private static void namespaceResourceWhitelist(List<String> out, List<Project.GroupKind> stored,
      List<Project.GroupKind> proposed) {
    if (stored == null) return;
    if (proposed == null) {
      out.add("spec.namespaceResourceWhitelist: removed, which allows every namespaced kind");
      return;
    }
    added(out, "spec.namespaceResourceWhitelist", stored, proposed);
  }

  private static void referencePrefixes(List<String> out, Project stored, Project proposed) {
    String why = proposed.secretReferencePrefixes() == null ? " (the default when the field is absent)" : "";
    for (String p : outside(stored.referencePrefixes(), proposed.referencePrefixes())) {
      out.add("spec.secretReferencePrefixes: adds " + (p.isEmpty() ? "'' (every reference)" : p) + why);
    }
  }

  /**
   * Under {@link SyncWindows}' rules: removing or changing a deny window lets through what it held. Adding an allow
   * window (or changing one) opens more time wherever allow windows already held syncs; adding the first one only
   * holds. Removing an allow window frees the Applications only it matched (all of them, for the last one), unless
   * a proposed allow window has the same targets and so still holds them. Adding a deny window with
   * {@code manualSync} lets a manual sync held outside the allow windows through while it is active. Adding any
   * other deny window only holds.
   */
  private static void syncWindows(List<String> out, List<SyncWindow> stored, List<SyncWindow> proposed) {
    boolean allowsStored = stored.stream().anyMatch(ProjectWidening::allows);
    boolean allowsProposed = proposed.stream().anyMatch(ProjectWidening::allows);
    for (SyncWindow w : outside(proposed, stored)) {
      if (!allows(w)) {
        out.add("spec.syncWindows: removes or changes " + w + ", which held syncs");
      } else if (proposed.stream().noneMatch(p -> allows(p) && sameTargets(p, w))) {
        out.add("spec.syncWindows: removes or changes " + w + ", which frees what only it held to sync at any time");
      }
    }
    for (SyncWindow w : outside(stored, proposed)) {
      if (allows(w) && allowsStored) {
        out.add("spec.syncWindows: adds or changes " + w + ", opening time where allow windows held syncs");
      } else if (!allows(w) && w.manualSync() && allowsProposed) {
        out.add("spec.syncWindows: adds " + w + " with manualSync, which lets manual syncs held outside the allow"
            + " windows through");
      }
    }
  }

  private static boolean allows(SyncWindow w) {
    return w.kind() == SyncWindow.Kind.ALLOW;
  }

  private static boolean sameTargets(SyncWindow a, SyncWindow b) {
    return a.andOperator() == b.andOperator() && Set.copyOf(a.applications()).equals(Set.copyOf(b.applications()))
        && Set.copyOf(a.namespaces()).equals(Set.copyOf(b.namespaces()))
        && Set.copyOf(a.clusters()).equals(Set.copyOf(b.clusters()));
  }

  private static boolean denies(String pattern) {
    return Glob.isNegation(pattern);
  }

  private static boolean denies(Project.Destination d) {
    return Stream.of(d.server(), d.name(), d.namespace()).anyMatch(Glob::isNegation);
  }

  private static void added(List<String> out, String field, Collection<?> stored, Collection<?> proposed) {
    outside(stored, proposed).forEach(e -> out.add(field + ": adds " + e));
  }

  private static void removed(List<String> out, String field, Collection<?> stored, Collection<?> proposed) {
    outside(proposed, stored).forEach(e -> out.add(field + ": removes " + e));
  }

  /** The entries not in {@code base}, each once, in their order. */
  private static <T> Set<T> outside(Collection<?> base, Collection<T> entries) {
    Set<T> out = new LinkedHashSet<>(entries);
    out.removeAll(new HashSet<>(base));
    return out;
  }

  private static <T> List<T> only(List<T> list, Predicate<T> keep) {
    return list.stream().filter(keep).toList();
  }
}
