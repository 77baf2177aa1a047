package dev.driftless.health;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;

/**
 * Tells a request that never reached the API server (connection refused or reset, a timeout, a proxy or load
 * balancer answering 502, 503 or 504 for it) from an answer the server gave. Nothing can be said about an object
 * the server was not asked about: it is neither missing nor healthy, and a wait on it holds until the server
 * answers or the deadline passes.
 */
public final class Unreachable {

  private Unreachable() {}

  /** True when the request failed on the way to the server, not by the server's answer. */
  public static boolean is(KubernetesClientException e) {
    int code = e.getCode();
    if (code == 502 || code == 503 || code == 504) {
      return true;
    }
    return code <= 0 && ioCause(e) != null;
  }

  /** {@code cluster unreachable: <cause>}, the cause being the innermost I/O failure or the HTTP answer. */
  public static String describe(KubernetesClientException e) {
    if (e.getCode() > 0) {
      String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
          : e.getMessage();
      return "cluster unreachable: HTTP " + e.getCode() + " " + message;
    }
    Throwable cause = ioCause(e);
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return "cluster unreachable: " + text(root) + (root == cause ? "" : " (" + text(cause) + ")");
  }

  private static Throwable ioCause(Throwable e) {
    for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof IOException) {
        return t;
      }
    }
    return null;
  }

  private static String text(Throwable t) {
    String name = t.getClass().getSimpleName();
    return t.getMessage() == null || t.getMessage().isBlank() ? name : name + ": " + t.getMessage();
  }
}
