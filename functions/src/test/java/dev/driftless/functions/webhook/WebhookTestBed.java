package dev.driftless.functions.webhook;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.driftless.functions.WebhookHandler;
import dev.driftless.secrets.SecretsManagerClient;
import dev.driftless.state.ApplicationStore;
import dev.driftless.state.DeliveryStore;
import dev.driftless.state.ProjectStore;
import dev.driftless.state.StateTable;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The webhook handler over the real stores on a fresh table in moto's DynamoDB, webhook secrets in the local
 * Secrets Manager (moto) under a fresh prefix, and an in-memory queue. Needs the local AWS endpoints set
 * (by {@code @LocalAws}, or by the benchmark mains).
 */
public final class WebhookTestBed {

  public static final Instant NOW = Instant.parse("2026-11-24T06:40:00Z");

  public final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  public final DynamoDbClient ddb = DynamoDbClient.create();
  // The AWS SDK client keeps its full name: Driftless's SecretsManagerClient of the same simple name wraps it.
  public final software.amazon.awssdk.services.secretsmanager.SecretsManagerClient sm =
      software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.create();
  public final String table = "webhook-" + UUID.randomUUID();
  public final String prefix = "webhook-test-" + UUID.randomUUID().toString().substring(0, 8) + "/";
  public final ApplicationStore applications;
  public final ProjectStore projects;
  public final DeliveryStore deliveries;
  public final RecordingQueue queue = new RecordingQueue();
  public final WebhookOptions options;
  public final WebhookHandler handler;

  public WebhookTestBed() {
    this(WebhookOptions.defaults());
  }

  public WebhookTestBed(WebhookOptions base) {
    StateTable.create(ddb, table);
    options = base.withSecretPrefix(prefix);
    applications = new ApplicationStore(ddb, table, clock);
    projects = new ProjectStore(ddb, table, clock);
    deliveries = new DeliveryStore(ddb, table, clock, options.deliveryRetention());
    handler = new WebhookHandler(applications, projects, deliveries, queue, new SecretsManagerClient(sm), clock,
        options);
  }

  /** Registers an Application on the repository tracking the revision. */
  public WebhookTestBed app(String name, String repoURL, String targetRevision) {
    return app(name, repoURL, targetRevision, "default");
  }

  /** Registers an Application of the project on the repository tracking the revision. */
  public WebhookTestBed app(String name, String repoURL, String targetRevision, String project) {
    applications.put("""
        apiVersion: driftless.dev/v1alpha1
        kind: Application
        metadata: {name: %s}
        spec:
          project: %s
          source: {repoURL: "%s", targetRevision: "%s", path: apps/%s}
          destination: {cluster: c1, namespace: %s}
        """.formatted(name, project, repoURL, targetRevision, name, name), name + ".yaml", 0);
    return this;
  }

  /** Registers a project allowing everything, owning its webhook secrets or not. */
  public WebhookTestBed project(String name, boolean ownWebhookSecrets) {
    projects.put("""
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata: {name: %s}
        spec:
          sourceRepos: ['*']
          destinations: [{name: '*', namespace: '*'}]
          ownWebhookSecrets: %s
        """.formatted(name, ownWebhookSecrets), name + ".yaml", 0);
    return this;
  }

  /** Stores a project's own webhook secret for the repository where the webhook looks for it. */
  public WebhookTestBed projectSecret(String project, String repoURL, String value) {
    String name = WebhookSecrets.projectSecretName(prefix, project, ApplicationStore.normalizeRepo(repoURL));
    sm.createSecret(r -> r.name(name).secretString(value));
    return this;
  }

  /** Stores the repository's webhook secret where the webhook looks for it. */
  public WebhookTestBed secret(String repoURL, String value) {
    String name = WebhookSecrets.secretName(prefix, ApplicationStore.normalizeRepo(repoURL));
    sm.createSecret(r -> r.name(name).secretString(value));
    return this;
  }

  /** An SQS client on the same endpoints (the cold-start probe's queue lives there). */
  public SqsClient sqs() {
    return SqsClient.create();
  }

  public APIGatewayV2HTTPResponse send(APIGatewayV2HTTPEvent event) {
    return handler.handleRequest(event, null);
  }

  /** True when the webhook recorded no delivery under this event's delivery key. */
  public boolean deliveryNotRecorded(APIGatewayV2HTTPEvent event) {
    Headers h = Headers.of(event.getHeaders());
    Provider p = Provider.detect(h).orElseThrow();
    byte[] body = event.getBody().getBytes(StandardCharsets.UTF_8);
    return deliveries.firstSeen(p.word() + ":" + WebhookReceiver.deliveryId(p, h, body));
  }
}
