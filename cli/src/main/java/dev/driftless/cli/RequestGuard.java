package dev.driftless.cli;

import com.sun.net.httpserver.Headers;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether the dashboard server answers a request at all. The server listens on loopback, but any web page
 * the user opens can make the browser send requests to it, so every request is hostile until checked, in this
 * order: the Host header (a page on a rebound DNS name reaches 127.0.0.1 under its own host name), the Origin
 * (another site's page), the method, the path (nothing outside {@code /api/} and the page files, however it is
 * encoded), and for {@code /api/} the custom header no other site can send without a CORS preflight, which this
 * server never grants.
 */
final class RequestGuard {

  /** Every {@code /api/} request from the pages carries it. */
  static final String DASHBOARD_HEADER = "X-Driftless-Dashboard";
  static final String API_PREFIX = "/api/";
  private static final Set<String> API_METHODS = Set.of("GET", "PUT", "POST", "DELETE");

  /** What the guard decided about one request. */
  sealed interface Verdict permits Refusal, Allowed {}

  /** Why a request is not answered: the HTTP status and a message for the caller and the server's log. */
  record Refusal(int status, String reason) implements Verdict {}

  /** A request that passed: whether it is for the API, and the decoded path segments (for the page files). */
  record Allowed(boolean api, List<String> segments) implements Verdict {}

  private final int port;

  RequestGuard(int port) {
    this.port = port;
  }

  /** The first check the request fails, or what it asks for when it passes them all. */
  Verdict check(String method, URI uri, Headers headers) {
    String host = headers.getFirst("Host");
    if (host == null || !ownHost(host)) {
      return new Refusal(403, "Host " + (host == null ? "(none)" : host) + " is not 127.0.0.1:" + port
          + " or localhost:" + port + " (a page on another name reached this server)");
    }
    String origin = headers.getFirst("Origin");
    if (origin != null && !origin.equalsIgnoreCase("http://" + host)) {
      return new Refusal(403, "Origin " + origin + " is not this dashboard's (http://" + host + ")");
    }
    if (uri.isAbsolute() || uri.getRawAuthority() != null) {
      return new Refusal(400, "the request names a host in its path");
    }
    String raw = uri.getRawPath();
    boolean api = raw.startsWith(API_PREFIX);
    if (api ? !API_METHODS.contains(method) : !method.equals("GET")) {
      return new Refusal(405, "method " + method + " is not allowed on " + (api ? "/api/" : "the page files")
          + " (allowed: " + (api ? "GET, PUT, POST, DELETE" : "GET") + ")");
    }
    List<String> segments = segments(raw);
    if (segments == null) {
      return new Refusal(400, "path " + raw + " has an empty, '.' or '..' segment, or an encoded slash, backslash "
          + "or control character");
    }
    if (api && !"1".equals(headers.getFirst(DASHBOARD_HEADER))) {
      return new Refusal(403, "/api/ requests need the header " + DASHBOARD_HEADER + ": 1 (the dashboard's pages "
          + "send it; other sites cannot)");
    }
    return new Allowed(api, segments);
  }

  private boolean ownHost(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("127.0.0.1:" + port) || h.equals("localhost:" + port);
  }

  /**
   * The decoded segments after the leading slash, or null when one of them, decoded, could step out of its folder
   * or mean another path than it says: empty (but for a trailing slash), {@code .}, {@code ..}, or holding a
   * slash, backslash or control character. Checked on the decoded form, so {@code %2e%2e} and {@code ..%2f} fail.
   */
  static List<String> segments(String rawPath) {
    if (!rawPath.startsWith("/")) return null;
    String[] parts = rawPath.substring(1).split("/", -1);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].isEmpty() && i == parts.length - 1) break;
      String s;
      try {
        s = URLDecoder.decode(parts[i].replace("+", "%2B"), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return null;
      }
      if (s.isEmpty() || s.equals(".") || s.equals("..") || s.chars().anyMatch(c -> c == '/' || c == '\\' || c < 0x20
          || c == 0x7f)) {
        return null;
      }
      out.add(s);
    }
    return out;
  }
}
