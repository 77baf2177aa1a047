package dev.driftless.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.driftless.functions.metrics.Metrics;
import dev.driftless.functions.queue.SqsWorkQueue;
import dev.driftless.functions.queue.WorkQueue;
import dev.driftless.functions.webhook.Headers;
import dev.driftless.functions.webhook.Provider;
import dev.driftless.functions.webhook.RefusedException;
import dev.driftless.functions.webhook.WebhookOptions;
import dev.driftless.functions.webhook.WebhookReceiver;
import dev.driftless.functions.webhook.WebhookRequest;
import dev.driftless.functions.webhook.WebhookResult;
import dev.driftless.functions.webhook.WebhookSecrets;
import dev.driftless.reconcile.AwsClients;
import dev.driftless.reconcile.Settings;
import dev.driftless.secrets.SecretsClient;
import dev.driftless.secrets.SecretsManagerClient;
import dev.driftless.state.ApplicationStore;
import dev.driftless.state.DeliveryStore;
import dev.driftless.state.ProjectStore;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The webhook endpoint (a Lambda Function URL): verifies a Git provider's push, drops redeliveries, and
 * enqueues one sync per Application the push can change; answers at once. See
 * {@link WebhookReceiver} for the order of checks and {@link WebhookRequest} for what is refused before.
 * One log line per request says what happened; no secret, body or exception text is ever answered or logged.
 */
public final class WebhookHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);
  private static final Map<String, String> JSON = Map.of("content-type", "application/json");
  private static final Map<String, String> ALLOW = Map.of("content-type", "application/json", "allow", "POST");

  private final WebhookReceiver receiver;
  private final WebhookOptions options;
  private final Metrics metrics;

  /**
   * The runtime's constructor. It builds only what the webhook uses (DynamoDB for Applications, projects and
   * deliveries, SQS, Secrets Manager), not the reconciler's parts, to keep the cold start short.
   */
  public WebhookHandler() {
    this(System.getenv());
  }

  private WebhookHandler(Map<String, String> env) {
    this(env, WebhookOptions.fromEnvironment(env, Env.WEBHOOK_SECRET_PREFIX),
        AwsClients.build(DynamoDbClient.builder()), Clock.systemUTC());
  }

  private WebhookHandler(Map<String, String> env, WebhookOptions options, DynamoDbClient ddb, Clock clock) {
    this(new ApplicationStore(ddb, Settings.fromEnvironment(env).table(), clock),
        new ProjectStore(ddb, Settings.fromEnvironment(env).table(), clock),
        new DeliveryStore(ddb, Settings.fromEnvironment(env).table(), clock, options.deliveryRetention()),
        new SqsWorkQueue(AwsClients.build(SqsClient.builder()), Env.require(env, Env.QUEUE_URL),
            Env.require(env, Env.DELAY_QUEUE_URL)),
        new SecretsManagerClient(AwsClients.build(
            software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.builder())),
        clock, options);
  }

  /** Tests and the local runner. */
  public WebhookHandler(ApplicationStore applications, ProjectStore projects, DeliveryStore deliveries,
      WorkQueue queue, SecretsClient secrets, Clock clock, WebhookOptions options) {
    this.options = options;
    this.metrics = Metrics.standardOutput(clock);
    this.receiver = new WebhookReceiver(applications, projects, deliveries, queue,
        new WebhookSecrets(secrets, clock, options), clock);
    Priming.registerWithoutKubernetes();
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    WebhookResult r;
    try {
      r = receiver.receive(WebhookRequest.from(event, options.maxBodyBytes()));
    } catch (RefusedException e) {
      r = e.result();
    } catch (RuntimeException e) {
      r = WebhookResult.internalError("failed: " + e.getClass().getSimpleName());
    }
    if (r.status() >= 500) {
      LOG.error("webhook {}: {}", r.status(), r.reason());
    } else {
      LOG.info("webhook {}: {}", r.status(), r.reason());
    }
    metrics.webhookDelivery(provider(event), r.outcome());
    return APIGatewayV2HTTPResponse.builder().withStatusCode(r.status())
        .withHeaders(r.status() == 405 ? ALLOW : JSON).withBody(r.body()).build();
  }

  /** The sender as its headers name it (a fixed word: a dimension never carries request text), or unknown. */
  private static String provider(APIGatewayV2HTTPEvent event) {
    return Provider.detect(Headers.of(event.getHeaders())).map(Provider::word).orElse("unknown");
  }
}
