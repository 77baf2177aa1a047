package dev.driftless.infra;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One EKS cluster whose audit log feeds Driftless's drift events (opt-in per cluster): the name the cluster is
 * registered under in Driftless, and the CloudWatch Logs group its control plane writes the audit log type to
 * ({@code /aws/eks/<eks cluster name>/cluster}, with audit logging enabled on the cluster).
 */
public record AuditLogSource(String cluster, String logGroup) {

  private static final Pattern CLUSTER = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern LOG_GROUP = Pattern.compile("[A-Za-z0-9._/#-]{1,512}");

  public AuditLogSource {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(logGroup, "logGroup");
    if (!CLUSTER.matcher(cluster).matches()) {
      throw new IllegalArgumentException("auditLogs: cluster '" + cluster + "' is not a cluster name (a DNS label)");
    }
    if (!LOG_GROUP.matcher(logGroup).matches()) {
      throw new IllegalArgumentException("auditLogs: log group '" + logGroup + "' of cluster " + cluster
          + " is not a CloudWatch Logs group name");
    }
  }

  /** Parses {@code cluster=logGroup}, as the {@code auditLogs} context lists them. */
  public static AuditLogSource parse(String entry) {
    String[] kv = entry.strip().split("=", 2);
    if (kv.length != 2) {
      throw new IllegalArgumentException("auditLogs: '" + entry + "' is not cluster=logGroup");
    }
    return new AuditLogSource(kv[0].strip(), kv[1].strip());
  }
}
