package dev.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.testkit.LocalAws;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code driftless project} against the local runner (moto behind it): a project's life and its fence. */
@LocalAws
class ProjectCommandIT {

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

  private Path app(String name, String repo, String namespace) throws Exception {
    return file(name + ".yaml", """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: %s}
        spec:
          project: team-a
          source: {repoURL: '%s', targetRevision: main, path: apps/%s}
          destination: {name: c1, namespace: %s}
        """.formatted(name, repo, name, namespace));
  }

  @Test
  void aProjectIsCreatedListedShownFencesItsApplicationsAndIsNotDeletedWhileInUse() throws Exception {
    Path project = file("team-a.yaml", """
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata: {name: team-a}
        spec:
          description: Team A
          sourceRepos: ['https://git.example.com/team-a/*']
          destinations: [{name: c1, namespace: team-a}]
          syncWindows: [{kind: deny, schedule: '0 22 * * *', duration: 1h, namespaces: ['*'], manualSync: true}]
          ownWebhookSecrets: true
        """);
    Run created = driftless("project", "create", "-f", project.toString());
    assertThat(created.code()).as(created.err()).isZero();
    assertThat(created.out()).isEqualTo("project team-a created (version 1)\n");
    assertThat(driftless("project", "create", "-f", project.toString()).code()).isEqualTo(Main.API_ERROR);
    assertThat(driftless("project", "create", "-f", project.toString(), "--replace").out())
        .isEqualTo("project team-a replaced (version 2)\n");

    List<String> lines = driftless("project", "list").out().lines().toList();
    assertThat(lines.get(0)).matches("NAME +SOURCE REPOS +DESTINATIONS +SYNC WINDOWS +OWN WEBHOOK SECRETS");
    assertThat(lines.get(1)).matches("team-a +https://git.example.com/team-a/\\* +c1/team-a +1 +yes");
    JsonNode json = JSON.readTree(driftless("project", "list", "-o", "json").out());
    assertThat(json.path("items").get(0).path("name").asText()).isEqualTo("team-a");
    assertThat(driftless("project", "get", "team-a").out()).containsPattern("Description: +Team A")
        .containsPattern("Sync windows: +deny 0 22 \\* \\* \\* 1h \\(UTC\\) manualSync")
        .containsPattern("Secret references: +team-a/");
    assertThat(driftless("project", "get", "team-a", "-o", "yaml").out()).contains("document:")
        .contains("apiVersion: argoproj.io/v1alpha1");

    Run inside = driftless("app", "create", "-f", app("web", "https://git.example.com/team-a/deploy", "team-a")
        .toString());
    assertThat(inside.code()).as(inside.err()).isZero();
    assertThat(driftless("app", "list").out().lines().toList().get(1)).matches("web +team-a +c1 +team-a .*");

    Run outside = driftless("app", "create", "-f", app("api", "https://git.example.com/team-b/deploy", "team-a")
        .toString());
    assertThat(outside.code()).isEqualTo(Main.API_ERROR);
    assertThat(outside.err()).isEqualTo("error: application api: refused by project team-a: spec.source.repoURL "
        + "https://git.example.com/team-b/deploy: not permitted by sourceRepos of project team-a\n");

    Run inUse = driftless("project", "delete", "team-a");
    assertThat(inUse.code()).isEqualTo(Main.API_ERROR);
    assertThat(inUse.err()).isEqualTo("error: project team-a is used by application(s) web: move or delete them "
        + "first\n");
    assertThat(driftless("app", "delete", "web").code()).isZero();
    assertThat(driftless("project", "delete", "team-a").out()).isEqualTo("project team-a deleted\n");
    assertThat(driftless("project", "list").out()).startsWith("No projects registered");
  }
}
