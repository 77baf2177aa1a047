package dev.driftless.infra;

/**
 * The five Driftless functions: their construct id, handler, the context key prefix that sizes them
 * ({@code -c sync.memory=3008}), and whether they need the kustomize/helm tools layer (the sync function
 * renders to apply, the API function renders for diff), and the jar in functions/target that carries only what
 * it runs (the webhook and the drift scan carry no Kubernetes or Git client).
 */
public enum FunctionKind {
  SYNC("Sync", "dev.driftless.functions.SyncHandler::handleRequest", "sync", true, "driftless-engine.jar"),
  WEBHOOK("Webhook", "dev.driftless.functions.WebhookHandler::handleRequest", "webhook", false,
      "driftless-webhook.jar"),
  API("Api", "dev.driftless.functions.ApiHandler::handleRequest", "api", true, "driftless-engine.jar"),
  DRIFT_SCAN("DriftScan", "dev.driftless.functions.DriftScanHandler::handleRequest", "driftScan", false,
      "driftless-scan.jar"),
  /** EKS audit log deliveries to targeted reconciles; it reads live objects, so it carries the engine's jar. */
  AUDIT("Audit", "dev.driftless.functions.AuditLogsHandler::handleRequest", "audit", false, "driftless-engine.jar");

  private final String id;
  private final String handler;
  private final String contextKey;
  private final boolean needsTools;
  private final String jar;

  FunctionKind(String id, String handler, String contextKey, boolean needsTools, String jar) {
    this.id = id;
    this.handler = handler;
    this.contextKey = contextKey;
    this.needsTools = needsTools;
    this.jar = jar;
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

  /** The file name of the function's jar in functions/target. */
  public String jar() {
    return jar;
  }
}
