package dev.driftless.cluster;

import dev.driftless.secrets.SecretLayout;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a cluster's credential may go, checked at registration and again before every client is built (a stored
 * registration may predate these rules): its secret lives under the layout's {@code clusters/}; tokens, EKS
 * tokens and client certificates travel only over TLS; an EKS registration names a region, a valid EKS cluster
 * name, an EKS endpoint in that region and, when given, an IAM role ARN. Every refusal names the field.
 */
public final class ClusterRules {

  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
  private static final Pattern EKS_NAME = Pattern.compile("[0-9A-Za-z][A-Za-z0-9_-]{0,99}");
  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws(-cn|-us-gov)?:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
  private static final Pattern EKS_ENDPOINT = Pattern.compile(
      "https://[0-9a-f]{32}\\.[a-z0-9]{2,4}\\.([a-z]{2}(?:-[a-z]+)+-\\d+)\\.eks\\.amazonaws\\.com(\\.cn)?(:443)?/?");

  private ClusterRules() {}

  /** Refuses a registration whose credential could go somewhere it should not. */
  public static void check(ClusterRegistration reg, SecretLayout layout) {
    String what = "cluster " + reg.name();
    if (reg.auth() != ClusterRegistration.Auth.EKS && !SecretLayout.isUnder(layout.clusters(), reg.secretId())) {
      throw new ClusterRefusedException(what + ": secretId " + reg.secretId() + " is not under "
          + layout.clusters() + " (cluster credentials live there and only there)");
    }
    if (reg.server() != null) checkServer(what + ": server", reg.server());
    if (reg.region() != null && !REGION.matcher(reg.region()).matches()) {
      throw new ClusterRefusedException(what + ": region must be an AWS region such as eu-west-1, not "
          + reg.region());
    }
    if (reg.roleArn() != null && !ROLE_ARN.matcher(reg.roleArn()).matches()) {
      throw new ClusterRefusedException(what + ": roleArn must be an IAM role ARN "
          + "(arn:aws:iam::<account>:role/<name>)");
    }
    if (reg.auth() == ClusterRegistration.Auth.EKS) checkEks(what, reg);
  }

  /** Refuses a server URL that is not {@code https://host[:port][/path]}: a credential never travels in clear. */
  public static void checkServer(String what, String server) {
    try {
      URI u = new URI(server);
      if ("https".equalsIgnoreCase(u.getScheme()) && u.getHost() != null && u.getRawUserInfo() == null
          && u.getRawQuery() == null && u.getRawFragment() == null) {
        return;
      }
    } catch (URISyntaxException e) {
      // Refused below.
    }
    throw new ClusterRefusedException(what + " must be an https:// URL of the API server (credentials are sent "
        + "only over TLS), not " + server);
  }

  private static void checkEks(String what, ClusterRegistration reg) {
    String region = reg.region();
    if (region == null) {
      throw new ClusterRefusedException(what + ": region is required with auth eks (EKS tokens are signed for "
          + "the cluster's region)");
    }
    if (reg.eksClusterName() == null || !EKS_NAME.matcher(reg.eksClusterName()).matches()) {
      throw new ClusterRefusedException(what + ": eksClusterName must be an EKS cluster name (letters, digits, "
          + "'-' and '_', at most 100, starting with a letter or digit)");
    }
    Matcher m = EKS_ENDPOINT.matcher(reg.server().toLowerCase(Locale.ROOT));
    boolean china = region.startsWith("cn-");
    if (!m.matches() || !m.group(1).equals(region) || (m.group(2) != null) != china) {
      throw new ClusterRefusedException(what + ": server must be the EKS endpoint of a cluster in " + region
          + " (https://<id>.<zone>." + region + ".eks.amazonaws.com" + (china ? ".cn" : "")
          + "): an EKS token is only sent to EKS, not to " + reg.server());
    }
  }
}
