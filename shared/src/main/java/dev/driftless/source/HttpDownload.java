package dev.driftless.source;

import dev.driftless.source.SourceException.Failure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;

/**
 * One bounded HTTP GET for the chart repository and OCI registry clients: redirects are followed by hand (at most
 * {@value #MAX_REDIRECTS}), and at every hop the Authorization header is decided for that hop's URL alone (for a
 * credential, by {@link RepositoryRules}), so a redirect to another host gets none. A body past its bound is
 * refused, not truncated.
 */
final class HttpDownload {

  static final int MAX_REDIRECTS = 5;

  private final HttpClient client;
  private final RepositoryRules rules;
  private final Duration timeout;

  HttpDownload(RepositoryRules rules, Duration timeout) {
    this.rules = rules;
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
  }

  /** What a GET came to: 200 with its body (at the URL the redirects led to), or 401 with its challenge. */
  record Answer(int status, String url, HttpHeaders headers, byte[] body) {
    boolean unauthorized() {
      return status == 401;
    }
  }

  /**
   * The body at {@code url}, at most {@code maxBytes}, with Basic authentication wherever the credential may go;
   * {@code what} starts every error ({@code chart repository https://charts.example.com: index.yaml}).
   */
  byte[] get(String url, GitCredentials credentials, long maxBytes, String what) {
    Answer answer = fetch(url, hop -> credentials instanceof GitCredentials.Https https
        && rules.maySend(hop, credentials) ? basic(https.username(), https.password()) : null, Map.of(), maxBytes,
        what);
    if (answer.unauthorized()) {
      throw unauthorized(what, 401, credentials);
    }
    return answer.body();
  }

  /**
   * A GET that follows redirects, asking {@code authorization} at every hop for that hop's Authorization header
   * (null: none). A 401 comes back with its challenge; 403, 404 and other failures are exceptions.
   */
  Answer fetch(String url, Function<String, String> authorization, Map<String, String> headers, long maxBytes,
      String what) {
    String at = url;
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      HttpResponse<InputStream> response = send(at, authorization.apply(at), headers, what);
      int status = response.statusCode();
      if (status >= 300 && status < 400 && status != 304) {
        String location = response.headers().firstValue("Location").orElse(null);
        close(response);
        at = redirect(at, location, what);
        continue;
      }
      if (status == 401) {
        close(response);
        return new Answer(status, at, response.headers(), new byte[0]);
      }
      if (status == 403) {
        close(response);
        throw new SourceException(Failure.AUTHENTICATION_FAILED, what + ": access denied (HTTP 403)");
      }
      if (status == 404) {
        close(response);
        throw new SourceException(Failure.NOT_FOUND, what + ": not found (HTTP 404 at " + RemoteAccess.redact(at)
            + ")");
      }
      if (status != 200) {
        close(response);
        throw new SourceException(Failure.TRANSPORT, what + ": HTTP " + status + " at " + RemoteAccess.redact(at));
      }
      return new Answer(status, at, response.headers(), bounded(response, maxBytes, what));
    }
    throw new SourceException(Failure.TRANSPORT, what + ": more than " + MAX_REDIRECTS + " redirects");
  }

  static SourceException unauthorized(String what, int status, GitCredentials credentials) {
    return new SourceException(Failure.AUTHENTICATION_FAILED, what + ": " + Failure.AUTHENTICATION_FAILED.phrase()
        + " (HTTP " + status + ")" + (credentials instanceof GitCredentials.None ? ", no credentials given"
        : ", credentials " + credentials.secretId()));
  }

  private HttpResponse<InputStream> send(String url, String authorization, Map<String, String> headers,
      String what) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
    headers.forEach(request::header);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new SourceException(Failure.TIMEOUT, what + ": timed out after " + timeout.toSeconds() + " s", e);
    } catch (IOException e) {
      throw new SourceException(Failure.TRANSPORT, what + ": " + RemoteAccess.redact(url) + ": "
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + RemoteAccess.redact(e.getMessage())),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException(Failure.TRANSPORT, what + ": interrupted", e);
    }
  }

  static String basic(String username, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
        .getBytes(StandardCharsets.UTF_8));
  }

  /** The redirect's target, resolved against the URL that sent it; only to http(s), never from https to http. */
  private static String redirect(String from, String location, String what) {
    if (location == null || location.isBlank()) {
      throw new SourceException(Failure.TRANSPORT, what + ": a redirect without a Location");
    }
    String to;
    try {
      to = URI.create(from).resolve(location.strip()).toString();
    } catch (IllegalArgumentException e) {
      throw new SourceException(Failure.TRANSPORT, what + ": a redirect to an unreadable URL");
    }
    RepositoryUrl target = RepositoryUrl.parse(to);
    boolean downgrade = from.regionMatches(true, 0, "https:", 0, 6)
        && target.transport() != RepositoryUrl.Transport.HTTPS;
    if (!(target.transport() == RepositoryUrl.Transport.HTTPS || target.transport() == RepositoryUrl.Transport.HTTP)
        || downgrade) {
      throw new SourceException(Failure.REFUSED, what + ": refused a redirect to " + RemoteAccess.redact(to)
          + " (only http(s), never from https to http)");
    }
    return to;
  }

  private static byte[] bounded(HttpResponse<InputStream> response, long maxBytes, String what) {
    try (InputStream in = response.body()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      for (int n; (n = in.read(buffer)) >= 0; ) {
        total += n;
        if (total > maxBytes) {
          throw new SourceException(Failure.REFUSED, what + ": refused: larger than " + maxBytes + " bytes");
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new SourceException(Failure.TRANSPORT, what + ": reading the answer failed: "
          + e.getClass().getSimpleName(), e);
    }
  }

  private static void close(HttpResponse<InputStream> response) {
    try {
      response.body().close();
    } catch (IOException e) {
      // the answer was not wanted; a connection that cannot be closed cleanly is the client's to drop
    }
  }
}
