package dev.driftless.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.model.Application;
import dev.driftless.model.DesiredObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jsonnet directory sources through the real go-jsonnet binary, as Argo CD evaluates them. */
class JsonnetRenderIT {

  private static final RenderOptions OPTIONS = Fixtures.realTools();
  private static final String GUESTBOOK = """
      local lib = import 'guestbook.libsonnet';
      function(replicas=1, port=80)
        [
          lib.deployment(std.extVar('app'), replicas, std.extVar('debug')),
          [lib.service(std.extVar('app'), port)],
          {apiVersion: 'v1', kind: 'List', items: [lib.configMap(std.extVar('app'))]},
        ]
      """;
  private static final String LIBRARY = """
      {
        deployment(name, replicas, debug):: {
          apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: name},
          spec: {replicas: replicas, template: {metadata: {annotations: {debug: std.toString(debug)}}}},
        },
        service(name, port):: {apiVersion: 'v1', kind: 'Service', metadata: {name: name}, spec: {ports: [{port: port}]}},
        configMap(name):: {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: name + '-config'}},
      }
      """;

  private final Renderer renderer = new Renderer();

  @TempDir
  Path repo;

  private static Application.Directory jsonnet(List<Application.JsonnetVar> extVars,
      List<Application.JsonnetVar> tlas, List<String> libs) {
    return new Application.Directory(true, null, null, new Application.Jsonnet(extVars, tlas, libs));
  }

  private static final List<Application.JsonnetVar> EXT_VARS = List.of(
      new Application.JsonnetVar("app", "guestbook", false), new Application.JsonnetVar("debug", "true", true));

  @Test
  void evaluatesWithExtVarsTlasAndLibsFlatteningNestedListsAsTheJsonnetToolDoes() throws Exception {
    Fixtures.write(repo, Map.of("apps/guestbook/main.jsonnet", GUESTBOOK,
        "vendor/guestbook.libsonnet", LIBRARY));
    Application.Directory directory = jsonnet(EXT_VARS,
        List.of(new Application.JsonnetVar("replicas", "3", true), new Application.JsonnetVar("port", "8080", true)),
        List.of("vendor"));

    List<DesiredObject> objects = renderer.render(repo, Fixtures.directoryApp("apps/guestbook", directory), OPTIONS);

    assertThat(objects).extracting(o -> o.key().toString())
        .containsExactly("Deployment.apps guestbook", "Service guestbook", "ConfigMap guestbook-config");
    assertThat(objects).extracting(DesiredObject::origin).containsOnly("apps/guestbook/main.jsonnet");
    Map<?, ?> spec = (Map<?, ?>) objects.get(0).object().getAdditionalProperties().get("spec");
    assertThat(spec.get("replicas")).isEqualTo(3);
    assertThat(objects.get(0).object().getAdditionalProperties().get("spec").toString()).contains("debug=true");
    String byHand = run(List.of(OPTIONS.jsonnet().toString(), "-J", repo.resolve("vendor").toString(),
        "--ext-str", "app=guestbook", "--ext-code", "debug=true", "--tla-code", "replicas=3", "--tla-code",
        "port=8080", repo.resolve("apps/guestbook/main.jsonnet").toString()));
    assertThat(byHand).contains("\"replicas\": 3", "\"port\": 8080", "\"name\": \"guestbook-config\"");
  }

  @Test
  void aStringValueStartingWithADashIsAValueNotAFlag() {
    Fixtures.write(repo, Map.of("app/cm.jsonnet",
        "{apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'cm'}, data: {v: std.extVar('v')}}"));
    Application.Directory directory = jsonnet(List.of(new Application.JsonnetVar("v", "--ext-code-file=x=/etc/hostname",
        false)), List.of(), List.of());

    List<DesiredObject> objects = renderer.render(repo, Fixtures.directoryApp("app", directory), OPTIONS);

    assertThat(objects.get(0).object().getAdditionalProperties().get("data"))
        .isEqualTo(Map.of("v", "--ext-code-file=x=/etc/hostname"));
  }

  @Test
  void aJsonnetFileThatEvaluatesToNoObjectFailsNamingTheFile() {
    Fixtures.write(repo, Map.of("app/web.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n",
        "app/nothing.jsonnet", "local enabled = false;\nif enabled then [{apiVersion: 'v1'}] else []\n"));

    assertThatThrownBy(() -> renderer.render(repo, Fixtures.directoryApp("app", null), OPTIONS))
        .isInstanceOf(RenderException.class)
        .hasMessage("rendered no objects from app/nothing.jsonnet: the Jsonnet evaluated to no Kubernetes object");
  }

  @Test
  void refusesAnAbsoluteImportBeforeEvaluating() {
    Fixtures.write(repo, Map.of("app/leak.jsonnet", "{apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'leak'},"
        + " data: {host: importstr '/etc/hostname'}}"));

    assertThatThrownBy(() -> renderer.render(repo, Fixtures.directoryApp("app", null), OPTIONS))
        .isInstanceOf(RenderException.class)
        .hasMessage("app/leak.jsonnet (jsonnet): imports /etc/hostname, outside the repository: refused");
  }

  @Test
  void refusesAnImportThatClimbsOutOfTheRepositoryThroughALibrary() throws IOException {
    Path outside = Files.createTempDirectory("driftless-outside-");
    try {
      Files.writeString(outside.resolve("secret.libsonnet"), "{token: 'outside'}");
      Fixtures.write(repo, Map.of("app/main.jsonnet", "local l = import 'lib/x.libsonnet'; [l]",
          "lib/x.libsonnet", "import '" + repo.resolve("lib").relativize(outside) + "/secret.libsonnet'"));

      assertThatThrownBy(() -> renderer.render(repo, Fixtures.directoryApp("app",
          jsonnet(List.of(), List.of(), List.of("."))), OPTIONS))
          .isInstanceOf(RenderException.class)
          .hasMessage("app/main.jsonnet (jsonnet): imports " + outside.toRealPath().resolve("secret.libsonnet")
              + ", outside the repository: refused");
    } finally {
      Files.delete(outside.resolve("secret.libsonnet"));
      Files.delete(outside);
    }
  }

  @Test
  void refusesALinkOutOfTheRepositoryThatAnImportFollows() throws IOException {
    Fixtures.write(repo, Map.of("app/main.jsonnet",
        "[{apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'host'}, data: {host: importstr 'vendor/host.txt'}}]"));
    Files.createDirectories(repo.resolve("app/vendor"));
    Files.createSymbolicLink(repo.resolve("app/vendor/host.txt"), Path.of("/etc/hostname"));

    assertThatThrownBy(() -> renderer.render(repo, Fixtures.directoryApp("app", null), OPTIONS))
        .isInstanceOf(RenderException.class)
        .hasMessage("app/main.jsonnet (jsonnet): imports /etc/hostname, outside the repository: refused");
  }

  @Test
  void refusesHostileVariablesOfAStoredApplicationAtRender() {
    Fixtures.write(repo, Map.of("app/cm.jsonnet", "[]"));
    for (Application.JsonnetVar hostile : List.of(new Application.JsonnetVar("-J/", "x", false),
        new Application.JsonnetVar("a=b", "x", false),
        new Application.JsonnetVar("x", "importstr '/etc/hostname'", true))) {
      assertThatThrownBy(() -> renderer.render(repo, Fixtures.directoryApp("app",
          jsonnet(List.of(hostile), List.of(), List.of())), OPTIONS))
          .isInstanceOf(RenderException.class)
          .hasMessageStartingWith("app/cm.jsonnet (jsonnet): spec.source.directory.jsonnet.extVars ")
          .hasMessageContaining("refused");
    }
  }

  @Test
  void refusesALibraryOutsideTheRepositoryOfAStoredApplication() {
    Fixtures.write(repo, Map.of("app/cm.jsonnet", "[]"));

    assertThatThrownBy(() -> renderer.render(repo, Fixtures.directoryApp("app",
        jsonnet(List.of(), List.of(), List.of("../.."))), OPTIONS))
        .isInstanceOf(RenderException.class)
        .hasMessage("app/cm.jsonnet (jsonnet): spec.source.directory.jsonnet.libs ../.. refused: must be relative to"
            + " the repository root and stay inside it");
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
