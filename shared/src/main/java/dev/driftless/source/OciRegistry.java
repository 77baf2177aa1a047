package dev.driftless.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.source.SourceException.Failure;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Driftless's client of one repository of an OCI registry, per the distribution spec: manifests, blobs and tags by
 * GET, anonymous first, then as the registry's challenge asks: Basic with the credential, or Bearer with a token
 * from the challenge's realm. Whatever authorizes it (the credential, the token) is sent only to the registry's own
 * host and port: a blob redirected to storage elsewhere gets nothing, and the credential goes to a realm only on
 * the registry's host or under one of the credential's {@code urls}. Every body is bounded; digests are checked by
 * the caller.
 */
final class OciRegistry {

  static final long MAX_MANIFEST_BYTES = 4L << 20;
  private static final long MAX_TOKEN_BYTES = 1L << 20;
  private static final long MAX_TAGS_BYTES = 8L << 20;
  private static final Pattern PARAM = Pattern.compile("([A-Za-z]+)=\"([^\"]*)\"");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpDownload http;
  private final RepositoryRules rules;
  private final OciReference reference;
  private final GitCredentials credentials;
  private final String base;
  /** What authorizes requests to the registry once a challenge was answered. */
  private String authorization;
  /** The next page of the last answer (tags), or null. */
  private String lastNext;

  /** {@code plainHttp}: talk HTTP, not HTTPS (the local runner's and tests' loopback registries only). */
  OciRegistry(HttpDownload http, RepositoryRules rules, OciReference reference, GitCredentials credentials,
      boolean plainHttp) {
    this.http = http;
    this.rules = rules;
    this.reference = reference;
    this.credentials = credentials;
    this.base = (plainHttp ? "http://" : "https://") + reference.registry();
  }

  /** The manifest {@code tagOrDigest} names, as the registry sent it. */
  byte[] manifest(String tagOrDigest, String what) {
    return get("/v2/" + reference.repository() + "/manifests/" + tagOrDigest, Map.of("Accept",
        "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json"),
        MAX_MANIFEST_BYTES, what + ": manifest " + tagOrDigest);
  }

  /** The blob {@code digest}, at most {@code size} bytes. */
  byte[] blob(String digest, long size, String what) {
    return get("/v2/" + reference.repository() + "/blobs/" + digest, Map.of(), size, what + ": blob " + digest);
  }

  /** Every tag the repository lists (following the spec's Link pagination, at most 20 pages). */
  List<String> tags(String what) {
    List<String> tags = new ArrayList<>();
    String path = "/v2/" + reference.repository() + "/tags/list?n=1000";
    for (int page = 0; page < 20 && path != null; page++) {
      byte[] body = get(path, Map.of(), MAX_TAGS_BYTES, what + ": tags");
      try {
        JSON.readTree(body).path("tags").forEach(t -> tags.add(t.asText()));
      } catch (IOException e) {
        throw new SourceException(Failure.TRANSPORT, what + ": tags: the registry's answer is not JSON");
      }
      path = lastNext;
    }
    return tags;
  }

  private byte[] get(String path, Map<String, String> headers, long maxBytes, String what) {
    String url = base + path;
    HttpDownload.Answer answer = http.fetch(url, this::authorizationFor, headers, maxBytes, what);
    if (answer.unauthorized()) {
      authorization = authorize(answer, what);
      answer = http.fetch(url, this::authorizationFor, headers, maxBytes, what);
      if (answer.unauthorized()) {
        throw HttpDownload.unauthorized(what, 401, credentials);
      }
    }
    lastNext = next(answer);
    return answer.body();
  }

  /** The Authorization for one hop: only on the registry's own scheme, host and port. */
  private String authorizationFor(String hop) {
    return authorization != null && hop.startsWith(base + "/") ? authorization : null;
  }

  /** The header the challenge asks for: Basic with the credential, or Bearer with a token from its realm. */
  private String authorize(HttpDownload.Answer answer, String what) {
    String challenge = answer.headers().firstValue("WWW-Authenticate").orElse("");
    String scheme = challenge.split(" ", 2)[0].toLowerCase(Locale.ROOT);
    if (scheme.equals("basic")) {
      if (!(credentials instanceof GitCredentials.Https https)) {
        throw HttpDownload.unauthorized(what, 401, credentials);
      }
      return HttpDownload.basic(https.username(), https.password());
    }
    if (!scheme.equals("bearer")) {
      throw new SourceException(Failure.AUTHENTICATION_FAILED, what + ": the registry asks for an authentication"
          + " scheme Driftless does not speak (" + (scheme.isEmpty() ? "none given" : scheme) + ")");
    }
    Map<String, String> params = new LinkedHashMap<>();
    Matcher m = PARAM.matcher(challenge);
    while (m.find()) {
      params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
    }
    return "Bearer " + token(params, what);
  }

  private String token(Map<String, String> params, String what) {
    String realm = params.get("realm");
    RepositoryUrl place = realm == null ? null : RepositoryUrl.parse(realm);
    boolean tls = place != null && place.transport() == RepositoryUrl.Transport.HTTPS;
    boolean localHttp = place != null && place.transport() == RepositoryUrl.Transport.HTTP && base.startsWith("http:")
        && place.isLoopback();
    if (!tls && !localHttp) {
      throw new SourceException(Failure.REFUSED, what + ": refused the token realm " + RemoteAccess.redact(realm)
          + " (a token is asked of an https:// realm)");
    }
    StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? "&" : "?");
    url.append("scope=").append(encode(params.getOrDefault("scope", "repository:" + reference.repository()
        + ":pull")));
    if (params.containsKey("service")) {
      url.append("&service=").append(encode(params.get("service")));
    }
    String basic = credentials instanceof GitCredentials.Https https && mayReceiveCredential(realm)
        ? HttpDownload.basic(https.username(), https.password()) : null;
    HttpDownload.Answer answer = http.fetch(url.toString(), hop -> hop.equals(url.toString()) ? basic : null,
        Map.of(), MAX_TOKEN_BYTES, what + ": token");
    if (answer.unauthorized()) {
      throw HttpDownload.unauthorized(what + ": token", 401, credentials);
    }
    try {
      JsonNode node = JSON.readTree(answer.body());
      String token = node.path("token").asText(node.path("access_token").asText(""));
      if (token.isEmpty() || token.chars().anyMatch(c -> c <= ' ' || c > '~')) {
        throw new SourceException(Failure.AUTHENTICATION_FAILED, what + ": the token realm gave no usable token");
      }
      return token;
    } catch (IOException e) {
      throw new SourceException(Failure.AUTHENTICATION_FAILED, what + ": the token realm's answer is not JSON");
    }
  }

  /**
   * The credential goes to a realm on the registry's own host (and port), or to one its secret's {@code urls}
   * name; any other realm is asked anonymously.
   */
  private boolean mayReceiveCredential(String realm) {
    URI uri = URI.create(realm);
    URI registry = URI.create(base);
    boolean sameHost = registry.getHost().equalsIgnoreCase(String.valueOf(uri.getHost()))
        && port(registry) == port(uri);
    return sameHost || rules.maySend(realm, credentials);
  }

  private static int port(URI uri) {
    return uri.getPort() >= 0 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
  }

  /** The next page's path from a {@code Link: </v2/...>; rel="next"} header, only on this registry. */
  private static String next(HttpDownload.Answer answer) {
    String link = answer.headers().firstValue("Link").orElse(null);
    if (link == null || !link.contains("rel=\"next\"")) return null;
    int open = link.indexOf('<');
    int close = link.indexOf('>');
    if (open < 0 || close < open) return null;
    String target = link.substring(open + 1, close);
    return target.startsWith("/v2/") ? target : null;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
