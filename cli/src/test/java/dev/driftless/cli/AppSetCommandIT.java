package dev.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.testkit.LocalAws;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code driftless appset} against the local runner (moto behind it), whose sync poller evaluates the set. */
@LocalAws
class AppSetCommandIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private RunnerFixture local;

  @BeforeEach
  void start() throws Exception {
    local = RunnerFixture.start(tmp);
  }

  @AfterEach
  void stop() {
    local.close();
  }

  private Run driftless(String... args) {
    return local.driftless(args);
  }

  private Path file(String name, String text) throws Exception {
    return local.file(name, text);
  }

  /** The set's generated Applications, once the runner has evaluated it (within a bound). */
  private JsonNode applicationsOnceGenerated(int expected) throws Exception {
    Instant bound = Instant.now().plus(Duration.ofSeconds(60));
    JsonNode apps = JSON.readTree(driftless("appset", "get", "guestbook", "-o", "json").out()).path("applications");
    while (apps.size() != expected && Instant.now().isBefore(bound)) {
      Thread.sleep(200);
      apps = JSON.readTree(driftless("appset", "get", "guestbook", "-o", "json").out()).path("applications");
    }
    return apps;
  }

  @Test
  void anApplicationSetIsCreatedListedShownWithItsApplicationsAndDeletedWithThem() throws Exception {
    Path set = file("guestbook.yaml", """
        apiVersion: argoproj.io/v1alpha1
        kind: ApplicationSet
        metadata: {name: guestbook}
        spec:
          goTemplate: true
          generators:
            - list:
                elements: [{cluster: c1, url: 'https://c1.example:6443'}, {cluster: c2, url: 'https://c2.example:6443'}]
          template:
            metadata: {name: 'guestbook-{{.cluster}}'}
            spec:
              project: default
              source: {repoURL: https://git.example.com/acme/deploy.git, targetRevision: main, path: guestbook}
              destination: {server: '{{.url}}', namespace: guestbook}
        """);
    Run created = driftless("appset", "create", "-f", set.toString());
    assertThat(created.code()).as(created.err()).isZero();
    assertThat(created.out()).isEqualTo("applicationset guestbook created (version 1); its Applications are being"
        + " generated\n");

    assertThat(applicationsOnceGenerated(2)).extracting(a -> a.path("name").asText())
        .containsExactly("guestbook-c1", "guestbook-c2");
    List<String> lines = driftless("appset", "list").out().lines().toList();
    assertThat(lines.get(0)).matches("NAME +PROJECT +APPLICATIONS");
    assertThat(lines.get(1)).matches("guestbook +default +2");
    assertThat(driftless("appset", "get", "guestbook").out())
        .containsPattern("Applications: +guestbook-c1 \\(.*\\), guestbook-c2 \\(.*\\)");
    assertThat(driftless("app", "get", "guestbook-c2").out()).containsPattern("Owner: +applicationset/guestbook");

    Run deleted = driftless("appset", "delete", "guestbook");
    assertThat(deleted.code()).as(deleted.err()).isZero();
    assertThat(deleted.out()).startsWith("applicationset guestbook deleted: ");
    assertThat(driftless("app", "get", "guestbook-c1").code()).isEqualTo(Main.API_ERROR);
    assertThat(driftless("appset", "list").out()).startsWith("No ApplicationSets registered.");
  }

  @Test
  void anApplicationSetWithAnUnsupportedGeneratorIsRefusedNamingIt() throws Exception {
    Path set = file("prs.yaml", """
        apiVersion: argoproj.io/v1alpha1
        kind: ApplicationSet
        metadata: {name: prs}
        spec:
          generators: [{scmProvider: {github: {organization: acme}}}]
          template:
            metadata: {name: '{{repository}}'}
            spec: {project: default, source: {repoURL: https://git.example.com/acme/deploy.git}, destination: {name: c1}}
        """);
    Run refused = driftless("appset", "create", "-f", set.toString());
    assertThat(refused.code()).isEqualTo(Main.API_ERROR);
    assertThat(refused.err()).isEqualTo("error: applicationset prs: spec.generators[0].scmProvider generator"
        + " scmProvider is not supported by Driftless (supported: list, clusters, git, matrix, merge)\n");
  }
}
