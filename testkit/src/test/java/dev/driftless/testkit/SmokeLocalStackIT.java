package dev.driftless.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The same Secrets Manager read against LocalStack, where a Docker engine runs. The last LocalStack image
 * that runs without an auth token is 4.14.0; with LOCALSTACK_AUTH_TOKEN set, a newer one may be chosen
 * through LOCALSTACK_IMAGE. Without Docker (the default here) the test is skipped and says why.
 */
class SmokeLocalStackIT {

  @Test
  void secretIsReadFromLocalStackWhenDockerRuns() {
    Assumptions.assumeTrue(dockerAvailable(),
        "no Docker engine here: LocalStack runs are skipped; moto is the default");
    String image = System.getenv().getOrDefault("LOCALSTACK_IMAGE", "localstack/localstack:4.14.0");
    try (LocalStackContainer ls = new LocalStackContainer(DockerImageName.parse(image))) {
      String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
      if (token != null) {
        ls.withEnv("LOCALSTACK_AUTH_TOKEN", token);
      }
      ls.start();
      try (SecretsManagerClient sm = SecretsManagerClient.builder()
          .endpointOverride(ls.getEndpoint())
          .region(Region.of(ls.getRegion()))
          .credentialsProvider(StaticCredentialsProvider.create(
              AwsBasicCredentials.create(ls.getAccessKey(), ls.getSecretKey())))
          .build()) {
        String id = "smoke/" + UUID.randomUUID();
        sm.createSecret(r -> r.name(id).secretString("v"));
        assertThat(sm.getSecretValue(r -> r.secretId(id)).secretString()).isEqualTo("v");
      }
    }
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }
}
