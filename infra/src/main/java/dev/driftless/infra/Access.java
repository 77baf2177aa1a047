package dev.driftless.infra;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.sqs.IQueue;

/**
 * What each function may do, and nothing more. Table actions follow the state stores' calls (GetItem, Query,
 * PutItem, DeleteItem; transactional writes are authorised per item as PutItem/DeleteItem, and no store
 * scans or updates). Secrets are read by area of the deployment prefix: the sync and API functions read
 * cluster and Git credentials ({@code clusters/}, {@code git/}), the sync function forge tokens ({@code providers/}), the webhook function webhook secrets
 * ({@code webhooks/}), the audit function cluster credentials only, and only the reference resolver role reads what manifests reference ({@code refs/}), so
 * a reference in a commit can never read a credential, whatever the code does. BatchGetSecretValue has no
 * resource-level permission, so the resolver role has it on {@code *} and each secret is still checked against
 * GetSecretValue on {@code refs/}. Clusters are reached by assuming only the configured roles; an EKS token is a
 * presigned GetCallerIdentity, which needs no permission.
 */
public final class Access {

  static final List<String> TABLE_READ = List.of("dynamodb:GetItem", "dynamodb:Query");
  static final List<String> TABLE_WRITE = List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem",
      "dynamodb:DeleteItem", "dynamodb:BatchGetItem");
  /** The scan's reads, and the one-time backfill of the cluster index (a put conditioned on the version read). */
  static final List<String> SCAN_TABLE = List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem",
      "dynamodb:ConditionCheckItem");
  static final List<String> QUEUE_CONSUME = List.of("sqs:ReceiveMessage", "sqs:DeleteMessage",
      "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes");

  private final Stack stack;
  private final ITable table;
  private final IQueue workQueue;
  private final IQueue delayQueue;
  private final IEventBus bus;
  private final DriftlessProps props;

  public Access(Stack stack, ITable table, IQueue workQueue, IQueue delayQueue, IEventBus bus, DriftlessProps props) {
    this.stack = stack;
    this.table = table;
    this.workQueue = workQueue;
    this.delayQueue = delayQueue;
    this.bus = bus;
    this.props = props;
  }

  /** The statements a function of this kind needs, beyond writing its own log group. */
  public List<PolicyStatement> statements(FunctionKind kind) {
    List<PolicyStatement> s = new ArrayList<>();
    switch (kind) {
      case SYNC -> {
        s.add(allow(TABLE_WRITE, table.getTableArn()));
        s.add(allow(QUEUE_CONSUME, workQueue.getQueueArn(), delayQueue.getQueueArn()));
        // A cluster scan queues full reconciles on the work queue; continuations and retries go to the delay queue.
        s.add(allow(List.of("sqs:SendMessage"), workQueue.getQueueArn(), delayQueue.getQueueArn()));
        s.add(allow(List.of("events:PutEvents"), bus.getEventBusArn()));
        s.add(credentials());
        // Commit statuses: forge API tokens, read by the sync that posts them.
        s.add(allow(List.of("secretsmanager:GetSecretValue"), secretArn(props.providerSecretPrefix())));
        s.addAll(assumeClusterRoles());
      }
      case API -> {
        s.add(allow(TABLE_WRITE, table.getTableArn()));
        s.add(allow(List.of("sqs:SendMessage"), workQueue.getQueueArn()));
        s.add(credentials());
        s.addAll(assumeClusterRoles());
      }
      case WEBHOOK -> {
        s.add(allow(List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem"), table.getTableArn()));
        s.add(allow(List.of("sqs:SendMessage"), workQueue.getQueueArn()));
        s.add(allow(List.of("secretsmanager:GetSecretValue"), secretArn(props.webhookSecretPrefix())));
      }
      case DRIFT_SCAN -> {
        s.add(allow(SCAN_TABLE, table.getTableArn()));
        // Cluster scans spread over the interval are delayed on the delay queue.
        s.add(allow(List.of("sqs:SendMessage"), workQueue.getQueueArn(), delayQueue.getQueueArn()));
      }
      case AUDIT -> {
        s.add(allow(TABLE_READ, table.getTableArn()));
        s.add(allow(List.of("sqs:SendMessage"), workQueue.getQueueArn()));
        // Cluster credentials only: it reads live objects' metadata and who Driftless is, never Git.
        s.add(allow(List.of("secretsmanager:GetSecretValue"), secretArn(props.clusterSecretPrefix())));
        s.addAll(assumeClusterRoles());
      }
    }
    return s;
  }

  /** The ARN pattern of every secret whose name starts with {@code prefix}. */
  public String secretArn(String prefix) {
    return stack.formatArn(ArnComponents.builder().service("secretsmanager").resource("secret")
        .resourceName(prefix + "*").arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
  }

  /** What the reference resolver role may do: read the secrets that manifests reference, and nothing else. */
  public List<PolicyStatement> referenceResolver() {
    return List.of(
        allow(List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"),
            secretArn(props.referencePrefix())),
        allow(List.of("secretsmanager:BatchGetSecretValue"), "*"));
  }

  /** Cluster credentials and Git credentials: what the sync and API functions read with their own role. */
  private PolicyStatement credentials() {
    return allow(List.of("secretsmanager:GetSecretValue"), secretArn(props.clusterSecretPrefix()),
        secretArn(props.gitSecretPrefix()));
  }

  private List<PolicyStatement> assumeClusterRoles() {
    if (props.clusterRoleArns().isEmpty()) {
      return List.of();
    }
    return List.of(allow(List.of("sts:AssumeRole"), props.clusterRoleArns().toArray(String[]::new)));
  }

  private static PolicyStatement allow(List<String> actions, String... resources) {
    return PolicyStatement.Builder.create().actions(actions).resources(List.of(resources)).build();
  }
}
