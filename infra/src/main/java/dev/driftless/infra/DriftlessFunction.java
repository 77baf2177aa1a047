package dev.driftless.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.ILayerVersion;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * One Driftless function: its own IAM role (no managed policies; its log group and nothing else until the
 * stack grants more), its own log group with the configured retention, the function itself, and the
 * {@code live} alias on the published version that SnapStart snapshots. Triggers point at the alias, so
 * they always reach a snapshotted version.
 */
public final class DriftlessFunction extends Construct {

  /**
   * java21: the java17 runtime runs on Amazon Linux 2, whose Lambda runtimes were deprecated on 30 June 2026;
   * java21 (Amazon Linux 2023, supported until June 2029) runs the release-17 bytecode unchanged and supports
   * SnapStart.
   */
  public static final Runtime RUNTIME = Runtime.JAVA_21;
  public static final Architecture ARCHITECTURE = Architecture.X86_64;
  public static final String ALIAS = "live";

  private final FunctionKind kind;
  private final Role role;
  private final LogGroup logGroup;
  private final Function function;
  private final Alias alias;

  public DriftlessFunction(Construct scope, FunctionKind kind, FunctionSettings settings, Code code,
      List<ILayerVersion> layers, Map<String, String> environment, int logRetentionDays) {
    super(scope, kind.id());
    this.kind = kind;
    role = Role.Builder.create(this, "Role")
        .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
        .description("Driftless " + kind.id() + " function")
        .build();
    logGroup = LogGroup.Builder.create(this, "Logs")
        .retention(RetentionDays.ONE_MONTH)
        .removalPolicy(RemovalPolicy.DESTROY)
        .build();
    ((CfnLogGroup) logGroup.getNode().getDefaultChild()).setRetentionInDays(logRetentionDays);
    role.addToPolicy(PolicyStatement.Builder.create()
        .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
        .resources(List.of(logGroup.getLogGroupArn()))
        .build());

    Function.Builder b = Function.Builder.create(this, "Function")
        .description("Driftless " + kind.id())
        .runtime(RUNTIME)
        .architecture(ARCHITECTURE)
        .handler(kind.handler())
        .code(code)
        .memorySize(settings.memoryMb())
        .timeout(Duration.seconds(settings.timeout().toSeconds()))
        .role(role)
        .logGroup(logGroup)
        .environment(environment)
        .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
        .layers(layers);
    if (settings.reservedConcurrency() != null) {
      b.reservedConcurrentExecutions(settings.reservedConcurrency());
    }
    function = b.build();
    Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
        "The live alias below publishes the version SnapStart snapshots; every trigger points at the alias.");
    alias = Alias.Builder.create(this, "Alias").aliasName(ALIAS).version(function.getCurrentVersion()).build();
  }

  public FunctionKind kind() {
    return kind;
  }

  public Role role() {
    return role;
  }

  public LogGroup logGroup() {
    return logGroup;
  }

  public Function function() {
    return function;
  }

  /** The alias every trigger points at. */
  public Alias alias() {
    return alias;
  }
}
