package dev.driftless.infra;

/**
 * The four Driftless functions: their construct id, handler, the context key prefix that sizes them
 * ({@code -c sync.memory=3008}), and whether they need the kustomize/helm tools layer (the sync function
 * renders to apply, the API function renders for diff).
 */
public enum FunctionKind {
  SYNC("Sync", "dev.driftless.functions.SyncHandler::handleRequest", "sync", true),
  WEBHOOK("Webhook", "dev.driftless.functions.WebhookHandler::handleRequest", "webhook", false),
  API("Api", "dev.driftless.functions.ApiHandler::handleRequest", "api", true),
  DRIFT_SCAN("DriftScan", "dev.driftless.functions.DriftScanHandler::handleRequest", "driftScan", false);

  private final String id;
  private final String handler;
  private final String contextKey;
  private final boolean needsTools;

  FunctionKind(String id, String handler, String contextKey, boolean needsTools) {
    this.id = id;
    this.handler = handler;
    this.contextKey = contextKey;
    this.needsTools = needsTools;
  }

  /** Construct id, also the prefix of the function's logical ids in the template. */
  public String id() {
    return id;
  }

  public String handler() {
    return handler;
  }

  public String contextKey() {
    return contextKey;
  }

  public boolean needsTools() {
    return needsTools;
  }
}
