package dev.driftless.functions.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.cluster.ClusterRegistration;
import org.junit.jupiter.api.Test;

class ClusterRoutesTest {

  private static ObjectNode body(String json) throws Exception {
    return (ObjectNode) new ObjectMapper().readTree(json);
  }

  private static void refused(String name, String json, String message) {
    assertThatThrownBy(() -> ClusterRoutes.parse(name, body(json))).isInstanceOf(ApiException.class)
        .hasMessage(message).satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400));
  }

  @Test
  void anEksRegistrationKeepsItsRoleAndRegion() throws Exception {
    ClusterRegistration c = ClusterRoutes.parse("prod-eu", body("""
        {"auth": "eks", "server": "https://0123456789ABCDEF0123456789ABCDEF.gr7.eu-west-1.eks.amazonaws.com", "caData": "LS0tLS1CRUdJTg==",
         "eksClusterName": "prod", "roleArn": "arn:aws:iam::123456789012:role/driftless-deployer",
         "region": "eu-west-1"}"""));
    assertThat(c.auth()).isEqualTo(ClusterRegistration.Auth.EKS);
    assertThat(c.roleArn()).isEqualTo("arn:aws:iam::123456789012:role/driftless-deployer");
    assertThat(c.region()).isEqualTo("eu-west-1");
  }

  @Test
  void aKubeconfigRegistrationNeedsOnlyItsSecretId() throws Exception {
    ClusterRegistration c = ClusterRoutes.parse("local", body("{\"auth\": \"kubeconfig\", \"secretId\": \"k/local\"}"));
    assertThat(c.server()).isNull();
    assertThat(c.secretId()).isEqualTo("k/local");
  }

  @Test
  void labelsAreKeptForApplicationSetSelectorsAndAnInvalidOneIsNamed() throws Exception {
    ClusterRegistration c = ClusterRoutes.parse("local", body("{\"auth\": \"kubeconfig\", \"secretId\": \"k/local\","
        + " \"labels\": {\"env\": \"prod\", \"example.com/team\": \"a_b.c\"}}"));
    assertThat(c.labels()).containsOnly(entry("env", "prod"), entry("example.com/team", "a_b.c"));
    refused("p", "{\"auth\": \"kubeconfig\", \"secretId\": \"s\", \"labels\": {\"env\": \"-bad\"}}",
        "cluster p: labels.env is not a Kubernetes label (key: an optional DNS prefix and '/', then at most 63 of"
            + " letters, digits, '-', '_', '.'; value: the same, or empty)");
    refused("p", "{\"auth\": \"kubeconfig\", \"secretId\": \"s\", \"labels\": [\"env\"]}",
        "cluster p: labels must be an object of strings");
  }

  @Test
  void everyInvalidFieldIsNamed() {
    refused("Prod_EU", "{\"auth\": \"eks\"}", "cluster Prod_EU: name must be a DNS label (lowercase letters, digits "
        + "and '-', at most 63)");
    refused("p", "{\"server\": \"https://x\"}", "cluster p: auth is required (eks, token or kubeconfig)");
    refused("p", "{\"auth\": \"password\"}", "cluster p: auth must be eks, token or kubeconfig, not password");
    refused("p", "{\"auth\": \"token\", \"secretId\": \"s\"}", "cluster p: server is required with auth token");
    refused("p", "{\"auth\": \"token\", \"secretId\": \"s\", \"server\": \"https://x\", \"caData\": \"not base64!\"}",
        "cluster p: caData must be base64 (of the PEM CA bundle)");
    refused("p", "{\"auth\": \"eks\", \"server\": \"https://x\"}", "cluster p: eksClusterName is required with auth eks");
    refused("p", "{\"auth\": \"eks\", \"server\": \"https://x\", \"eksClusterName\": \"p\", \"secretId\": \"s\"}",
        "cluster p: secretId is not used with auth eks (tokens come from the function's own AWS identity)");
    refused("p", "{\"auth\": \"kubeconfig\", \"secretId\": \"s\", \"token\": \"abc\"}",
        "cluster p: unknown field token (known: auth, caData, eksClusterName, labels, name, region, roleArn, secretId,"
            + " server)");
    refused("p", "{\"auth\": \"kubeconfig\", \"secretId\": 7}", "cluster p: secretId must be a string");
    refused("p", "{\"auth\": \"kubeconfig\", \"secretId\": \"s\", \"name\": \"q\"}",
        "cluster p: name q in the body differs from the name in the path");
  }
}
