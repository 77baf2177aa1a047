package dev.driftless.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@LocalKubernetes
class SmokeKubernetesIT {

  @Test
  void deploymentAppliedServerSideBecomesAvailableWithPodsReadyOnSimulatedNodes(TestNamespace ns) throws Exception {
    KubernetesClient client = ns.client();
    Deployment desired;
    try (InputStream in = getClass().getResourceAsStream("/fixtures/deployment-web.yaml")) {
      desired = client.getKubernetesSerialization().unmarshal(in, Deployment.class);
    }

    Deployment applied = client.apps().deployments().inNamespace(ns.name()).resource(desired)
        .fieldManager("driftless").forceConflicts().serverSideApply();

    assertThat(applied.getMetadata().getManagedFields())
        .anySatisfy(f -> {
          assertThat(f.getManager()).isEqualTo("driftless");
          assertThat(f.getOperation()).isEqualTo("Apply");
        });
    Deployment available = client.apps().deployments().inNamespace(ns.name()).withName("web")
        .waitUntilCondition(d -> d != null && d.getStatus() != null && d.getStatus().getConditions() != null
            && d.getStatus().getConditions().stream()
                .anyMatch(c -> "Available".equals(c.getType()) && "True".equals(c.getStatus()))
            && Integer.valueOf(2).equals(d.getStatus().getReadyReplicas()), 90, TimeUnit.SECONDS);
    assertThat(available.getStatus().getAvailableReplicas()).isEqualTo(2);

    List<Pod> pods = client.pods().inNamespace(ns.name()).withLabel("app", "web").list().getItems();
    assertThat(pods).hasSize(2).allSatisfy(p -> {
      assertThat(p.getStatus().getPhase()).isEqualTo("Running");
      assertThat(p.getSpec().getNodeName()).isNotBlank();
      assertThat(p.getStatus().getConditions())
          .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    });
  }

  @Test
  void serverSideApplyWithADifferentManagerConflictsUnlessForced(TestNamespace ns) {
    KubernetesClient client = ns.client();
    ConfigMap mine = new ConfigMapBuilder().withNewMetadata().withName("settings").withNamespace(ns.name())
        .endMetadata().addToData("mode", "a").build();
    client.resource(mine).fieldManager("driftless").serverSideApply();

    ConfigMap theirs = new ConfigMapBuilder(mine).withData(Map.of("mode", "b")).build();
    assertThatThrownBy(
            () -> client.resource(theirs).fieldManager("someone-else").serverSideApply())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode())
            .isEqualTo(409));
    assertThat(client.configMaps().inNamespace(ns.name()).withName("settings").get().getData())
        .containsEntry("mode", "a");
  }

  @Test
  void twoClustersRunSideBySideWithSeparateStateAndReportKubernetes134(LocalClusters clusters) {
    assertThat(clusters.names()).hasSizeGreaterThanOrEqualTo(2);
    KubernetesClient c1 = clusters.client("c1");
    KubernetesClient c2 = clusters.client("c2");
    for (KubernetesClient c : List.of(c1, c2)) {
      VersionInfo v = c.getKubernetesVersion();
      assertThat(v.getMajor()).isEqualTo("1");
      assertThat(v.getMinor()).isEqualTo("34");
      assertThat(c.nodes().list().getItems()).hasSizeGreaterThanOrEqualTo(2);
    }
    String name = "only-in-c1-" + System.nanoTime();
    c1.namespaces().resource(new NamespaceBuilder()
        .withNewMetadata().withName(name).endMetadata().build()).create();
    try {
      assertThat(c1.namespaces().withName(name).get()).isNotNull();
      assertThat(c2.namespaces().withName(name).get()).isNull();
    } finally {
      c1.namespaces().withName(name).delete();
    }
    assertThat(clusters.kubeconfig("c1")).isNotEqualTo(clusters.kubeconfig("c2"));
  }
}
