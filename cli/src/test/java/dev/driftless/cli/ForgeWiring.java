package dev.driftless.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.cluster.ClusterRegistration;
import dev.driftless.functions.Functions;
import dev.driftless.functions.webhook.WebhookOptions;
import dev.driftless.state.ApplicationStore;
import dev.driftless.testkit.Forge;
import dev.driftless.testkit.LocalClusters;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The test forge and a local runner wired together as a user wires a real forge to Driftless: the forge ITs' shared
 * setup.
 */
final class ForgeWiring {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ForgeWiring() {}

  /**
   * A new repository on the forge whose webhook for {@code event} posts to the runner on {@code runnerPort}, signed
   * with a secret kept where the webhook looks for it, and whose token Driftless finds for commit statuses and
   * comments; returns the repository's name.
   */
  static String repository(Forge forge, SecretsManagerClient sm, int runnerPort, String event)
      throws JsonProcessingException {
    String name = "deploy-" + UUID.randomUUID().toString().substring(0, 8);
    forge.createRepository(name);
    String webhookSecret = UUID.randomUUID().toString();
    sm.createSecret(r -> r.name(WebhookOptions.DEFAULT_PREFIX + ApplicationStore.normalizeRepo(forge.cloneUrl(name)))
        .secretString(webhookSecret));
    sm.createSecret(r -> r.name("driftless/providers/127.0.0.1/" + Forge.USER + "/" + name)
        .secretString("{\"token\": \"" + forge.token() + "\"}"));
    forge.api("POST", "/repos/" + Forge.USER + "/" + name + "/hooks", JSON.writeValueAsString(Map.of(
        "type", "gitea", "active", true, "events", new String[] {event},
        "config", Map.of("url", "http://127.0.0.1:" + runnerPort + "/webhook", "content_type", "json",
            "secret", webhookSecret))), 201);
    return name;
  }

  /** Registers the local cluster {@code c1} with the runner's functions, its kubeconfig in Secrets Manager. */
  static void registerC1(Functions fn, SecretsManagerClient sm, LocalClusters clusters, String prefix)
      throws IOException {
    String kubeconfigId = "driftless/clusters/" + prefix + "-" + UUID.randomUUID() + "-c1";
    String kubeconfig = Files.readString(clusters.kubeconfig("c1"));
    sm.createSecret(r -> r.name(kubeconfigId).secretString(kubeconfig));
    fn.parts().clusters().put(ClusterRegistration.kubeconfig("c1", kubeconfigId));
  }
}
