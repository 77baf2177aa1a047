package dev.driftless.reconcile;

import dev.driftless.model.Application;
import dev.driftless.source.Source;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The commits the tracked revisions of many Applications name now, for a cluster scan: one ls-remote per
 * repository (and credentials), whatever number of Applications and revisions track it.
 */
final class TrackedHeads {

  private record Remote(String repoURL, String credentials) {}

  private final Map<Remote, Map<String, String>> heads = new HashMap<>();
  private final Map<Remote, Map<String, String>> problems = new HashMap<>();

  /** Resolves every source's revision, one ls-remote per repository; a failure is kept per source. */
  static TrackedHeads of(Source source, Collection<Application.Source> sources) {
    Map<Remote, Set<String>> wanted = new LinkedHashMap<>();
    for (Application.Source s : sources) {
      if (!s.isGit()) continue; // no ls-remote for a chart repository or registry: problem() says reconcile it
      wanted.computeIfAbsent(new Remote(s.repoURL(), s.credentials()), r -> new LinkedHashSet<>())
          .add(s.targetRevision());
    }
    TrackedHeads out = new TrackedHeads();
    wanted.forEach((remote, revisions) -> {
      Map<String, String> why = new HashMap<>();
      try {
        out.heads.put(remote, source.heads(remote.repoURL(), remote.credentials(), revisions, why));
      } catch (RuntimeException e) {
        revisions.forEach(r -> why.put(r, e.getMessage()));
      }
      out.problems.put(remote, why);
    });
    return out;
  }

  /** The commit the source's revision names now; null when it could not be told (see {@link #problem}). */
  String head(Application.Source s) {
    return heads.getOrDefault(new Remote(s.repoURL(), s.credentials()), Map.of()).get(s.targetRevision());
  }

  String problem(Application.Source s) {
    if (!s.isGit()) return s.repoURL() + " " + s.targetRevision() + " is read again by each scan";
    return problems.getOrDefault(new Remote(s.repoURL(), s.credentials()), Map.of())
        .getOrDefault(s.targetRevision(), "revision " + s.targetRevision() + " not resolved");
  }
}
