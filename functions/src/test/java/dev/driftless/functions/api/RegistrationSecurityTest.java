package dev.driftless.functions.api;

import static dev.driftless.functions.api.ApiEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.functions.ApiHandler;
import dev.driftless.reconcile.Settings;
import dev.driftless.secrets.SecretLayout;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registrations that would send a credential somewhere it should not go are refused with 400 naming the field, as
 * a deployment in AWS runs (no local repositories). The state table behind the handler is a closed port: a
 * registration that got as far as storing would answer 500, so a 400 also says nothing was stored.
 */
class RegistrationSecurityTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EKS = "https://0123456789ABCDEF0123456789ABCDEF.gr7.eu-west-1.eks.amazonaws.com";

  @TempDir
  Path tmp;

  private ApiHandler handler() {
    return UnreachableStateApi.handler(new Settings("t", "bus", tmp, 1L << 20, Path.of("kustomize"),
        Path.of("helm"), Duration.ofDays(1), SecretLayout.defaults(), false, null), Clock.systemUTC());
  }

  private String refusal(String path, String body) throws Exception {
    APIGatewayV2HTTPResponse r = handler().handleRequest(event("PUT", path, body, "Content-Type", "application/yaml"),
        null);
    assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(400);
    return JSON.readTree(r.getBody()).path("error").asText();
  }

  @Test
  void aTokenClusterWithAPlainHttpServerIsRefused() throws Exception {
    assertThat(refusal("/api/clusters/prod", "{auth: token, server: 'http://k8s.example:6443', "
        + "secretId: driftless/clusters/prod}")).isEqualTo("cluster prod: server must be an https:// URL of the API "
        + "server (credentials are sent only over TLS), not http://k8s.example:6443");
  }

  @Test
  void aClusterSecretOutsideTheClustersAreaIsRefused() throws Exception {
    assertThat(refusal("/api/clusters/prod", "{auth: token, server: 'https://k8s.example', "
        + "secretId: driftless/refs/app/db}")).isEqualTo("cluster prod: secretId driftless/refs/app/db is not under "
        + "driftless/clusters/ (cluster credentials live there and only there)");
  }

  @Test
  void anEksClusterWithoutARegionIsRefused() throws Exception {
    assertThat(refusal("/api/clusters/prod", "{auth: eks, server: '" + EKS + "', eksClusterName: prod}"))
        .isEqualTo("cluster prod: region is required with auth eks (EKS tokens are signed for the cluster's region)");
  }

  @Test
  void anEksClusterWhoseServerIsNotAnEksEndpointIsRefused() throws Exception {
    assertThat(refusal("/api/clusters/prod", "{auth: eks, server: 'https://collector.evil.io', "
        + "eksClusterName: prod, region: eu-west-1}")).startsWith("cluster prod: server must be the EKS endpoint of "
        + "a cluster in eu-west-1").endsWith("an EKS token is only sent to EKS, not to https://collector.evil.io");
  }

  private static String application(String source) {
    return """
        apiVersion: driftless.dev/v1alpha1
        kind: Application
        metadata: {name: web}
        spec:
          source: %s
          destination: {cluster: c1, namespace: web}
        """.formatted(source);
  }

  @Test
  void aFileRepositoryIsRefusedOutsideTheLocalRunner() throws Exception {
    assertThat(refusal("/api/applications/web", application("{repoURL: 'file:///var/task', path: .}")))
        .startsWith("application web: spec.source.repoURL: repository file:///var/task: refused: only https://");
    assertThat(refusal("/api/applications/web", application("{repoURL: /proc/self/cwd, path: .}")))
        .startsWith("application web: spec.source.repoURL: repository /proc/self/cwd: refused");
  }

  @Test
  void aGitCredentialOutsideTheGitSecretsIsRefused() throws Exception {
    assertThat(refusal("/api/applications/web", application("{repoURL: 'https://github.com/acme/deploy', "
        + "path: ., credentials: driftless/clusters/prod}"))).isEqualTo("application web: spec.source.credentials: "
        + "repository https://github.com/acme/deploy: credentials driftless/clusters/prod: refused: a Git "
        + "credential's secret must be under driftless/git/");
  }
}
