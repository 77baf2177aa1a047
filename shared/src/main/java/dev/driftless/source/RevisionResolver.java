package dev.driftless.source;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;

/**
 * Picks what to fetch for a {@code targetRevision} from one {@code ls-remote} of the repository.
 *
 * <p>Order, first match wins: {@code HEAD}; a full ref ({@code refs/...}); a full commit SHA; a tag, then a
 * branch, of that name (git's own rev-parse order); an abbreviated SHA matching an advertised tip; a semver
 * range over the tags (highest match); any other abbreviated SHA, which needs a full fetch to expand.
 */
final class RevisionResolver {

  private static final Pattern FULL_SHA = Pattern.compile("[0-9a-fA-F]{40}");
  private static final Pattern SHORT_SHA = Pattern.compile("[0-9a-fA-F]{4,39}");

  /**
   * What to fetch.
   *
   * @param requested the revision as written
   * @param ref the ref it resolved to, or null for a commit SHA
   * @param commit the commit to check out, or null when only {@code abbreviation} is known
   * @param abbreviation a SHA prefix to expand after a full fetch, or null
   */
  record Target(String requested, String ref, ObjectId commit, String abbreviation) {
    Target withCommit(ObjectId id) {
      return new Target(requested, ref, id, null);
    }
  }

  private RevisionResolver() {}

  /** Resolves the revision, or throws naming the repository and the revision when nothing matches. */
  static Target resolve(String repo, String revision, Collection<Ref> advertised) {
    String rev = revision == null || revision.isBlank() ? Constants.HEAD : revision.trim();
    Map<String, ObjectId> tips = tips(advertised);
    if (rev.equals(Constants.HEAD)) {
      Ref head = advertised.stream().filter(r -> r.getName().equals(Constants.HEAD)).findFirst()
          .orElseThrow(() -> notFound(repo, rev, "the remote advertises no HEAD"));
      String name = head.isSymbolic() ? head.getTarget().getName() : Constants.HEAD;
      return new Target(revision, name, commitOf(head), null);
    }
    if (rev.startsWith(Constants.R_REFS)) {
      ObjectId id = tips.get(rev);
      if (id == null) {
        throw notFound(repo, rev, "no such ref");
      }
      return new Target(revision, rev, id, null);
    }
    if (FULL_SHA.matcher(rev).matches()) {
      return new Target(revision, null, ObjectId.fromString(rev.toLowerCase()), null);
    }
    for (String prefix : List.of(Constants.R_TAGS, Constants.R_HEADS)) {
      ObjectId id = tips.get(prefix + rev);
      if (id != null) {
        return new Target(revision, prefix + rev, id, null);
      }
    }
    boolean hex = SHORT_SHA.matcher(rev).matches();
    if (hex) {
      String lower = rev.toLowerCase();
      Set<ObjectId> matching = tips.values().stream().filter(id -> id.name().startsWith(lower))
          .collect(Collectors.toSet());
      if (matching.size() > 1) {
        throw notFound(repo, rev, "the abbreviated SHA is ambiguous");
      }
      if (matching.size() == 1) {
        return new Target(revision, null, matching.iterator().next(), null);
      }
    }
    Optional<SemverRange> range = SemverRange.parse(rev);
    if (range.isPresent()) {
      List<String> tags = tips.keySet().stream().filter(n -> n.startsWith(Constants.R_TAGS)).toList();
      Optional<String> tag = range.get().highest(tags);
      if (tag.isPresent()) {
        return new Target(revision, tag.get(), tips.get(tag.get()), null);
      }
    }
    if (hex) {
      return new Target(revision, null, null, rev.toLowerCase());
    }
    throw notFound(repo, rev, range.isPresent() ? "no tag matches the semver range"
        : "no branch, tag or ref of that name");
  }

  /** Every advertised ref name with the commit it points at (annotated tags peeled). */
  private static Map<String, ObjectId> tips(Collection<Ref> advertised) {
    Map<String, ObjectId> tips = new LinkedHashMap<>();
    for (Ref r : advertised) {
      ObjectId id = commitOf(r);
      if (id != null && !r.getName().endsWith("^{}")) {
        tips.put(r.getName(), id);
      }
    }
    return tips;
  }

  private static ObjectId commitOf(Ref r) {
    return r.getPeeledObjectId() != null ? r.getPeeledObjectId() : r.getObjectId();
  }

  static SourceException notFound(String repo, String revision, String why) {
    return new SourceException(SourceException.Failure.REVISION_NOT_FOUND,
        "repository " + RemoteAccess.redact(repo) + ": revision " + revision + " not found: " + why);
  }
}
