package dev.driftless.logging;

import org.slf4j.MDC;

/**
 * The fields every log line of an operation carries (SLF4J MDC): set where the handlers receive work and where the
 * reconciler learns the operation and its cluster, cleared by the handler when the work is done, so the log calls
 * themselves name none of them. Names and ids only: never a value read from a secret or a manifest.
 */
public final class LogContext {

  public static final String APPLICATION = "application";
  public static final String OPERATION = "operation";
  public static final String TRIGGER = "trigger";
  public static final String REVISION = "revision";
  public static final String CLUSTER = "cluster";

  private LogContext() {}

  /** Sets {@code key} for the lines that follow on this thread; a null value removes it. */
  public static void put(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }

  /** Ends the context of one unit of work (a message, a request). */
  public static void clear() {
    MDC.clear();
  }
}
