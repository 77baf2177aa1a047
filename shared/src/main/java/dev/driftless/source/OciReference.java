package dev.driftless.source;

import dev.driftless.model.Application;
import dev.driftless.source.SourceException.Failure;
import java.util.regex.Pattern;

/**
 * An OCI repository as an Application names it: the registry ({@code host[:port]}) and the repository path, with
 * the chart's name appended for a Helm chart ({@code oci://ghcr.io/acme/charts} + {@code web} is
 * {@code ghcr.io/acme/charts/web}).
 */
record OciReference(String registry, String repository) {

  private static final Pattern REGISTRY = Pattern.compile("[A-Za-z0-9.-]+(:\\d{1,5})?");
  private static final Pattern REPOSITORY =
      Pattern.compile("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*");
  static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
  static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

  static OciReference of(Application.Source source) {
    String url = source.repoURL().strip();
    String rest = url.regionMatches(true, 0, "oci://", 0, 6) ? url.substring(6) : url;
    rest = rest.replaceAll("/+$", "");
    int slash = rest.indexOf('/');
    String registry = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "" : rest.substring(slash + 1);
    if (source.isChart()) {
      path = path.isEmpty() ? source.chart() : path + "/" + source.chart();
    }
    if (!REGISTRY.matcher(registry).matches() || !REPOSITORY.matcher(path).matches()) {
      throw new SourceException(Failure.REFUSED, "registry " + RemoteAccess.redact(url)
          + ": refused: not an OCI repository oci://host[:port]/path with lowercase path components");
    }
    return new OciReference(registry.toLowerCase(), path);
  }

  /** The form credentials' {@code urls} and the project's {@code sourceRepos} match against. */
  String url() {
    return "oci://" + registry + "/" + repository;
  }

  /** The host of the registry, port dropped. */
  String host() {
    int colon = registry.lastIndexOf(':');
    return colon < 0 ? registry : registry.substring(0, colon);
  }

  @Override
  public String toString() {
    return registry + "/" + repository;
  }
}
