package dev.driftless.functions.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Whose secret a delivery must be signed with, from the path it was posted to: {@code .../projects/<project>} is
 * one project's (its secret {@code <prefix>projects/<project>/<normalized repo>}; it reaches only that project's
 * Applications, and only when the project owns its webhook secrets); any other path is the repository's
 * ({@code <prefix><normalized repo>}, reaching the Applications of projects that do not own theirs). The path is
 * read raw, before any decoding: a project is a DNS label, so {@code ..}, {@code /} and {@code %2F} cannot pass as
 * one; a path naming {@code projects} anywhere but before its last segment names no secret at all.
 */
public record WebhookScope(Kind kind, String project) {

  public enum Kind {
    REPOSITORY, PROJECT, INVALID
  }

  /** The directory of project-owned secrets under the webhook prefix. */
  static final String PROJECTS = "projects/";
  /** The directory of the clusters' audit webhook tokens under the webhook prefix ({@code SecretLayout}). */
  static final String AUDIT = "audit/";

  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final WebhookScope REPOSITORY = new WebhookScope(Kind.REPOSITORY, null);
  private static final WebhookScope INVALID = new WebhookScope(Kind.INVALID, null);

  public static WebhookScope repository() {
    return REPOSITORY;
  }

  /** The scope of a raw request path ({@code /}, {@code /webhook}, {@code /projects/team-a}). */
  public static WebhookScope of(String rawPath) {
    List<String> segments = new ArrayList<>();
    for (String s : (rawPath == null ? "" : rawPath).split("/", -1)) {
      if (!s.isEmpty()) segments.add(s);
    }
    int at = segments.indexOf(PROJECTS.substring(0, PROJECTS.length() - 1));
    if (at < 0) return REPOSITORY;
    if (at != segments.size() - 2 || !isName(segments.get(at + 1))) return INVALID;
    return new WebhookScope(Kind.PROJECT, segments.get(at + 1));
  }

  /** Whether {@code segment}, a raw path segment, is a name (a DNS label): never {@code ..}, a slash or an escape. */
  public static boolean isName(String segment) {
    return segment != null && NAME.matcher(segment).matches();
  }

  /**
   * The Secrets Manager name of the secret this scope verifies {@code normalizedRepo} with; null when there is
   * none: an invalid path, or a repository whose normalized name starts with {@code projects/} or {@code audit/}
   * (a host of that name), whose name would fall among the projects' secrets or the clusters' audit tokens.
   */
  String secretName(String prefix, String normalizedRepo) {
    return switch (kind) {
      case REPOSITORY -> normalizedRepo.startsWith(PROJECTS) || normalizedRepo.startsWith(AUDIT) ? null
          : WebhookSecrets.secretName(prefix, normalizedRepo);
      case PROJECT -> WebhookSecrets.projectSecretName(prefix, project, normalizedRepo);
      case INVALID -> null;
    };
  }

  /** For the log: {@code  (project team-a)}, or nothing for the repository's scope. */
  String describe() {
    return switch (kind) {
      case REPOSITORY -> "";
      case PROJECT -> " (project " + project + ")";
      case INVALID -> " (a path that names no webhook)";
    };
  }
}
