package dev.driftless.infra;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.dynamodb.CfnTable;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/**
 * The stack that {@code cdk deploy} in infra/ deploys: the {@link Driftless} construct and its outputs (the
 * webhook and API URLs, the roles to grant cluster access to, the table's name).
 */
public class DriftlessStack extends Stack {

  /** The state table's logical id in every deployed Driftless stack. */
  public static final String TABLE_LOGICAL_ID = "State1C20CC9A";

  private final Driftless driftless;

  public DriftlessStack(Construct scope, String id, StackProps stackProps, DriftlessProps props) {
    super(scope, id, stackProps);
    driftless = new Driftless(this, "Driftless", props);
    // The table keeps the logical id it had when the stack built it directly, so upgrading a deployed stack keeps
    // its state instead of creating a new table beside the retained old one.
    ((CfnTable) driftless.table().getNode().getDefaultChild()).overrideLogicalId(TABLE_LOGICAL_ID);
    CfnOutput.Builder.create(this, "WebhookUrl").value(driftless.webhookUrl().getUrl())
        .description("Webhook endpoint for GitHub, GitLab and Bitbucket (signatures verified by the function)").build();
    CfnOutput.Builder.create(this, "ApiUrl").value(driftless.apiUrl().getUrl())
        .description("Driftless API (IAM-signed requests: SigV4, service lambda)").build();
    CfnOutput.Builder.create(this, "SyncRoleArn").value(function(FunctionKind.SYNC).role().getRoleArn())
        .description("Role of the sync function: grant it access to EKS clusters (access entry)").build();
    CfnOutput.Builder.create(this, "ApiRoleArn").value(function(FunctionKind.API).role().getRoleArn())
        .description("Role of the API function: grant it read access to EKS clusters for diff").build();
    CfnOutput.Builder.create(this, "TableName").value(driftless.table().getTableName()).build();
  }

  public Driftless driftless() {
    return driftless;
  }

  public Table table() {
    return driftless.table();
  }

  public WorkQueues queues() {
    return driftless.queues();
  }

  public EventBus bus() {
    return driftless.bus();
  }

  public DriftlessFunction function(FunctionKind kind) {
    return driftless.function(kind);
  }

  public Monitoring monitoring() {
    return driftless.monitoring();
  }

  public Role referenceResolver() {
    return driftless.referenceResolver();
  }
}
