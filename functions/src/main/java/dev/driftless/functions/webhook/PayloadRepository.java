package dev.driftless.functions.webhook;

import dev.driftless.state.ApplicationStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one repository a delivery is about. A delivery is verified with one repository's secret, so every URL it
 * gives for its repository (clone, ssh, web) must name that same repository: otherwise a sender holding one
 * repository's secret could name another's URL beside its own and have the other's Applications synced.
 *
 * @param name the normalized repository ({@link ApplicationStore#normalizeRepo}): its webhook secret's name
 *     and the key its Applications are found by
 * @param spellings every key the delivery's URLs give for it, {@code name} first; more than one only where a
 *     sender spells one repository two ways (Bitbucket Data Center's HTTP clone URL puts {@code /scm/} before
 *     the project, its SSH clone URL does not)
 */
record PayloadRepository(String name, List<String> spellings) {

  /** A Bitbucket Data Center HTTP clone path: {@code host[/context]/scm/<project>/<repository>}. */
  private static final Pattern BITBUCKET_SCM = Pattern.compile("([^/]+)(?:/[^/]+)*/scm/([^/]+/[^/]+)");

  PayloadRepository {
    spellings = List.copyOf(spellings);
  }

  /**
   * The repository the URLs name; refused like a wrong signature (the sender cannot be verified) when they
   * name none or more than one.
   */
  static PayloadRepository of(Provider provider, List<String> urls) {
    Set<String> names = new LinkedHashSet<>();
    Set<String> spellings = new LinkedHashSet<>();
    for (String url : urls) {
      String spelling = ApplicationStore.normalizeRepo(url);
      spellings.add(spelling);
      names.add(provider == Provider.BITBUCKET_DATA_CENTER && isHttp(url) ? withoutScm(spelling) : spelling);
    }
    if (names.isEmpty()) {
      throw RefusedException.unverified(provider.word() + ": the delivery names no repository");
    }
    if (names.size() > 1) {
      throw RefusedException.unverified(provider.word() + ": the delivery names " + names.size()
          + " repositories (" + Safe.word(String.join(", ", names)) + "); refused");
    }
    String name = names.iterator().next();
    List<String> ordered = new ArrayList<>(List.of(name));
    spellings.stream().filter(s -> !s.equals(name)).forEach(ordered::add);
    return new PayloadRepository(name, ordered);
  }

  private static boolean isHttp(String url) {
    String u = url.strip().toLowerCase(Locale.ROOT);
    return u.startsWith("https://") || u.startsWith("http://");
  }

  private static String withoutScm(String spelling) {
    Matcher m = BITBUCKET_SCM.matcher(spelling);
    return m.matches() ? m.group(1) + "/" + m.group(2) : spelling;
  }
}
