package dev.driftless.feedback;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sends {@link ApiCall}s to a forge with the token they were built with, after checking that the token may go
 * where the call goes ({@link ProviderToken#mayGoTo}). Redirects are never followed: a redirect would carry the
 * token's header to wherever the answer points. Errors name the call and the HTTP status, never a header or the
 * answer's body (a hostile server could echo the token back).
 */
final class ApiSender {

  private final HttpClient http;
  private final Duration timeout;

  ApiSender(Duration timeout) {
    this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
    this.timeout = timeout;
  }

  /** Sends the call; returns the answer's body. */
  String send(ApiCall call, ProviderToken token) {
    if (!token.mayGoTo(call.uri())) {
      throw new FeedbackException(call + ": refused: token " + token.secretId() + " is bound to host "
          + token.host() + " (HTTPS, or HTTP on this machine)");
    }
    HttpRequest.Builder req = HttpRequest.newBuilder(call.uri()).timeout(timeout)
        .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(call.body()));
    call.headers().forEach(req::header);
    HttpResponse<String> answer;
    try {
      answer = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new FeedbackException(call + ": failed: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FeedbackException(call + ": interrupted");
    }
    if (answer.statusCode() / 100 != 2) {
      throw new FeedbackException(call + ": answered HTTP " + answer.statusCode());
    }
    return answer.body();
  }
}
