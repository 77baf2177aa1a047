package dev.driftless.infra;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.CompositePrincipal;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.EventSourceMappingOptions;
import software.amazon.awscdk.services.lambda.FunctionUrl;
import software.amazon.awscdk.services.lambda.FunctionUrlAuthType;
import software.amazon.awscdk.services.lambda.FunctionUrlOptions;
import software.amazon.awscdk.services.lambda.ILayerVersion;
import software.amazon.awscdk.services.lambda.LayerVersion;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.SubscriptionFilter;
import software.amazon.awscdk.services.logs.destinations.LambdaDestination;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * Driftless on AWS, as a construct a platform team adds to its own CDK app ({@code new Driftless(scope,
 * "Driftless", props)}): the state table, the work queues, the event bus, the five functions (sync, webhook,
 * API, drift scan, audit) with their triggers (the audit function's: a subscription filter on each opted-in EKS
 * cluster's audit log group), least-privilege roles, the reference resolver role and alarms. Function
 * sizes, the secret prefix, cluster roles, the scan rate and retention come from {@link DriftlessProps}. Its
 * cdk-nag suppressions travel with it, each with its reason.
 */
public class Driftless extends Construct {

  /** The event source the crash-check schedule sends; DriftScanHandler.CRASH_CHECK in the function's code. */
  static final String CRASH_CHECK = "driftless.crash-check";
  /** The scan interval the drift-scan function spreads its messages over; ScanOptions.INTERVAL_MINUTES in its code. */
  static final String SCAN_MINUTES = "DRIFTLESS_SCAN_MINUTES";

  /** The table's TTL attribute: history entries and webhook deliveries expire through it. */
  public static final String TTL_ATTRIBUTE = "expiresAt";
  public static final String EVENT_BUS_NAME = "driftless";

  private final Table table;
  private final WorkQueues queues;
  private final EventBus bus;
  private final Map<FunctionKind, DriftlessFunction> functions = new EnumMap<>(FunctionKind.class);
  private final FunctionUrl webhookUrl;
  private final FunctionUrl apiUrl;
  private final Monitoring monitoring;
  private final Role referenceResolver;

  public Driftless(Construct scope, String id, DriftlessProps props) {
    super(scope, id);

    table = Table.Builder.create(this, "State")
        .partitionKey(Attribute.builder().name("pk").type(AttributeType.STRING).build())
        .sortKey(Attribute.builder().name("sk").type(AttributeType.STRING).build())
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .timeToLiveAttribute(TTL_ATTRIBUTE)
        .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
            .pointInTimeRecoveryEnabled(true).build())
        .encryption(TableEncryption.AWS_MANAGED)
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
    queues = new WorkQueues(this, "Queues", props.sync().timeout());
    bus = EventBus.Builder.create(this, "Events").eventBusName(EVENT_BUS_NAME).build();

    ILayerVersion tools = LayerVersion.Builder.create(this, "ToolsLayer")
        .description("kustomize " + ToolVersions.KUSTOMIZE + " and helm " + ToolVersions.HELM + " in /opt/bin")
        .code(Code.fromAsset(props.toolsLayer().toString()))
        .compatibleRuntimes(List.of(DriftlessFunction.RUNTIME))
        .compatibleArchitectures(List.of(DriftlessFunction.ARCHITECTURE))
        .build();
    Map<String, String> env = environment(props);
    Access access = new Access(Stack.of(this), table, queues.work(), queues.delay(), bus, props);
    for (FunctionKind kind : FunctionKind.values()) {
      DriftlessFunction f = new DriftlessFunction(this, kind, props.function(kind),
          Code.fromAsset(props.functionJars().resolve(kind.jar()).toString()),
          kind.needsTools() ? List.of(tools) : List.of(), env, props.logRetentionDays());
      access.statements(kind).forEach(f.role()::addToPolicy);
      functions.put(kind, f);
    }
    referenceResolver = referenceResolver(access);
    bootstrapAdmins(functions.get(FunctionKind.API), props.admins());

    DriftlessFunction sync = functions.get(FunctionKind.SYNC);
    Integer reserved = props.sync().reservedConcurrency();
    // With reserved concurrency R the delay queue may use 2 and the work queue the rest (at least 2, the
    // event source minimum), so the pollers do not take more than the function may run.
    subscribe(sync, "WorkQueueSource", queues.work(), reserved == null ? null : Math.max(2, reserved - 2));
    subscribe(sync, "DelayQueueSource", queues.delay(), reserved == null ? null : 2);

    // The scan spreads its cluster messages over the interval it runs at.
    functions.get(FunctionKind.DRIFT_SCAN).function().addEnvironment(SCAN_MINUTES,
        Long.toString(props.scanRate().toMinutes()));
    Rule.Builder.create(this, "DriftScanSchedule")
        .description("Driftless drift scan")
        .schedule(Schedule.rate(Duration.minutes(props.scanRate().toMinutes())))
        .targets(List.of(new LambdaFunction(functions.get(FunctionKind.DRIFT_SCAN).alias())))
        .build();
    // Every minute the same function checks for crashed passes only (DriftScanHandler.CRASH_CHECK as the
    // source): a crash is continued within a pass's lease period (60 s) plus a minute, whatever the scan rate.
    Rule.Builder.create(this, "CrashCheckSchedule")
        .description("Driftless crash check: continue operations whose pass stopped")
        .schedule(Schedule.rate(Duration.minutes(1)))
        .targets(List.of(LambdaFunction.Builder.create(functions.get(FunctionKind.DRIFT_SCAN).alias())
            .event(RuleTargetInput.fromObject(Map.of("source", CRASH_CHECK)))
            .build()))
        .build();

    subscribeAuditLogs(functions.get(FunctionKind.AUDIT), props.auditLogs());

    webhookUrl = functions.get(FunctionKind.WEBHOOK).alias().addFunctionUrl(FunctionUrlOptions.builder()
        .authType(FunctionUrlAuthType.NONE).build());
    apiUrl = functions.get(FunctionKind.API).alias().addFunctionUrl(FunctionUrlOptions.builder()
        .authType(FunctionUrlAuthType.AWS_IAM).build());

    monitoring = new Monitoring(this, "Monitoring", new ArrayList<>(functions.values()), queues,
        props.alarmTopicArn());
    new OperationsDashboard(this, "Dashboard", functions, queues);
    Nag.suppress(this, props);
  }

  /**
   * The role that resolves secret references for the sync and API functions: it alone may read
   * {@code <prefix>refs/}, and they assume it only for that (their own roles read cluster and Git credentials).
   */
  private Role referenceResolver(Access access) {
    List<DriftlessFunction> users = List.of(functions.get(FunctionKind.SYNC), functions.get(FunctionKind.API));
    Role role = Role.Builder.create(this, "ReferenceResolverRole")
        .description("Driftless: reads the secrets that manifests reference, under the reference prefix only")
        .assumedBy(new CompositePrincipal(users.stream().map(f -> new ArnPrincipal(f.role().getRoleArn()))
            .toArray(ArnPrincipal[]::new)))
        .build();
    access.referenceResolver().forEach(role::addToPolicy);
    for (DriftlessFunction f : users) {
      f.role().addToPolicy(PolicyStatement.Builder.create().actions(List.of("sts:AssumeRole"))
          .resources(List.of(role.getRoleArn())).build());
      f.function().addEnvironment(RESOLVER_ROLE_ARN, role.getRoleArn());
    }
    return role;
  }

  /** The variable that names the API's bootstrap admins (comma-separated principal globs). */
  public static final String ADMINS = "DRIFTLESS_ADMINS";

  /**
   * Names the API's bootstrap admins to it (always set, empty when none, as template.yaml's AdminPrincipals
   * parameter defaults to). Without one nobody can write the access policy, so every API call is refused: said
   * as a warning at synth time.
   */
  private static void bootstrapAdmins(DriftlessFunction api, List<String> admins) {
    api.function().addEnvironment(ADMINS, String.join(",", admins));
    if (admins.isEmpty()) {
      Annotations.of(api.function()).addWarningV2("driftless:no-admins", "No bootstrap admin: every API call "
          + "will be refused until one is set. Deploy with -c " + DriftlessApp.ADMINS_CONTEXT
          + "=arn:aws:iam::ACCOUNT:role/NAME (a principal ARN or glob, or a list), then manage the access policy "
          + "with driftless access set.");
    }
  }

  /** The variable that maps audit log groups to cluster names for the audit function (AuditLogs.ENV). */
  public static final String AUDIT_LOG_GROUPS = "DRIFTLESS_AUDIT_LOG_GROUPS";

  /**
   * Only completed, accepted writes reach the function (it filters again): reads, which are most of an audit log,
   * cost no invocation.
   */
  static final String AUDIT_FILTER = "{ ($.stage = \"ResponseComplete\") && ($.responseStatus.code < 400) && "
      + "(($.verb = \"create\") || ($.verb = \"update\") || ($.verb = \"patch\") || ($.verb = \"delete\")) }";

  /**
   * One subscription filter per opted-in cluster's audit log group, invoking the audit function (the filter's
   * destination adds the permission for CloudWatch Logs, limited to that log group); the mapping of log groups to
   * cluster names goes to the function (always set, {@code {}} when none, as template.yaml has it).
   */
  private void subscribeAuditLogs(DriftlessFunction audit, List<AuditLogSource> sources) {
    StringBuilder groups = new StringBuilder("{");
    for (int i = 0; i < sources.size(); i++) {
      AuditLogSource src = sources.get(i);
      // Names are checked by AuditLogSource: no quote or backslash can reach the JSON.
      groups.append(i == 0 ? "" : ",").append('"').append(src.logGroup()).append("\":\"").append(src.cluster())
          .append('"');
      SubscriptionFilter.Builder.create(this, "AuditLogs" + src.cluster())
          .logGroup(LogGroup.fromLogGroupName(this, "AuditLogGroup" + src.cluster(), src.logGroup()))
          .destination(new LambdaDestination(audit.alias()))
          .filterPattern(FilterPattern.literal(AUDIT_FILTER))
          .build();
    }
    audit.function().addEnvironment(AUDIT_LOG_GROUPS, groups.append('}').toString());
  }

  /** The variable that names the reference resolver role to the sync and API functions. */
  public static final String RESOLVER_ROLE_ARN = "DRIFTLESS_RESOLVER_ROLE_ARN";

  private static void subscribe(DriftlessFunction fn, String id, IQueue queue, Integer maxConcurrency) {
    EventSourceMappingOptions.Builder o = EventSourceMappingOptions.builder()
        .eventSourceArn(queue.getQueueArn())
        .batchSize(1)
        .reportBatchItemFailures(true);
    if (maxConcurrency != null) {
      o.maxConcurrency(maxConcurrency);
    }
    fn.alias().addEventSourceMapping(id, o.build());
  }

  /** The JVM options every function runs with; scripts/run (the local runner) and scripts/bench use the same. */
  public static final String JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

  private Map<String, String> environment(DriftlessProps props) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("DRIFTLESS_TABLE", table.getTableName());
    env.put("DRIFTLESS_QUEUE_URL", queues.work().getQueueUrl());
    env.put("DRIFTLESS_DELAY_QUEUE_URL", queues.delay().getQueueUrl());
    env.put("DRIFTLESS_EVENT_BUS", bus.getEventBusName());
    env.put("DRIFTLESS_SECRET_PREFIX", props.secretPrefix());
    env.put("DRIFTLESS_WEBHOOK_SECRET_PREFIX", props.webhookSecretPrefix());
    env.put("DRIFTLESS_GIT_CACHE", "/tmp/driftless-git");
    env.put("DRIFTLESS_KUSTOMIZE", "/opt/bin/kustomize");
    env.put("DRIFTLESS_HELM", "/opt/bin/helm");
    env.put("DRIFTLESS_HISTORY_DAYS", Integer.toString(props.historyDays()));
    // C1 only: the JIT reaches its speed after a few hundred requests instead of thousands, and C2's compiler
    // threads stop competing with the sync for the function's one or two vCPUs (docs/benchmarks.md).
    env.put("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS);
    return env;
  }

  public Table table() {
    return table;
  }

  public WorkQueues queues() {
    return queues;
  }

  public EventBus bus() {
    return bus;
  }

  public DriftlessFunction function(FunctionKind kind) {
    return functions.get(kind);
  }

  public Monitoring monitoring() {
    return monitoring;
  }

  public Role referenceResolver() {
    return referenceResolver;
  }

  /** The webhook's Function URL (no auth: the function verifies signatures). */
  public FunctionUrl webhookUrl() {
    return webhookUrl;
  }

  /** The API's Function URL (IAM auth). */
  public FunctionUrl apiUrl() {
    return apiUrl;
  }
}
