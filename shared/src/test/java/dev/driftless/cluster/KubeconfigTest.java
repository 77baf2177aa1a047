package dev.driftless.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KubeconfigTest {

  private static final String WHAT = "cluster prod: kubeconfig in secret driftless/clusters/prod";

  private static String kubeconfig(String cluster, String user) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: prod
          cluster: {%s}
        users:
        - name: admin
          user: {%s}
        contexts:
        - name: prod
          context: {cluster: prod, user: admin, namespace: default}
        current-context: prod
        """.formatted(cluster, user);
  }

  private static void refused(String cluster, String user, String message) {
    assertThatThrownBy(() -> Kubeconfig.parse(WHAT, kubeconfig(cluster, user)))
        .isInstanceOf(ClusterRefusedException.class).hasMessage(WHAT + ": " + message)
        .message().doesNotContain("s3cret");
  }

  @Test
  void theCurrentContextsServerCaAndTokenAreRead() {
    Kubeconfig k = Kubeconfig.parse(WHAT, kubeconfig("server: https://k8s.example:6443, certificate-authority-data: "
        + "Q0E=, insecure-skip-tls-verify: false", "token: s3cret"));
    assertThat(k).isEqualTo(new Kubeconfig("https://k8s.example:6443", "Q0E=", "s3cret", null, null));
    assertThat(k.toString()).doesNotContain("s3cret");
  }

  @Test
  void aClientCertificateIsReadFromItsData() {
    Kubeconfig k = Kubeconfig.parse(WHAT, kubeconfig("server: https://k8s.example",
        "client-certificate-data: Q0VSVA==, client-key-data: S0VZ"));
    assertThat(k.clientCertData()).isEqualTo("Q0VSVA==");
    assertThat(k.clientKeyData()).isEqualTo("S0VZ");
  }

  @Test
  void aKubeconfigThatWouldRunACommandIsRefusedNamingTheField() {
    refused("server: https://k8s.example", "exec: {command: sh, args: [-c, 'touch /tmp/pwned']}",
        "users[admin].user.exec is refused: it would run a command");
    refused("server: https://k8s.example", "auth-provider: {name: gcp, config: {cmd-path: /bin/sh}}",
        "users[admin].user.auth-provider is refused: it would run a plugin that may run commands");
  }

  @Test
  void aKubeconfigThatNamesAFileIsRefusedNamingTheField() {
    refused("server: https://k8s.example", "tokenFile: /var/run/secrets/token",
        "users[admin].user.tokenFile is refused: it names a file");
    refused("server: https://k8s.example", "client-certificate: /etc/ssl/c.pem, client-key: /etc/ssl/k.pem",
        "users[admin].user.client-certificate is refused: it names a file (use client-certificate-data)");
    refused("server: https://k8s.example, certificate-authority: /etc/ssl/ca.pem", "token: s3cret",
        "clusters[prod].cluster.certificate-authority is refused: it names a file (use certificate-authority-data)");
  }

  @Test
  void basicAuthenticationAProxyAndSkippedTlsVerificationAreRefused() {
    refused("server: https://k8s.example", "username: admin, password: s3cret",
        "users[admin].user.username is refused: it is basic authentication, which Kubernetes no longer supports");
    refused("server: https://k8s.example, proxy-url: http://proxy.evil:3128", "token: s3cret",
        "clusters[prod].cluster.proxy-url is refused: it would send requests through a proxy");
    refused("server: https://k8s.example, insecure-skip-tls-verify: true", "token: s3cret",
        "clusters[prod].cluster.insecure-skip-tls-verify is refused: the API server's certificate is always "
            + "verified");
    refused("server: https://k8s.example", "token: s3cret, as: system:admin",
        "users[admin].user.as is refused: only client-certificate-data, client-key-data, extensions, token are read");
  }

  @Test
  void anExecUserOutsideTheCurrentContextIsRefusedToo() {
    String withOther = kubeconfig("server: https://k8s.example", "token: s3cret")
        .replace("users:\n", "users:\n- name: other\n  user: {exec: {command: sh}}\n");
    assertThatThrownBy(() -> Kubeconfig.parse(WHAT, withOther))
        .hasMessage(WHAT + ": users[other].user.exec is refused: it would run a command");
  }

  @Test
  void malformedYamlIsRefusedWithoutQuotingIt() {
    assertThatThrownBy(() -> Kubeconfig.parse(WHAT, "users: [{user: {token: s3cret}\n"))
        .isInstanceOf(ClusterRefusedException.class).hasMessageStartingWith(WHAT + ": is not valid YAML")
        .message().doesNotContain("s3cret");
  }

  @Test
  void aMissingContextOrCredentialIsNamed() {
    assertThatThrownBy(() -> Kubeconfig.parse(WHAT, "clusters: []\n"))
        .hasMessage(WHAT + ": has no current-context");
    assertThatThrownBy(() -> Kubeconfig.parse(WHAT, kubeconfig("server: https://k8s.example", "")))
        .hasMessage(WHAT + ": users[admin] has no token and no client-certificate-data");
  }
}
