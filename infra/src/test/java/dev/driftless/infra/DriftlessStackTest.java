package dev.driftless.infra;

import static dev.driftless.infra.TemplateView.Statement.allow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.infra.TemplateView.Statement;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

class DriftlessStackTest {

  private static DriftlessStack stack;
  private static Template template;
  private static TemplateView view;

  @BeforeAll
  static void synth() {
    stack = TestAssets.stack(TestAssets.app(), p -> p);
    template = Template.fromStack(stack);
    view = new TemplateView(template.toJSON());
  }

  private static String id(IConstruct c) {
    return logicalId(stack, c);
  }

  /** The logical id as synthesized (an overridden one included). */
  private static String logicalId(Stack in, IConstruct c) {
    return (String) in.resolve(((CfnElement) c.getNode().getDefaultChild()).getLogicalId());
  }

  private static String arnOf(IConstruct c) {
    return "GetAtt:" + id(c) + ".Arn";
  }

  private static DriftlessFunction fn(FunctionKind k) {
    return stack.function(k);
  }

  @Test
  void stateTableIsOneOnDemandTableKeyedByPkAndSkWithTtlAndPointInTimeRecoveryAndRetained() {
    template.resourceCountIs("AWS::DynamoDB::Table", 1);
    assertThat(view.ofType("AWS::DynamoDB::Table")).as("the logical id deployed stacks already have")
        .containsOnlyKeys(DriftlessStack.TABLE_LOGICAL_ID);
    template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
        "KeySchema", List.of(
            Map.of("AttributeName", "pk", "KeyType", "HASH"),
            Map.of("AttributeName", "sk", "KeyType", "RANGE")),
        "BillingMode", "PAY_PER_REQUEST",
        "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true),
        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true)));
    template.hasResource("AWS::DynamoDB::Table", Map.of("DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain"));
  }

  @Test
  void workQueueIsFifoAndDelayQueueIsStandardEachWithItsOwnBoundedDeadLetterQueue() {
    template.resourceCountIs("AWS::SQS::Queue", 4);
    Map<String, Object> work = TemplateView.props(view.ofType("AWS::SQS::Queue").get(id(stack.queues().work())));
    assertThat(work).containsEntry("FifoQueue", true).containsEntry("ContentBasedDeduplication", false)
        .containsEntry("VisibilityTimeout", 1800)
        .containsEntry("RedrivePolicy", Map.of("deadLetterTargetArn", Map.of("Fn::GetAtt",
            List.of(id(stack.queues().workDeadLetters()), "Arn")), "maxReceiveCount", 5));
    Map<String, Object> delay = TemplateView.props(view.ofType("AWS::SQS::Queue").get(id(stack.queues().delay())));
    assertThat(delay).doesNotContainKey("FifoQueue").containsEntry("VisibilityTimeout", 1800)
        .containsEntry("RedrivePolicy", Map.of("deadLetterTargetArn", Map.of("Fn::GetAtt",
            List.of(id(stack.queues().delayDeadLetters()), "Arn")), "maxReceiveCount", 5));
    assertThat(TemplateView.props(view.ofType("AWS::SQS::Queue").get(id(stack.queues().workDeadLetters()))))
        .containsEntry("FifoQueue", true);
    view.ofType("AWS::SQS::Queue").values().forEach(q ->
        assertThat(TemplateView.props(q)).containsEntry("SqsManagedSseEnabled", true));
  }

  @Test
  void synthesisLeavesNoWarnings() {
    Annotations.fromStack(stack).hasNoWarning("*", Match.anyValue());
    Annotations.fromStack(stack).hasNoError("*", Match.anyValue());
  }

  @Test
  void theAdminsContextReachesTheApiFunctionsEnvironmentAsAList() {
    App app = TestAssets.app();
    app.getNode().setContext(DriftlessApp.ADMINS_CONTEXT, List.of("arn:aws:iam::123456789012:role/platform-*",
        "arn:aws:iam::123456789012:user/ops"));
    DriftlessStack s = new DriftlessStack(app, "Admins", StackProps.builder().build(),
        DriftlessApp.fromContext(app, TestAssets.props()));
    Template.fromStack(s).hasResourceProperties("AWS::Lambda::Function", Map.of(
        "Handler", FunctionKind.API.handler(), "Environment", Map.of("Variables", Match.objectLike(Map.of(
            Driftless.ADMINS, "arn:aws:iam::123456789012:role/platform-*,arn:aws:iam::123456789012:user/ops")))));
    Annotations.fromStack(s).hasNoWarning("*", Match.anyValue());
  }

  @Test
  void withoutAnAdminSynthesisWarnsThatEveryApiCallWillBeRefused() {
    DriftlessStack s = TestAssets.stack(TestAssets.app(), p -> p.withAdmins(List.of()));
    Annotations.fromStack(s).hasWarning("*", Match.stringLikeRegexp("No bootstrap admin: every API call will be "
        + "refused until one is set.*driftless:admins.*"));
    Template.fromStack(s).hasResourceProperties("AWS::Lambda::Function", Map.of(
        "Handler", FunctionKind.API.handler(), "Environment", Map.of("Variables", Match.objectLike(Map.of(
            Driftless.ADMINS, "")))));
  }

  @Test
  void eventBusIsNamedDriftless() {
    template.resourceCountIs("AWS::Events::EventBus", 1);
    template.hasResourceProperties("AWS::Events::EventBus", Map.of("Name", "driftless"));
  }

  @Test
  void eachFunctionDeploysTheJarOfItsFamilyTheWebhookAndScanWithoutTheEngines() {
    Map<FunctionKind, Object> code = new EnumMap<>(FunctionKind.class);
    for (FunctionKind k : FunctionKind.values()) {
      code.put(k, TemplateView.props(view.ofType("AWS::Lambda::Function").get(id(fn(k).function()))).get("Code"));
    }
    assertThat(code.get(FunctionKind.API)).isEqualTo(code.get(FunctionKind.SYNC));
    assertThat(List.of(code.get(FunctionKind.SYNC), code.get(FunctionKind.WEBHOOK), code.get(FunctionKind.DRIFT_SCAN)))
        .doesNotHaveDuplicates();
  }

  @Test
  void fiveJava21X86FunctionsWithSnapStartTheirHandlersAndDefaultSizes() {
    template.resourceCountIs("AWS::Lambda::Function", 5);
    Map<FunctionKind, List<Object>> expected = Map.of(
        FunctionKind.SYNC, List.of(2048, 300, 10),
        FunctionKind.WEBHOOK, List.of(1024, 30, 10),
        FunctionKind.API, List.of(2048, 120, 5),
        FunctionKind.DRIFT_SCAN, List.of(1024, 120, 1),
        FunctionKind.AUDIT, List.of(1024, 60, 5));
    for (FunctionKind k : FunctionKind.values()) {
      Map<String, Object> p = TemplateView.props(view.ofType("AWS::Lambda::Function").get(id(fn(k).function())));
      assertThat(p).as(k.name())
          .containsEntry("Runtime", "java21")
          .containsEntry("Architectures", List.of("x86_64"))
          .containsEntry("Handler", k.handler())
          .containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions"))
          .containsEntry("MemorySize", expected.get(k).get(0))
          .containsEntry("Timeout", expected.get(k).get(1))
          .containsEntry("ReservedConcurrentExecutions", expected.get(k).get(2))
          .containsEntry("Role", Map.of("Fn::GetAtt", List.of(id(fn(k).role()), "Arn")))
          .containsEntry("LoggingConfig", Map.of("LogGroup", Map.of("Ref", id(fn(k).logGroup()))));
      assertThat(p.containsKey("Layers")).as(k + " has the tools layer").isEqualTo(k.needsTools());
    }
    template.resourceCountIs("AWS::Lambda::LayerVersion", 1);
    template.hasResourceProperties("AWS::Lambda::LayerVersion", Map.of(
        "CompatibleRuntimes", List.of("java21"), "CompatibleArchitectures", List.of("x86_64")));
  }

  @Test
  void everyFunctionGetsTheEnvironmentTheHandlersRead() {
    for (FunctionKind k : FunctionKind.values()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> vars = (Map<String, Object>) ((Map<String, Object>) TemplateView.props(
          view.ofType("AWS::Lambda::Function").get(id(fn(k).function()))).get("Environment")).get("Variables");
      List<String> keys = new java.util.ArrayList<>(List.of("DRIFTLESS_TABLE", "DRIFTLESS_QUEUE_URL",
          "DRIFTLESS_DELAY_QUEUE_URL", "DRIFTLESS_EVENT_BUS", "DRIFTLESS_SECRET_PREFIX",
          "DRIFTLESS_WEBHOOK_SECRET_PREFIX", "DRIFTLESS_GIT_CACHE", "DRIFTLESS_KUSTOMIZE", "DRIFTLESS_HELM",
          "DRIFTLESS_HISTORY_DAYS", "JAVA_TOOL_OPTIONS"));
      if (k == FunctionKind.SYNC || k == FunctionKind.API) keys.add(Driftless.RESOLVER_ROLE_ARN);
      if (k == FunctionKind.API) keys.add(Driftless.ADMINS);
      if (k == FunctionKind.AUDIT) keys.add(Driftless.AUDIT_LOG_GROUPS);
      if (k == FunctionKind.DRIFT_SCAN) keys.add(Driftless.SCAN_MINUTES);
      assertThat(vars).as(k.name()).containsOnlyKeys(keys.toArray(String[]::new))
          .containsEntry("DRIFTLESS_SECRET_PREFIX", "driftless/")
          .containsEntry("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1")
          .containsEntry("DRIFTLESS_TABLE", Map.of("Ref", id(stack.table())))
          .containsEntry("DRIFTLESS_QUEUE_URL", Map.of("Ref", id(stack.queues().work())))
          .containsEntry("DRIFTLESS_DELAY_QUEUE_URL", Map.of("Ref", id(stack.queues().delay())))
          .containsEntry("DRIFTLESS_EVENT_BUS", Map.of("Ref", id(stack.bus())))
          .containsEntry("DRIFTLESS_WEBHOOK_SECRET_PREFIX", "driftless/webhooks/")
          .containsEntry("DRIFTLESS_GIT_CACHE", "/tmp/driftless-git")
          .containsEntry("DRIFTLESS_KUSTOMIZE", "/opt/bin/kustomize")
          .containsEntry("DRIFTLESS_HELM", "/opt/bin/helm")
          .containsEntry("DRIFTLESS_HISTORY_DAYS", "90");
    }
  }

  @Test
  void triggersPointAtTheLiveAliasOfThePublishedVersion() {
    template.resourceCountIs("AWS::Lambda::Alias", 5);
    template.resourceCountIs("AWS::Lambda::Version", 5);
    template.hasResourceProperties("AWS::Lambda::Alias", Map.of("Name", "live"));

    // Event sources name the alias as <function name>:live, the name taken from the alias ARN.
    String syncAlias = id(fn(FunctionKind.SYNC).alias());
    template.resourceCountIs("AWS::Lambda::EventSourceMapping", 2);
    var mappings = view.ofType("AWS::Lambda::EventSourceMapping").values().stream().map(TemplateView::props).toList();
    assertThat(mappings).hasSize(2).allSatisfy(m -> assertThat(m)
        .containsEntry("BatchSize", 1)
        .containsEntry("FunctionResponseTypes", List.of("ReportBatchItemFailures"))
        .satisfies(x -> assertThat(TemplateView.render(x.get("FunctionName"))).contains("Ref=" + syncAlias).endsWith(":live")));
    assertThat(mappings).anySatisfy(m -> assertThat(m)
        .containsEntry("EventSourceArn", Map.of("Fn::GetAtt", List.of(id(stack.queues().work()), "Arn")))
        .containsEntry("ScalingConfig", Map.of("MaximumConcurrency", 8)));
    assertThat(mappings).anySatisfy(m -> assertThat(m)
        .containsEntry("EventSourceArn", Map.of("Fn::GetAtt", List.of(id(stack.queues().delay()), "Arn")))
        .containsEntry("ScalingConfig", Map.of("MaximumConcurrency", 2)));

    template.resourceCountIs("AWS::Lambda::Url", 2);
    template.hasResourceProperties("AWS::Lambda::Url", Map.of("AuthType", "NONE", "Qualifier", "live",
        "TargetFunctionArn", Map.of("Fn::GetAtt", List.of(id(fn(FunctionKind.WEBHOOK).function()), "Arn"))));
    template.hasResourceProperties("AWS::Lambda::Url", Map.of("AuthType", "AWS_IAM", "Qualifier", "live",
        "TargetFunctionArn", Map.of("Fn::GetAtt", List.of(id(fn(FunctionKind.API).function()), "Arn"))));
    template.hasOutput("WebhookUrl", Map.of("Value", Match.objectLike(Map.of("Fn::GetAtt",
        Match.arrayWith(List.of("FunctionUrl"))))));
    template.hasOutput("ApiUrl", Match.objectLike(Map.of()));
    template.hasOutput("SyncRoleArn", Map.of("Value", Map.of("Fn::GetAtt",
        List.of(id(fn(FunctionKind.SYNC).role()), "Arn"))));

    template.resourceCountIs("AWS::Events::Rule", 2);
    template.hasResourceProperties("AWS::Events::Rule", Map.of(
        "ScheduleExpression", "rate(5 minutes)",
        "State", "ENABLED",
        "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Ref", id(fn(FunctionKind.DRIFT_SCAN).alias())))))));
    // The crash check: the same function every minute, told by the event's source to continue crashed passes only.
    template.hasResourceProperties("AWS::Events::Rule", Map.of(
        "ScheduleExpression", "rate(1 minute)",
        "State", "ENABLED",
        "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Ref", id(fn(FunctionKind.DRIFT_SCAN).alias())),
            "Input", "{\"source\":\"driftless.crash-check\"}")))));
    template.hasResourceProperties("AWS::Lambda::Permission", Map.of(
        "Action", "lambda:InvokeFunction", "Principal", "events.amazonaws.com",
        "FunctionName", Map.of("Ref", id(fn(FunctionKind.DRIFT_SCAN).alias()))));
  }

  @Test
  void logGroupsKeepTheConfiguredRetention() {
    template.resourceCountIs("AWS::Logs::LogGroup", 5);
    view.ofType("AWS::Logs::LogGroup").values().forEach(g ->
        assertThat(TemplateView.props(g)).containsEntry("RetentionInDays", 30));
    Template t = TestAssets.template(p -> p.withLogRetentionDays(90));
    new TemplateView(t.toJSON()).ofType("AWS::Logs::LogGroup").values().forEach(g ->
        assertThat(TemplateView.props(g)).containsEntry("RetentionInDays", 90));
  }

  @Test
  void propsOverrideScheduleSizesAndConcurrency() {
    Template t = TestAssets.template(p -> p.withScanRate(Duration.ofMinutes(15))
        .withFunction(FunctionKind.SYNC, p.sync().withMemoryMb(3008).withTimeout(Duration.ofMinutes(10))
            .withReservedConcurrency(null))
        .withFunction(FunctionKind.WEBHOOK, p.webhook().withReservedConcurrency(3)));
    t.hasResourceProperties("AWS::Events::Rule", Map.of("ScheduleExpression", "rate(15 minutes)"));
    t.hasResourceProperties("AWS::Lambda::Function", Map.of(
        "Handler", FunctionKind.SYNC.handler(), "MemorySize", 3008, "Timeout", 600,
        "ReservedConcurrentExecutions", Match.absent()));
    t.hasResourceProperties("AWS::Lambda::Function", Map.of(
        "Handler", FunctionKind.WEBHOOK.handler(), "ReservedConcurrentExecutions", 3));
    // Unreserved sync function: the pollers are not capped, and visibility follows the longer timeout.
    t.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of("ScalingConfig", Match.absent()));
    t.hasResourceProperties("AWS::SQS::Queue", Map.of("FifoQueue", true, "VisibilityTimeout", 3600));
  }

  @Test
  void syncRoleMayUseTheTableBothQueuesTheBusClusterGitAndForgeCredentialsAndTheResolverRoleOnly() {
    DriftlessFunction f = fn(FunctionKind.SYNC);
    assertThat(view.statementsOfRole(id(f.role()))).containsExactlyInAnyOrderElementsOf(List.of(
        logs(f),
        allow(Set.copyOf(Access.TABLE_WRITE), arnOf(stack.table())),
        // Consuming both queues and sending to both (a cluster scan's reconciles, continuations): one statement.
        allow(Stream.concat(Access.QUEUE_CONSUME.stream(), Stream.of("sqs:SendMessage")).collect(Collectors.toSet()),
            arnOf(stack.queues().work()), arnOf(stack.queues().delay())),
        allow(Set.of("events:PutEvents"), arnOf(stack.bus())),
        allow(Set.of("secretsmanager:GetSecretValue"), secretArn("driftless/clusters/"), secretArn("driftless/git/"),
            secretArn("driftless/providers/")),
        allow(Set.of("sts:AssumeRole"), arnOf(stack.referenceResolver()))));
  }

  @Test
  void apiRoleMayUseTheTableEnqueueWorkReadClusterAndGitCredentialsAndAssumeTheResolverRoleOnly() {
    DriftlessFunction f = fn(FunctionKind.API);
    assertThat(view.statementsOfRole(id(f.role()))).containsExactlyInAnyOrderElementsOf(List.of(
        logs(f),
        allow(Set.copyOf(Access.TABLE_WRITE), arnOf(stack.table())),
        allow(Set.of("sqs:SendMessage"), arnOf(stack.queues().work())),
        allow(Set.of("secretsmanager:GetSecretValue"), secretArn("driftless/clusters/"), secretArn("driftless/git/")),
        allow(Set.of("sts:AssumeRole"), arnOf(stack.referenceResolver()))));
  }

  @Test
  void onlyTheReferenceResolverRoleReadsReferencedSecretsAndNoFunctionRoleCanReadThem() {
    assertThat(view.statementsOfRole(id(stack.referenceResolver()))).containsExactlyInAnyOrder(
        allow(Set.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"), secretArn("driftless/refs/")),
        allow(Set.of("secretsmanager:BatchGetSecretValue"), "*"));
    for (FunctionKind k : FunctionKind.values()) {
      assertThat(view.statementsOfRole(id(fn(k).role()))).as(k.name())
          .noneMatch(st -> st.resources().contains(secretArn("driftless/refs/"))
              || st.resources().contains(secretArn("driftless/")) || st.resources().contains("*"));
    }
    Object trust = TemplateView.props(view.ofType("AWS::IAM::Role").get(id(stack.referenceResolver())))
        .get("AssumeRolePolicyDocument");
    assertThat(trust.toString()).as("trusted by the sync and API roles only")
        .contains(id(fn(FunctionKind.SYNC).role()), id(fn(FunctionKind.API).role()))
        .doesNotContain(id(fn(FunctionKind.WEBHOOK).role()), id(fn(FunctionKind.DRIFT_SCAN).role()), "Service");
    for (FunctionKind k : List.of(FunctionKind.SYNC, FunctionKind.API)) {
      template.hasResourceProperties("AWS::Lambda::Function", Map.of("Handler", k.handler(), "Environment",
          Map.of("Variables", Match.objectLike(Map.of(Driftless.RESOLVER_ROLE_ARN,
              Map.of("Fn::GetAtt", List.of(id(stack.referenceResolver()), "Arn")),
              "DRIFTLESS_SECRET_PREFIX", "driftless/")))));
    }
  }

  @Test
  void webhookRoleMayReadWebhookSecretsRecordDeliveriesAndEnqueueWorkOnly() {
    DriftlessFunction f = fn(FunctionKind.WEBHOOK);
    assertThat(view.statementsOfRole(id(f.role()))).containsExactlyInAnyOrderElementsOf(List.of(
        logs(f),
        allow(Set.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem"), arnOf(stack.table())),
        allow(Set.of("sqs:SendMessage"), arnOf(stack.queues().work())),
        allow(Set.of("secretsmanager:GetSecretValue"), secretArn("driftless/webhooks/"))));
  }

  @Test
  void auditRoleMayReadTheTableEnqueueWorkAndReadClusterCredentialsOnly() {
    DriftlessFunction f = fn(FunctionKind.AUDIT);
    assertThat(view.statementsOfRole(id(f.role()))).containsExactlyInAnyOrderElementsOf(List.of(
        logs(f),
        allow(Set.of("dynamodb:GetItem", "dynamodb:Query"), arnOf(stack.table())),
        allow(Set.of("sqs:SendMessage"), arnOf(stack.queues().work())),
        allow(Set.of("secretsmanager:GetSecretValue"), secretArn("driftless/clusters/"))));
  }

  @Test
  void theDriftScanSpreadsItsMessagesOverTheScheduleItRunsAt() {
    template.hasResourceProperties("AWS::Lambda::Function", Map.of("Handler", FunctionKind.DRIFT_SCAN.handler(),
        "Environment", Map.of("Variables", Match.objectLike(Map.of(Driftless.SCAN_MINUTES, "5")))));
  }

  @Test
  void withoutAuditLogsNoSubscriptionIsMadeAndTheAuditFunctionMapsNoLogGroup() {
    template.resourceCountIs("AWS::Logs::SubscriptionFilter", 0);
    template.hasResourceProperties("AWS::Lambda::Function", Map.of("Handler", FunctionKind.AUDIT.handler(),
        "Environment", Map.of("Variables", Match.objectLike(Map.of(Driftless.AUDIT_LOG_GROUPS, "{}")))));
  }

  @Test
  void eachOptedInClustersAuditLogGroupInvokesTheAuditFunctionWithOnlyCompletedWrites() {
    Template t = TestAssets.template(p -> p.withAuditLogs(List.of(
        new AuditLogSource("prod-eu", "/aws/eks/prod-eu/cluster"), new AuditLogSource("stage", "/aws/eks/stage/cluster"))));
    TemplateView v = new TemplateView(t.toJSON());
    t.resourceCountIs("AWS::Logs::SubscriptionFilter", 2);
    for (String group : List.of("/aws/eks/prod-eu/cluster", "/aws/eks/stage/cluster")) {
      t.hasResourceProperties("AWS::Logs::SubscriptionFilter", Map.of("LogGroupName", group,
          "FilterPattern", Driftless.AUDIT_FILTER));
      // CloudWatch Logs may invoke the function's live alias for that log group only.
      assertThat(v.ofType("AWS::Lambda::Permission").values().stream().map(TemplateView::props)
          .filter(p -> "logs.amazonaws.com".equals(p.get("Principal"))).map(TemplateView::render).toList())
          .anySatisfy(p -> assertThat(p).contains("log-group:" + group + ":*").contains("FunctionName={Ref=DriftlessAuditAlias"));
    }
    assertThat(v.ofType("AWS::Lambda::Permission").values().stream().map(TemplateView::props)
        .filter(p -> "logs.amazonaws.com".equals(p.get("Principal")))).hasSize(2);
    t.hasResourceProperties("AWS::Lambda::Function", Map.of("Handler", FunctionKind.AUDIT.handler(),
        "Environment", Map.of("Variables", Match.objectLike(Map.of(Driftless.AUDIT_LOG_GROUPS,
            "{\"/aws/eks/prod-eu/cluster\":\"prod-eu\",\"/aws/eks/stage/cluster\":\"stage\"}")))));
  }

  @Test
  void driftScanRoleMayReadTheTableIndexApplicationsByClusterAndEnqueueWorkOnly() {
    DriftlessFunction f = fn(FunctionKind.DRIFT_SCAN);
    assertThat(view.statementsOfRole(id(f.role()))).containsExactlyInAnyOrderElementsOf(List.of(
        logs(f),
        allow(Set.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:ConditionCheckItem"),
            arnOf(stack.table())),
        allow(Set.of("sqs:SendMessage"), arnOf(stack.queues().work()), arnOf(stack.queues().delay()))));
  }

  @Test
  void clusterRolesAndSecretPrefixFromPropsScopeAssumeRoleAndSecretsOfSyncAndApi() {
    String r1 = "arn:aws:iam::123456789012:role/driftless-prod";
    String r2 = "arn:aws:iam::210987654321:role/driftless-stage";
    DriftlessStack s = TestAssets.stack(TestAssets.app(), p -> p.withClusterRoleArns(List.of(r1, r2))
        .withSecretPrefix("acme/gitops/"));
    TemplateView v = new TemplateView(Template.fromStack(s).toJSON());
    String prefixArn = "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:acme/gitops/clusters/*";
    for (FunctionKind k : List.of(FunctionKind.SYNC, FunctionKind.API)) {
      Set<Statement> st = v.statementsOfRole(logicalId(s, s.function(k).role()));
      assertThat(st).as(k.name())
          .anyMatch(x -> x.actions().equals(Set.of("sts:AssumeRole")) && x.resources().containsAll(Set.of(r1, r2)))
          .anyMatch(x -> x.actions().contains("secretsmanager:GetSecretValue") && x.resources().contains(prefixArn));
    }
    for (FunctionKind k : List.of(FunctionKind.WEBHOOK, FunctionKind.DRIFT_SCAN)) {
      Set<Statement> st = v.statementsOfRole(logicalId(s, s.function(k).role()));
      assertThat(st).as(k.name()).noneMatch(x -> x.actions().contains("sts:AssumeRole"));
    }
    // Without cluster roles no function may assume any role but the reference resolver.
    for (FunctionKind k : FunctionKind.values()) {
      assertThat(view.statementsOfRole(id(fn(k).role()))).noneMatch(x -> x.actions().contains("sts:AssumeRole")
          && !x.resources().equals(Set.of(arnOf(stack.referenceResolver()))));
    }
  }

  @Test
  void alarmsOnFunctionErrorsDeadLetterDepthAndFailedSyncs() {
    template.resourceCountIs("AWS::CloudWatch::Alarm", 8);
    for (FunctionKind k : FunctionKind.values()) {
      template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
          "MetricName", "Errors", "Namespace", "AWS/Lambda", "Threshold", 1,
          "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", Map.of("Ref", id(fn(k).function()))))));
    }
    for (var dlq : List.of(stack.queues().workDeadLetters(), stack.queues().delayDeadLetters())) {
      template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
          "MetricName", "ApproximateNumberOfMessagesVisible", "Namespace", "AWS/SQS", "Threshold", 1,
          "Dimensions", List.of(Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt", List.of(id(dlq), "QueueName"))))));
    }
    template.resourceCountIs("AWS::Logs::MetricFilter", 0);
    template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
        "MetricName", "Syncs", "Namespace", "Driftless", "Statistic", "Sum", "Threshold", 1,
        "Dimensions", List.of(Map.of("Name", "Result", "Value", "failed"))));
    template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("AlarmActions", Match.absent()));
  }

  @Test
  void theDashboardDrawsEveryMetricTheFunctionsEmit() {
    var dashboards = new TemplateView(template.toJSON()).ofType("AWS::CloudWatch::Dashboard").values();
    assertThat(dashboards).hasSize(1);
    String body = String.valueOf(TemplateView.props(dashboards.iterator().next()).get("DashboardBody"));
    assertThat(body).contains("{Driftless,Result} MetricName=", "Syncs", "SyncDuration", "DriftDetected",
        "AppsOutOfSync", "AppsDegraded", "{Driftless,Provider,Outcome} MetricName=", "WebhookDeliveries",
        "QueueAge", "ApproximateNumberOfMessagesVisible", "Errors");
  }

  @Test
  void alarmTopicFromPropsReceivesEveryAlarm() {
    String topic = "arn:aws:sns:eu-west-1:123456789012:ops";
    TemplateView v = new TemplateView(TestAssets.template(p -> p.withAlarmTopicArn(topic)).toJSON());
    assertThat(v.ofType("AWS::CloudWatch::Alarm").values()).hasSize(8)
        .allSatisfy(a -> assertThat(TemplateView.props(a)).containsEntry("AlarmActions", List.of(topic)));
  }

  private static Statement logs(DriftlessFunction f) {
    return allow(Set.of("logs:CreateLogStream", "logs:PutLogEvents"), arnOf(f.logGroup()));
  }

  private static String secretArn(String prefix) {
    return "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:" + prefix + "*";
  }
}
