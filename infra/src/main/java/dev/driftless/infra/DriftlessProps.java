package dev.driftless.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the stack can be told, with defaults: where the deployable jar and the tools layer are, the
 * Secrets Manager name prefix Driftless may read, the IAM roles it may assume to reach clusters, the
 * drift-scan rate, log retention, history retention, and each function's size.
 *
 * @param functionJars the directory holding the functions' shaded jars ({@code functions/target}; see FunctionKind)
 * @param toolsLayer directory holding {@code bin/kustomize} and {@code bin/helm} (see scripts/tools-layer)
 * @param secretPrefix Secrets Manager name prefix for Git credentials, cluster credentials, webhook
 *     secrets and {@code {{resolve:secretsmanager:...}}} references
 * @param clusterRoleArns roles the sync and API functions may assume to reach EKS clusters; empty: none
 * @param scanRate how often the drift scan runs
 * @param logRetentionDays CloudWatch Logs retention, one of the values CloudWatch accepts
 * @param historyDays days of sync history kept in the table (TTL)
 * @param alarmTopicArn SNS topic the alarms notify; {@code null}: alarms without actions
 * @param admins bootstrap admins of the API: IAM principal ARNs or globs that are admins whatever the access
 *     policy says ({@code DRIFTLESS_ADMINS}); empty: none, and every API call is refused until one is set
 * @param auditLogs the EKS clusters whose audit logs feed drift events (a subscription filter each, invoking the
 *     audit function); empty: none, and drift is seen by the scan only
 */
public record DriftlessProps(
    Path functionJars,
    Path toolsLayer,
    String secretPrefix,
    List<String> clusterRoleArns,
    Duration scanRate,
    int logRetentionDays,
    int historyDays,
    String alarmTopicArn,
    FunctionSettings sync,
    FunctionSettings webhook,
    FunctionSettings api,
    FunctionSettings driftScan,
    FunctionSettings audit,
    List<String> admins,
    List<AuditLogSource> auditLogs) {

  public static final String DEFAULT_SECRET_PREFIX = "driftless/";

  /** Retention values CloudWatch Logs accepts. */
  static final Set<Integer> RETENTION_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545,
      731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

  public DriftlessProps {
    Objects.requireNonNull(functionJars, "functionJars");
    Objects.requireNonNull(toolsLayer, "toolsLayer");
    Objects.requireNonNull(sync, "sync");
    Objects.requireNonNull(webhook, "webhook");
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(driftScan, "driftScan");
    Objects.requireNonNull(audit, "audit");
    auditLogs = List.copyOf(auditLogs);
    if (auditLogs.stream().map(AuditLogSource::logGroup).distinct().count() != auditLogs.size()
        || auditLogs.stream().map(AuditLogSource::cluster).distinct().count() != auditLogs.size()) {
      throw new IllegalArgumentException("auditLogs: a cluster or a log group is named twice in " + auditLogs);
    }
    if (secretPrefix == null || secretPrefix.isBlank() || !secretPrefix.matches("[A-Za-z0-9/_+=.@-]+")) {
      throw new IllegalArgumentException("secretPrefix '" + secretPrefix
          + "': must be a non-empty Secrets Manager name prefix (letters, digits, /_+=.@-)");
    }
    clusterRoleArns = List.copyOf(clusterRoleArns);
    for (String arn : clusterRoleArns) {
      if (!arn.matches("arn:aws[a-z-]*:iam::\\d{12}:role/.+")) {
        throw new IllegalArgumentException("clusterRoleArns: '" + arn + "' is not an IAM role ARN");
      }
    }
    if (scanRate == null || scanRate.toMinutes() < 1) {
      throw new IllegalArgumentException("scanRate " + scanRate + ": must be at least 1 minute");
    }
    if (!RETENTION_DAYS.contains(logRetentionDays)) {
      throw new IllegalArgumentException("logRetentionDays " + logRetentionDays + ": must be one of "
          + RETENTION_DAYS.stream().sorted().toList());
    }
    admins = List.copyOf(admins);
    for (String admin : admins) {
      if (!(admin.equals("*") || admin.startsWith("arn:")) || admin.contains(",") || admin.isBlank()) {
        throw new IllegalArgumentException("admins: '" + admin + "' is not an IAM principal ARN or glob");
      }
    }
    if (historyDays < 1) {
      throw new IllegalArgumentException("historyDays " + historyDays + ": must be >= 1");
    }
  }

  /**
   * The defaults: sync 2048 MB / 5 min / 10 concurrent (it renders with helm and kustomize and applies;
   * longer operations continue from a delayed message), webhook 1024 MB / 30 s / 10 (providers give up after
   * about 10 s), API 2048 MB / 2 min / 5 (renders for diff), drift scan 1024 MB / 2 min / 1, audit 1024 MB /
   * 1 min / 5 (a few Kubernetes reads per delivery).
   */
  public static DriftlessProps defaults(Path functionJars, Path toolsLayer) {
    return new DriftlessProps(functionJars, toolsLayer, DEFAULT_SECRET_PREFIX, List.of(), Duration.ofMinutes(5),
        30, 90, null,
        new FunctionSettings(2048, Duration.ofMinutes(5), 10),
        new FunctionSettings(1024, Duration.ofSeconds(30), 10),
        new FunctionSettings(2048, Duration.ofMinutes(2), 5),
        new FunctionSettings(1024, Duration.ofMinutes(2), 1),
        new FunctionSettings(1024, Duration.ofMinutes(1), 5), List.of(), List.of());
  }

  public DriftlessProps withSecretPrefix(String p) {
    return new DriftlessProps(functionJars, toolsLayer, p, clusterRoleArns, scanRate, logRetentionDays,
        historyDays, alarmTopicArn, sync, webhook, api, driftScan, audit, admins, auditLogs);
  }

  public DriftlessProps withClusterRoleArns(List<String> arns) {
    return new DriftlessProps(functionJars, toolsLayer, secretPrefix, arns, scanRate, logRetentionDays,
        historyDays, alarmTopicArn, sync, webhook, api, driftScan, audit, admins, auditLogs);
  }

  public DriftlessProps withScanRate(Duration rate) {
    return new DriftlessProps(functionJars, toolsLayer, secretPrefix, clusterRoleArns, rate, logRetentionDays,
        historyDays, alarmTopicArn, sync, webhook, api, driftScan, audit, admins, auditLogs);
  }

  public DriftlessProps withLogRetentionDays(int days) {
    return new DriftlessProps(functionJars, toolsLayer, secretPrefix, clusterRoleArns, scanRate, days,
        historyDays, alarmTopicArn, sync, webhook, api, driftScan, audit, admins, auditLogs);
  }

  public DriftlessProps withHistoryDays(int days) {
    return new DriftlessProps(functionJars, toolsLayer, secretPrefix, clusterRoleArns, scanRate, logRetentionDays,
        days, alarmTopicArn, sync, webhook, api, driftScan, audit, admins, auditLogs);
  }

  public DriftlessProps withAlarmTopicArn(String arn) {
    return new DriftlessProps(functionJars, toolsLayer, secretPrefix, clusterRoleArns, scanRate, logRetentionDays,
        historyDays, arn, sync, webhook, api, driftScan, audit, admins, auditLogs);
  }

  public DriftlessProps withFunction(FunctionKind kind, FunctionSettings s) {
    return new DriftlessProps(functionJars, toolsLayer, secretPrefix, clusterRoleArns, scanRate, logRetentionDays,
        historyDays, alarmTopicArn,
        kind == FunctionKind.SYNC ? s : sync, kind == FunctionKind.WEBHOOK ? s : webhook, kind == FunctionKind.API ? s : api,
        kind == FunctionKind.DRIFT_SCAN ? s : driftScan, kind == FunctionKind.AUDIT ? s : audit, admins, auditLogs);
  }

  public DriftlessProps withAdmins(List<String> principals) {
    return new DriftlessProps(functionJars, toolsLayer, secretPrefix, clusterRoleArns, scanRate, logRetentionDays,
        historyDays, alarmTopicArn, sync, webhook, api, driftScan, audit, principals, auditLogs);
  }

  public DriftlessProps withAuditLogs(List<AuditLogSource> sources) {
    return new DriftlessProps(functionJars, toolsLayer, secretPrefix, clusterRoleArns, scanRate, logRetentionDays,
        historyDays, alarmTopicArn, sync, webhook, api, driftScan, audit, admins, sources);
  }

  public FunctionSettings function(FunctionKind kind) {
    return switch (kind) {
      case SYNC -> sync;
      case WEBHOOK -> webhook;
      case API -> api;
      case DRIFT_SCAN -> driftScan;
      case AUDIT -> audit;
    };
  }

  /** Secrets Manager name prefix of webhook secrets: {@code <prefix>webhooks/<normalized repo>}. */
  public String webhookSecretPrefix() {
    return secretPrefix + "webhooks/";
  }

  /** Where cluster tokens and kubeconfigs live. */
  public String clusterSecretPrefix() {
    return secretPrefix + "clusters/";
  }

  /** Where Git credentials live. */
  public String gitSecretPrefix() {
    return secretPrefix + "git/";
  }

  /** Where forge API tokens for commit statuses live. */
  public String providerSecretPrefix() {
    return secretPrefix + "providers/";
  }

  /** The only secrets that references in manifests may name. */
  public String referencePrefix() {
    return secretPrefix + "refs/";
  }
}
