package dev.driftless.functions;

import java.util.Map;

/**
 * The environment variables the functions read. The CDK app and template.yaml set the same names; a test
 * compares them.
 */
public final class Env {

  private Env() {}

  /** The state table's name. */
  public static final String TABLE = "DRIFTLESS_TABLE";
  /** The FIFO queue of sync work (one message group per Application). */
  public static final String QUEUE_URL = "DRIFTLESS_QUEUE_URL";
  /** A standard queue for delayed continuations and retries (FIFO queues cannot delay one message). */
  public static final String DELAY_QUEUE_URL = "DRIFTLESS_DELAY_QUEUE_URL";
  /** The EventBridge bus for drift and failure events. */
  public static final String EVENT_BUS = "DRIFTLESS_EVENT_BUS";
  /** Secrets Manager name prefix under which webhook secrets live ({@code <prefix><repo-host>/<path>}). */
  public static final String WEBHOOK_SECRET_PREFIX = "DRIFTLESS_WEBHOOK_SECRET_PREFIX";
  /** The kustomize and helm binaries (the tools layer puts them in /opt/bin). */
  public static final String KUSTOMIZE = "DRIFTLESS_KUSTOMIZE";
  public static final String HELM = "DRIFTLESS_HELM";

  public static String require(Map<String, String> env, String name) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException("environment variable " + name + " is not set");
    }
    return v;
  }
}
