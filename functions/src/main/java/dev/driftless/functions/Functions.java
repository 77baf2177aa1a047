package dev.driftless.functions;

import dev.driftless.functions.queue.SqsWorkQueue;
import dev.driftless.functions.queue.WorkQueue;
import dev.driftless.reconcile.AwsClients;
import dev.driftless.reconcile.Reconciler;
import dev.driftless.reconcile.Settings;
import dev.driftless.reconcile.Wiring;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What the handlers share, built once per container from the environment: the reconciler and its parts,
 * and the work queue. Handlers build one in their no-argument constructor (the runtime's path) and take
 * one in their other constructor (tests and the local runner).
 */
public record Functions(Reconciler reconciler, Reconciler.Parts parts, WorkQueue queue, Clock clock) {

  public static Functions fromEnvironment(Map<String, String> env) {
    return fromEnvironment(env, AwsClients.build(DynamoDbClient.builder()));
  }

  /** As above, the engine's stores over {@code ddb}, which the handler shares with stores of its own. */
  public static Functions fromEnvironment(Map<String, String> env, DynamoDbClient ddb) {
    Clock clock = Clock.systemUTC();
    Settings settings = Settings.fromEnvironment(env);
    Reconciler.Parts parts = Wiring.fromDefaults(settings, ddb, clock);
    WorkQueue queue = new SqsWorkQueue(AwsClients.build(SqsClient.builder()), Env.require(env, Env.QUEUE_URL),
        Env.require(env, Env.DELAY_QUEUE_URL));
    return new Functions(new Reconciler(parts, Wiring.options(settings), clock), parts, queue, clock);
  }
}
