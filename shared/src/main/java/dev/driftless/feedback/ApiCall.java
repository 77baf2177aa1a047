package dev.driftless.feedback;

import java.net.URI;
import java.util.Map;

/**
 * One request to a forge's API: a method, where, its headers (the token among them) and a JSON body (null: none).
 * {@code toString} leaves the headers out, so a call in a log or a failure never shows the token.
 */
record ApiCall(String method, URI uri, Map<String, String> headers, String body) {

  ApiCall {
    headers = Map.copyOf(headers);
  }

  @Override
  public String toString() {
    return method + " " + uri;
  }
}
