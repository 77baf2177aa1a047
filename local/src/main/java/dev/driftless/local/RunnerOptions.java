package dev.driftless.local;

import java.time.Duration;
import java.util.Map;

/**
 * How the local runner plays Lambda: how many pollers work each queue (each hands one message at a time to
 * the sync handler, as the CDK's event source mappings do with batch size 1), and how its HTTP server bounds
 * slow clients.
 *
 * <p>The CDK stack lets the work queue's event source run at least 2 syncs at once and the delay queue's 2;
 * the defaults here are the same, so two Applications sync side by side locally as they do in AWS.
 */
public record RunnerOptions(int workPollers, int delayPollers, HttpOptions http) {

  public static final String WORK_POLLERS = "DRIFTLESS_LOCAL_POLLERS";
  public static final String DELAY_POLLERS = "DRIFTLESS_LOCAL_DELAY_POLLERS";

  public RunnerOptions {
    if (workPollers < 1) throw new IllegalArgumentException(WORK_POLLERS + " " + workPollers + ": must be >= 1");
    if (delayPollers < 1) throw new IllegalArgumentException(DELAY_POLLERS + " " + delayPollers + ": must be >= 1");
  }

  public static RunnerOptions defaults() {
    return new RunnerOptions(2, 2, HttpOptions.defaults());
  }

  /** The defaults, with what the environment sets instead. */
  public static RunnerOptions fromEnvironment(Map<String, String> env) {
    RunnerOptions d = defaults();
    return new RunnerOptions(number(env, WORK_POLLERS, d.workPollers()), number(env, DELAY_POLLERS, d.delayPollers()),
        HttpOptions.fromEnvironment(env));
  }

  public RunnerOptions withHttp(HttpOptions h) {
    return new RunnerOptions(workPollers, delayPollers, h);
  }

  static int number(Map<String, String> env, String name, int fallback) {
    String v = env.get(name);
    if (v == null || v.isBlank()) return fallback;
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " '" + v + "': not a whole number", e);
    }
  }

  /**
   * The local HTTP server's bounds: the worker threads that run requests, how long a client may take to send
   * a whole request (headers and body), and how long a response may take once the request is read.
   */
  public record HttpOptions(int threads, Duration readTimeout, Duration responseTimeout) {

    public static final String THREADS = "DRIFTLESS_LOCAL_HTTP_THREADS";
    public static final String READ_TIMEOUT = "DRIFTLESS_LOCAL_READ_TIMEOUT_SECONDS";
    public static final String RESPONSE_TIMEOUT = "DRIFTLESS_LOCAL_RESPONSE_TIMEOUT_SECONDS";

    public HttpOptions {
      if (threads < 1) throw new IllegalArgumentException(THREADS + " " + threads + ": must be >= 1");
      if (readTimeout.toSeconds() < 1) throw new IllegalArgumentException(READ_TIMEOUT + ": must be >= 1s");
      if (responseTimeout.toSeconds() < 1) throw new IllegalArgumentException(RESPONSE_TIMEOUT + ": must be >= 1s");
    }

    /** 32 workers; 10 s to send a request; 60 s for a response (the handlers get 30 s, as their Lambdas do). */
    public static HttpOptions defaults() {
      return new HttpOptions(32, Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    public static HttpOptions fromEnvironment(Map<String, String> env) {
      HttpOptions d = defaults();
      return new HttpOptions(number(env, THREADS, d.threads()),
          Duration.ofSeconds(number(env, READ_TIMEOUT, (int) d.readTimeout().toSeconds())),
          Duration.ofSeconds(number(env, RESPONSE_TIMEOUT, (int) d.responseTimeout().toSeconds())));
    }
  }
}
