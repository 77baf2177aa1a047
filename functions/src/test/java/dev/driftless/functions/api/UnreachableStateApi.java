package dev.driftless.functions.api;

import dev.driftless.functions.ApiHandler;
import dev.driftless.functions.Functions;
import dev.driftless.reconcile.Reconciler;
import dev.driftless.reconcile.ReconcilerOptions;
import dev.driftless.reconcile.Settings;
import dev.driftless.reconcile.Wiring;
import dev.driftless.state.AccessStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The API handler with no AWS behind it: its DynamoDB client points at a closed port and tries once, so any
 * request that reaches the state table fails (as a bare 500), and no secret exists.
 */
public final class UnreachableStateApi {

  private UnreachableStateApi() {}

  public static ApiHandler handler(Settings settings, Clock clock) {
    DynamoDbClient ddb = DynamoDbClient.builder().endpointOverride(URI.create("http://127.0.0.1:9"))
        .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("test", "test")))
        .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1))
            .apiCallTimeout(Duration.ofSeconds(5)))
        .build();
    Reconciler.Parts parts = Wiring.parts(settings, ddb, (id, stage, version) -> Optional.empty(),
        (type, detail) -> { }, clock);
    return new ApiHandler(new Functions(new Reconciler(parts, ReconcilerOptions.defaults(), clock), parts,
        new RecordingQueue(), clock), new AccessStore(ddb, settings.table(), clock), ApiEvents.admins(), clock);
  }
}
