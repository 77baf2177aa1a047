package dev.driftless.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.model.ObjectKey;
import dev.driftless.testkit.LocalKubernetes;
import dev.driftless.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Health waits against the real local control plane, where kwok makes scheduled pods Running and Ready. */
@LocalKubernetes
class HealthWaiterIT {

  private static final Duration POLL = Duration.ofMillis(200);
  private final Clock clock = Clock.systemUTC();

  @Test
  void deploymentIsSeenProgressingThenHealthyOnceItsPodsAreAvailable(TestNamespace ns) {
    List<HealthStatus> seen = Collections.synchronizedList(new ArrayList<>());
    HealthWaiter waiter = new HealthWaiter(ns.client(), clock,
        new HealthWaiter.Options(POLL, (ref, health) -> seen.add(health.status())));
    ObjectRef web = create(ns, "deployment-web.yaml");

    HealthReport report = waiter.await(List.of(web), clock.instant().plusSeconds(90));

    assertThat(report.deadlinePassed()).as("%s", report).isFalse();
    assertThat(report.aggregate()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(report.progressing()).isEmpty();
    assertThat(seen).first().isEqualTo(HealthStatus.PROGRESSING);
    assertThat(seen).last().isEqualTo(HealthStatus.HEALTHY);
    assertThat(seen).doesNotContain(HealthStatus.DEGRADED, HealthStatus.MISSING, HealthStatus.UNKNOWN);
  }

  @Test
  void deploymentWhosePodsCannotScheduleIsDegradedOnceItsProgressDeadlineIsExceeded(TestNamespace ns) {
    HealthWaiter waiter = new HealthWaiter(ns.client(), clock, HealthWaiter.Options.defaults().withPollInterval(POLL));
    ObjectRef stuck = create(ns, "deployment-unschedulable-deadline-1s.yaml");

    HealthReport report = waiter.await(List.of(stuck), clock.instant().plusSeconds(90));

    assertThat(report.deadlinePassed()).as("%s", report).isFalse();
    Health health = report.healthOf(stuck).orElseThrow();
    assertThat(health.status()).as("%s", health).isEqualTo(HealthStatus.DEGRADED);
    assertThat(health.message()).contains("exceeded its progress deadline");
  }

  @Test
  void jobActiveLongerThanItsDeadlineIsDegraded(TestNamespace ns) {
    HealthWaiter waiter = new HealthWaiter(ns.client(), clock, HealthWaiter.Options.defaults().withPollInterval(POLL));
    ObjectRef doomed = create(ns, "job-unschedulable-deadline-1s.yaml");

    HealthReport report = waiter.await(List.of(doomed), clock.instant().plusSeconds(90));

    Health health = report.healthOf(doomed).orElseThrow();
    assertThat(health.status()).as("%s", health).isEqualTo(HealthStatus.DEGRADED);
    assertThat(health.message()).contains("DeadlineExceeded");
    assertThat(report.aggregate()).isEqualTo(HealthStatus.DEGRADED);
  }

  @Test
  void jobWhosePodSucceedsIsHealthy(TestNamespace ns) {
    HealthWaiter waiter = new HealthWaiter(ns.client(), clock, HealthWaiter.Options.defaults().withPollInterval(POLL));
    ObjectRef once = create(ns, "job-completes.yaml");

    HealthReport report = waiter.await(List.of(once), clock.instant().plusSeconds(90));

    assertThat(report.healthOf(once).orElseThrow().status()).as("%s", report.objects())
        .isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  void deadlinePassingBeforeHealthReturnsTheObjectsStillProgressing(TestNamespace ns) {
    HealthWaiter waiter = new HealthWaiter(ns.client(), clock, HealthWaiter.Options.defaults().withPollInterval(POLL));
    ObjectRef pending = create(ns, "deployment-unschedulable.yaml");
    ns.client().configMaps().inNamespace(ns.name()).resource(new ConfigMapBuilder().withNewMetadata()
        .withName("settings").endMetadata().addToData("mode", "fast").build()).create();
    ObjectRef settings = new ObjectRef("v1", new ObjectKey("", "ConfigMap", ns.name(), "settings"));
    Instant deadline = clock.instant().plusSeconds(3);

    HealthReport report = waiter.await(List.of(pending, settings), deadline);

    assertThat(report.deadlinePassed()).isTrue();
    assertThat(report.assessedAt()).isAfterOrEqualTo(deadline.minus(POLL));
    assertThat(report.progressing()).containsExactly(pending);
    assertThat(report.healthOf(settings).orElseThrow().status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(report.aggregate()).isEqualTo(HealthStatus.PROGRESSING);
    assertThat(report.isSettled()).isFalse();
  }

  @Test
  void absentObjectsAndKindsTheClusterDoesNotServeAreMissingWithoutWaiting(TestNamespace ns) {
    HealthWaiter waiter = new HealthWaiter(ns.client(), clock, HealthWaiter.Options.defaults().withPollInterval(POLL));
    ObjectRef absent = new ObjectRef("v1", new ObjectKey("", "ConfigMap", ns.name(), "absent"));
    ObjectRef unserved = new ObjectRef("widgets.example.invalid/v1",
        new ObjectKey("widgets.example.invalid", "Widget", ns.name(), "w"));

    HealthReport report = waiter.await(List.of(absent, unserved), clock.instant().plusSeconds(60));

    assertThat(report.deadlinePassed()).isFalse();
    assertThat(report.withStatus(HealthStatus.MISSING)).extracting(ObjectHealth::ref)
        .containsExactly(absent, unserved);
    assertThat(report.healthOf(unserved).orElseThrow().message()).contains("not served");
    assertThat(report.aggregate()).isEqualTo(HealthStatus.MISSING);
  }

  @Test
  void manyObjectsOfOneKindAreReadTogetherAndClusterScopedOnesByNameEachWithItsOwnHealth(TestNamespace ns) {
    KubernetesClient client = ns.client();
    List<ObjectRef> refs = new ArrayList<>();
    for (int i = 0; i < LiveReader.GET_LIMIT + 2; i++) {
      String name = "cm-" + i;
      client.configMaps().inNamespace(ns.name()).resource(new ConfigMapBuilder().withNewMetadata()
          .withName(name).endMetadata().build()).create();
      refs.add(new ObjectRef("v1", new ObjectKey("", "ConfigMap", ns.name(), name)));
    }
    ObjectRef absent = new ObjectRef("v1", new ObjectKey("", "ConfigMap", ns.name(), "cm-absent"));
    refs.add(absent);
    ObjectRef namespace = new ObjectRef("v1", new ObjectKey("", "Namespace", "", ns.name()));
    refs.add(namespace);

    HealthReport report = new HealthWaiter(client, clock).await(refs, clock.instant());

    assertThat(report.objects()).hasSize(refs.size());
    assertThat(report.withStatus(HealthStatus.HEALTHY)).hasSize(refs.size() - 1);
    assertThat(report.healthOf(namespace).orElseThrow().message()).isEqualTo("Namespace is Active");
    assertThat(report.healthOf(absent).orElseThrow().status()).isEqualTo(HealthStatus.MISSING);
  }

  private static ObjectRef create(TestNamespace ns, String fixture) {
    HasMetadata object;
    try (InputStream in = HealthWaiterIT.class.getResourceAsStream("/health/it/" + fixture)) {
      object = ns.client().getKubernetesSerialization().unmarshal(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read fixture " + fixture, e);
    }
    object.getMetadata().setNamespace(ns.name());
    HasMetadata created = ns.client().resource(object).inNamespace(ns.name()).create();
    return ObjectRef.of(created);
  }
}
