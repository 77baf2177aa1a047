package dev.driftless.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: {@code cdk synth} / {@code cdk deploy} (run in infra/) write the template to infra/cdk.out.
 * Context ({@code -c key=value}) sets the {@link DriftlessProps}:
 * {@code secretPrefix}, {@code clusterRoleArns} (comma-separated), {@code scanRateMinutes},
 * {@code logRetentionDays}, {@code historyDays}, {@code alarmTopicArn}, {@code toolsLayer}, {@code stackName},
 * and per function ({@code sync}, {@code webhook}, {@code api}, {@code driftScan})
 * {@code <fn>.memory}, {@code <fn>.timeoutSeconds}, {@code <fn>.concurrency} ({@code none}: unreserved), and
 * {@code driftless:admins} (the API's bootstrap admins: an IAM principal ARN or glob, a comma-separated string or
 * a list), {@code driftless:healthConfig} (a local file of custom health rules, see {@link HealthConfig}), and the
 * notification targets ({@link NotificationSettings}: {@code notifySnsTopicArn}, {@code slackWorkspaceId} with
 * {@code slackChannelId}, {@code notifyWebhookUrl} with {@code notifyWebhookSecretArn} and
 * {@code notifyWebhookHeader}).
 */
public final class DriftlessApp {

  /**
   * The context key opting EKS clusters into drift events from their audit logs: {@code cluster=logGroup} pairs,
   * comma-separated ({@code -c auditLogs=prod=/aws/eks/prod/cluster}).
   */
  public static final String AUDIT_LOGS_CONTEXT = "auditLogs";

  /** The context key naming the API's bootstrap admins. */
  public static final String ADMINS_CONTEXT = "driftless:admins";

  private DriftlessApp() {}

  public static void main(String[] args) {
    App app = new App();
    Path root = DeployAssets.repoRoot(Path.of(""));
    DeployAssets assets = DeployAssets.locate(root, context(app, "toolsLayer"), DeployAssets.defaultCacheDir());
    DriftlessProps props = fromContext(app, DriftlessProps.defaults(assets.functionJars(), assets.toolsLayer()));
    String name = context(app, "stackName");
    // Every synth is checked against the AWS Solutions rules; the construct carries its reasoned suppressions.
    Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
    DriftlessStack stack = new DriftlessStack(app, name == null ? "Driftless" : name, StackProps.builder()
        .env(Environment.builder()
            .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
            .region(System.getenv("CDK_DEFAULT_REGION"))
            .build())
        .description("Driftless: serverless GitOps reconciler for Kubernetes")
        .build(), props);
    NotificationSettings notify = NotificationSettings.fromContext(app);
    if (notify.any()) {
      new Notifications(stack, "Notifications", stack.bus(), notify);
    }
    String health = context(app, HealthConfig.CONTEXT);
    if (health != null) {
      HealthConfig.attach(stack.driftless(), Path.of(health));
    }
    FeedbackSettings.fromContext(app).attach(stack.driftless());
    app.synth();
  }

  /** Applies the app's context values over {@code base}. */
  public static DriftlessProps fromContext(App app, DriftlessProps base) {
    DriftlessProps p = base;
    String v;
    if ((v = context(app, "secretPrefix")) != null) {
      p = p.withSecretPrefix(v);
    }
    if ((v = context(app, "clusterRoleArns")) != null) {
      p = p.withClusterRoleArns(Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }
    if ((v = context(app, "scanRateMinutes")) != null) {
      p = p.withScanRate(Duration.ofMinutes(number(v, "scanRateMinutes")));
    }
    if ((v = context(app, "logRetentionDays")) != null) {
      p = p.withLogRetentionDays(number(v, "logRetentionDays"));
    }
    if ((v = context(app, "historyDays")) != null) {
      p = p.withHistoryDays(number(v, "historyDays"));
    }
    if ((v = context(app, ADMINS_CONTEXT)) != null) {
      p = p.withAdmins(Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }
    if ((v = context(app, AUDIT_LOGS_CONTEXT)) != null) {
      p = p.withAuditLogs(Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty())
          .map(AuditLogSource::parse).toList());
    }
    if ((v = context(app, "alarmTopicArn")) != null) {
      p = p.withAlarmTopicArn(v);
    }
    for (FunctionKind kind : FunctionKind.values()) {
      FunctionSettings s = p.function(kind);
      String key = kind.contextKey();
      if ((v = context(app, key + ".memory")) != null) {
        s = s.withMemoryMb(number(v, key + ".memory"));
      }
      if ((v = context(app, key + ".timeoutSeconds")) != null) {
        s = s.withTimeout(Duration.ofSeconds(number(v, key + ".timeoutSeconds")));
      }
      if ((v = context(app, key + ".concurrency")) != null) {
        s = s.withReservedConcurrency(v.equals("none") ? null : number(v, key + ".concurrency"));
      }
      p = p.withFunction(kind, s);
    }
    return p;
  }

  private static String context(App app, String key) {
    Object v = app.getNode().tryGetContext(key);
    if (v == null) {
      return null;
    }
    if (v instanceof List<?> list) {
      return String.join(",", list.stream().map(String::valueOf).toList());
    }
    return String.valueOf(v);
  }

  private static int number(String v, String key) {
    try {
      return new java.math.BigDecimal(v.trim()).intValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("context " + key + "='" + v + "': not a whole number", e);
    }
  }
}
