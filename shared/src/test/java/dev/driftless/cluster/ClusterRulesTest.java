package dev.driftless.cluster;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.cluster.ClusterRegistration.Auth;
import dev.driftless.secrets.SecretLayout;
import org.junit.jupiter.api.Test;

class ClusterRulesTest {

  private static final SecretLayout LAYOUT = SecretLayout.defaults();
  private static final String EKS = "https://0123456789ABCDEF0123456789ABCDEF.gr7.eu-west-1.eks.amazonaws.com";

  private static ClusterRegistration eks(String server, String name, String roleArn, String region) {
    return new ClusterRegistration("prod", server, null, Auth.EKS, null, name, roleArn, region);
  }

  private static void refused(ClusterRegistration reg, String message) {
    assertThatThrownBy(() -> ClusterRules.check(reg, LAYOUT)).isInstanceOf(ClusterRefusedException.class)
        .hasMessage(message);
  }

  @Test
  void anEksRegistrationInItsRegionWithARoleIsAdmitted() {
    assertThatCode(() -> ClusterRules.check(eks(EKS, "prod", "arn:aws:iam::123456789012:role/deployer",
        "eu-west-1"), LAYOUT)).doesNotThrowAnyException();
    assertThatCode(() -> ClusterRules.check(eks("https://0123456789abcdef0123456789abcdef.yl4.cn-north-1"
        + ".eks.amazonaws.com.cn", "prod", null, "cn-north-1"), LAYOUT)).doesNotThrowAnyException();
  }

  @Test
  void anEksRegistrationWithoutARegionIsRefused() {
    refused(eks(EKS, "prod", null, null), "cluster prod: region is required with auth eks (EKS tokens are signed "
        + "for the cluster's region)");
  }

  @Test
  void anEksTokenIsNotSentToAServerThatIsNotAnEksEndpointOfItsRegion() {
    String message = "cluster prod: server must be the EKS endpoint of a cluster in eu-west-1 "
        + "(https://<id>.<zone>.eu-west-1.eks.amazonaws.com): an EKS token is only sent to EKS, not to ";
    for (String server : new String[] {"https://collector.evil.io", EKS.replace("eu-west-1", "us-east-1"),
        EKS + ".evil.io", EKS + "/api", EKS.replace("https", "http"),
        "https://0123456789ABCDEF0123456789ABCDEF.gr7.eu-west-1.eks.amazonaws.com.cn"}) {
      refused(eks(server, "prod", null, "eu-west-1"), server.startsWith("http:")
          ? "cluster prod: server must be an https:// URL of the API server (credentials are sent only over TLS), "
              + "not " + server
          : message + server);
    }
  }

  @Test
  void anEksNameRoleOrRegionOfTheWrongShapeIsRefusedNamingTheField() {
    refused(eks(EKS, "prod;rm", null, "eu-west-1"), "cluster prod: eksClusterName must be an EKS cluster name "
        + "(letters, digits, '-' and '_', at most 100, starting with a letter or digit)");
    refused(eks(EKS, "prod", "admin", "eu-west-1"),
        "cluster prod: roleArn must be an IAM role ARN (arn:aws:iam::<account>:role/<name>)");
    refused(eks(EKS, "prod", null, "Europe"), "cluster prod: region must be an AWS region such as eu-west-1, not Europe");
  }

  @Test
  void aClusterTokenIsNotSentToAPlainHttpServer() {
    refused(ClusterRegistration.token("prod", "http://k8s.example:6443", null, "driftless/clusters/prod"),
        "cluster prod: server must be an https:// URL of the API server (credentials are sent only over TLS), not "
            + "http://k8s.example:6443");
  }

  @Test
  void aClusterSecretOutsideTheClustersAreaIsRefused() {
    for (String id : new String[] {"driftless/refs/app/db", "driftless/git/acme", "prod-token",
        "driftless/clusters/../refs/x", "driftless/clusters/"}) {
      refused(ClusterRegistration.token("prod", "https://k8s.example", null, id), "cluster prod: secretId " + id
          + " is not under driftless/clusters/ (cluster credentials live there and only there)");
    }
    assertThatCode(() -> ClusterRules.check(ClusterRegistration.kubeconfig("prod", "driftless/clusters/prod"),
        LAYOUT)).doesNotThrowAnyException();
  }
}
