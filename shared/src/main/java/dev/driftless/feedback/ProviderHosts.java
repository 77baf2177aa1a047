package dev.driftless.feedback;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which provider serves a repository's host: the deployment's setting for a self-hosted host
 * ({@code DRIFTLESS_GIT_PROVIDERS=git.acme.com=gitlab,code.acme.com=forgejo}), else the public forge the host
 * is. A host neither names gets no commit status.
 */
public record ProviderHosts(Map<String, GitProvider> hosts) {

  public static final String ENV = "DRIFTLESS_GIT_PROVIDERS";

  public ProviderHosts {
    hosts = Map.copyOf(hosts);
  }

  public static ProviderHosts none() {
    return new ProviderHosts(Map.of());
  }

  /** Parses {@code host=provider} pairs separated by commas; a malformed pair names itself in the error. */
  public static ProviderHosts parse(String setting) {
    Map<String, GitProvider> hosts = new LinkedHashMap<>();
    if (setting == null || setting.isBlank()) return new ProviderHosts(hosts);
    for (String pair : setting.split(",")) {
      String[] kv = pair.split("=", -1);
      if (kv.length != 2 || kv[0].isBlank()) {
        throw new IllegalArgumentException(ENV + ": '" + pair.strip() + "' is not host=provider");
      }
      try {
        hosts.put(kv[0].strip().toLowerCase(Locale.ROOT), GitProvider.parse(kv[1]));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(ENV + ": " + e.getMessage(), e);
      }
    }
    return new ProviderHosts(hosts);
  }

  public Optional<GitProvider> providerOf(String host) {
    GitProvider set = hosts.get(host);
    return set != null ? Optional.of(set) : GitProvider.ofPublicHost(host);
  }
}
