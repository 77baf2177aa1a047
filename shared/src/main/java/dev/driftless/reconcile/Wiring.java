package dev.driftless.reconcile;

import dev.driftless.cluster.ClusterClients;
import dev.driftless.cluster.ClusterRegistration;
import dev.driftless.feedback.CommitStatuses;
import dev.driftless.feedback.FeedbackSink;
import dev.driftless.health.HealthAssessor;
import dev.driftless.project.Projects;
import dev.driftless.render.RenderOptions;
import dev.driftless.render.Renderer;
import dev.driftless.secrets.SecretResolver;
import dev.driftless.secrets.SecretResolverOptions;
import dev.driftless.secrets.SecretsClient;
import dev.driftless.secrets.SecretsManagerClient;
import dev.driftless.source.Source;
import dev.driftless.source.SourceOptions;
import dev.driftless.state.ApplicationStore;
import dev.driftless.state.ClusterStore;
import dev.driftless.state.LeaseStore;
import dev.driftless.state.ProjectStore;
import dev.driftless.state.StatusStore;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Builds the reconciler's parts from AWS clients and settings, once per container. The AWS clients come
 * from the SDK's default builders, so {@code AWS_ENDPOINT_URL} (and its per-service variants) points them
 * at local emulators with no code change.
 */
public final class Wiring {

  private Wiring() {}

  public static Reconciler.Parts parts(Settings s, DynamoDbClient ddb, SecretsClient secrets, EventSink events,
      Clock clock) {
    return parts(s, ddb, secrets, secrets, events, clock);
  }

  /**
   * Parts whose secret references are resolved through {@code references}, a client that may read only the
   * reference prefix, and whose own credentials (Git, clusters) are read through {@code secrets}.
   */
  public static Reconciler.Parts parts(Settings s, DynamoDbClient ddb, SecretsClient secrets,
      SecretsClient references, EventSink events, Clock clock) {
    return new Reconciler.Parts(
        new ApplicationStore(ddb, s.table(), clock),
        new StatusStore(ddb, s.table(), s.historyRetention()),
        new LeaseStore(ddb, s.table(), clock),
        new ClusterStore(ddb, s.table()),
        new Source(secrets, SourceOptions.defaults().withCacheDir(s.gitCache()).withMaxBytes(s.gitCacheBytes())
            .withSecrets(s.secrets()).withLocalRepositories(s.localRepositories()), clock),
        new Renderer(),
        new SecretResolver(references, clock, SecretResolverOptions.defaults().withReferencePrefix(s.secrets().refs())),
        new ClusterClients(secrets, s.secrets(), Wiring::eksCredentials, clock),
        events,
        new Projects(new ProjectStore(ddb, s.table(), clock), s.defaultProject()));
  }

  /** Reconciler options with the settings' kustomize, helm and jsonnet binaries and custom health rules. */
  public static ReconcilerOptions options(Settings s) {
    return ReconcilerOptions.defaults().withRender(
        RenderOptions.defaults().withTools(s.kustomize(), s.helm()).withJsonnet(s.jsonnet()))
        .withHealth(new HealthAssessor(s.health())).withSyncTimeout(s.syncTimeout());
  }

  /** Parts over real AWS clients built with the SDK's defaults and the chosen HTTP client. */
  public static Reconciler.Parts fromDefaults(Settings s, Clock clock) {
    return fromDefaults(s, AwsClients.build(DynamoDbClient.builder()), clock);
  }

  /** As above, the stores over {@code ddb}: a handler with stores of its own shares one client with the engine. */
  public static Reconciler.Parts fromDefaults(Settings s, DynamoDbClient ddb, Clock clock) {
    return fromDefaults(s, ddb, System.getenv(), clock);
  }

  /** As above, commit statuses configured from {@code env} (the local runner's settings, not the process's). */
  public static Reconciler.Parts fromDefaults(Settings s, DynamoDbClient ddb, Map<String, String> env, Clock clock) {
    SecretsClient secrets = new SecretsManagerClient(awsSecretsManager(DefaultCredentialsProvider.builder().build()));
    SecretsClient references = s.resolverRoleArn() == null ? secrets
        : new SecretsManagerClient(awsSecretsManager(StsAssumeRoleCredentialsProvider.builder()
            .stsClient(AwsClients.build(StsClient.builder()))
            .refreshRequest(r -> r.roleArn(s.resolverRoleArn()).roleSessionName("driftless-references")).build()));
    EventSink events = new FeedbackSink(new EventBridgeSink(AwsClients.build(EventBridgeClient.builder()), s.eventBus()),
        CommitStatuses.fromEnvironment(secrets, s.secrets(), env));
    return parts(s, ddb, secrets, references, events, clock);
  }

  // The AWS client shares its simple name with Driftless's own SecretsManagerClient, hence the full name.
  private static software.amazon.awssdk.services.secretsmanager.SecretsManagerClient awsSecretsManager(
      AwsCredentialsProvider credentials) {
    return AwsClients.build(software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.builder()
        .credentialsProvider(credentials));
  }

  private static AwsCredentialsProvider eksCredentials(ClusterRegistration reg) {
    if (reg.roleArn() == null || reg.roleArn().isBlank()) {
      return DefaultCredentialsProvider.builder().build();
    }
    // ClusterRules refuses an EKS registration without a region before this runs; never fall back to the
    // environment's region, which signs for another partition or none.
    StsClient sts = AwsClients.build(
        StsClient.builder().region(Region.of(Objects.requireNonNull(reg.region(), "region"))));
    return StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
        .refreshRequest(r -> r.roleArn(reg.roleArn()).roleSessionName("driftless-" + reg.name())).build();
  }
}
