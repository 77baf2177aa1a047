package dev.driftless.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.driftless.functions.audit.AuditException;
import dev.driftless.functions.audit.AuditReceiver;
import dev.driftless.functions.audit.AuditRequest;
import dev.driftless.functions.webhook.CallerSecrets;
import dev.driftless.functions.webhook.RefusedException;
import dev.driftless.functions.webhook.WebhookOptions;
import dev.driftless.functions.webhook.WebhookResult;
import dev.driftless.secrets.SecretLayout;
import dev.driftless.secrets.SecretsClient;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kubernetes API server's audit webhook ({@code --audit-webhook-config-file}, batch mode): {@code POST
 * /audit/<cluster>} with the cluster's bearer token and an audit EventList; the local clusters send theirs here
 * through the local runner. {@link AuditRequest} verifies the request (every unverifiable one answers the same
 * 401), {@link AuditReceiver} queues a reconcile per Application whose objects someone else wrote. Answers 200
 * {@code {"queued":n}}; 500 when a cluster could not be asked, so the API server sends the batch again.
 * On EKS the audit log reaches {@link AuditLogsHandler} instead, so this handler is served only by the local
 * runner (a self-managed cluster could reach it through a Function URL; the stack does not create one).
 */
public final class AuditWebhookHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  private static final Logger LOG = LoggerFactory.getLogger(AuditWebhookHandler.class);
  private static final Map<String, String> JSON = Map.of("content-type", "application/json");

  private final AuditRequest.Reader requests;
  private final AuditReceiver receiver;

  /** {@code secrets} holds the clusters' audit tokens, under {@code layout}'s {@link SecretLayout#auditWebhooks()}. */
  public AuditWebhookHandler(Functions fn, SecretsClient secrets, SecretLayout layout, WebhookOptions options) {
    this.requests = new AuditRequest.Reader(new CallerSecrets(secrets, fn.clock(), options), layout,
        AuditRequest.MAX_BODY_BYTES);
    this.receiver = new AuditReceiver(fn.parts().applications(), fn.parts().clusters(), fn.parts().clients(),
        fn.queue(), fn.clock());
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    WebhookResult r;
    try {
      AuditRequest req = requests.read(event);
      AuditReceiver.Result got = receiver.receive(req.cluster(), req.events());
      r = new WebhookResult(200, "{\"queued\":" + got.queued() + "}", "audit " + req.cluster() + ": "
          + got.events() + " event(s), " + got.writes() + " write(s), " + got.queued() + " reconcile(s) queued: "
          + got.reason());
    } catch (RefusedException e) {
      r = e.result();
    } catch (AuditException e) {
      r = WebhookResult.internalError("audit: " + e.getMessage());
    } catch (RuntimeException e) {
      r = WebhookResult.internalError("audit: failed: " + e.getClass().getSimpleName());
    }
    if (r.status() >= 500) {
      LOG.error("audit webhook {}: {}", r.status(), r.reason());
    } else {
      LOG.info("audit webhook {}: {}", r.status(), r.reason());
    }
    return APIGatewayV2HTTPResponse.builder().withStatusCode(r.status()).withHeaders(JSON).withBody(r.body()).build();
  }
}
