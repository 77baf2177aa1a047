package dev.driftless.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.model.Application;
import dev.driftless.model.DesiredObject;
import dev.driftless.model.KustomizeEdits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Argo CD's kustomize options with the real kustomize: the render equals what {@code kustomize edit} on a copy of
 * the kustomization, then {@code kustomize build}, gives (Argo CD's way), and the repository stays untouched.
 */
class KustomizeOptionsIT {

  private static final RenderOptions OPTIONS = Fixtures.realTools();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: 1
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers:
              - {name: web, image: nginx:1.25, ports: [{containerPort: 80}]}
              - {name: sidecar, image: busybox:1.36}
      """;
  private static final String PATCH = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        template:
          metadata: {annotations: {patched: from-file}}
      """;
  private static final String COMPONENT = """
      apiVersion: kustomize.config.k8s.io/v1alpha1
      kind: Component
      resources: [monitor.yaml]
      """;
  private static final String MONITOR = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: monitor}\n";

  private final Renderer renderer = new Renderer();

  @TempDir
  Path repo;

  @BeforeEach
  void writeRepository() {
    Fixtures.write(repo, Map.of(
        "apps/web/kustomization.yaml", "resources: [deployment.yaml, service.yaml]\n",
        "apps/web/deployment.yaml", DEPLOYMENT,
        "apps/web/service.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: web}\n"
            + "spec: {selector: {app: web}, ports: [{port: 80}]}\n",
        "apps/web/patches/annotate.yaml", PATCH,
        "components/monitoring/kustomization.yaml", COMPONENT,
        "components/monitoring/monitor.yaml", MONITOR));
  }

  private static Application app(KustomizeEdits edits) {
    return Fixtures.app("apps/web", Application.RenderKind.KUSTOMIZE,
        new Application.Kustomize(false, List.of(), edits), null);
  }

  @Test
  void everyOptionRendersAsKustomizeEditThenBuildWould() throws Exception {
    KustomizeEdits edits = new KustomizeEdits("prod-", "-v2", "shop",
        List.of("nginx:1.27", "busybox=registry.example.com:5000/mirror/busybox:1.37"),
        List.of(new KustomizeEdits.Replica("web", 3)), Map.of("team", "payments"),
        Map.of("owner", "payments team"),
        List.of(new KustomizeEdits.Patch(null, "[{\"op\": \"add\", \"path\": \"/spec/minReadySeconds\", \"value\": 5}]",
                Map.of("kind", "Deployment"), null),
            new KustomizeEdits.Patch("patches/annotate.yaml", null, null, null)),
        List.of("../../components/monitoring"));

    List<DesiredObject> objects = renderer.render(repo, app(edits), OPTIONS);

    Path copy = copyOfRepository();
    Path web = copy.resolve("apps/web");
    kustomize(web, "edit", "set", "nameprefix", "prod-");
    kustomize(web, "edit", "set", "namesuffix", "--", "-v2");
    kustomize(web, "edit", "set", "namespace", "shop");
    kustomize(web, "edit", "set", "image", "nginx:1.27", "busybox=registry.example.com:5000/mirror/busybox:1.37");
    kustomize(web, "edit", "set", "replicas", "web=3");
    kustomize(web, "edit", "add", "label", "--force", "team:payments");
    kustomize(web, "edit", "add", "annotation", "--force", "owner:payments team");
    kustomize(web, "edit", "add", "patch", "--kind", "Deployment", "--patch",
        "[{\"op\": \"add\", \"path\": \"/spec/minReadySeconds\", \"value\": 5}]");
    kustomize(web, "edit", "add", "patch", "--path", "patches/annotate.yaml");
    kustomize(web, "edit", "add", "component", "../../components/monitoring");
    List<Object> byHand = new ArrayList<>();
    new Yaml().loadAll(kustomize(web, "build", ".")).forEach(byHand::add);

    assertThat(objects).extracting(o -> o.key().toString()).containsExactly("ConfigMap shop/prod-monitor-v2",
        "Service shop/prod-web-v2", "Deployment.apps shop/prod-web-v2");
    assertThat(objects.stream().map(o -> JSON.convertValue(o.object(), Map.class)).toList())
        .isEqualTo(JSON.convertValue(byHand, List.class));
    String deployment = JSON.writeValueAsString(objects.get(2).object());
    assertThat(deployment).contains("\"replicas\":3", "\"minReadySeconds\":5", "\"patched\":\"from-file\"",
        "\"image\":\"nginx:1.27\"", "\"image\":\"registry.example.com:5000/mirror/busybox:1.37\"",
        "\"team\":\"payments\"", "\"owner\":\"payments team\"");
  }

  @Test
  void leavesTheCheckoutUntouched() throws IOException {
    String before = Files.readString(repo.resolve("apps/web/kustomization.yaml"));

    renderer.render(repo, app(new KustomizeEdits("prod-", null, null, List.of(), List.of(), Map.of(), Map.of(),
        List.of(), List.of())), OPTIONS);

    assertThat(Files.readString(repo.resolve("apps/web/kustomization.yaml"))).isEqualTo(before);
    try (Stream<Path> files = Files.walk(repo)) {
      assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(6);
    }
  }

  @Test
  void aValueThatLooksLikeAFlagIsDataInTheKustomizationNotAnArgument() {
    List<DesiredObject> objects = renderer.render(repo, app(new KustomizeEdits(null, null, null, List.of(),
        List.of(), Map.of(), Map.of("note", "--load-restrictor=LoadRestrictionsNone"), List.of(), List.of())), OPTIONS);

    assertThat(objects).allSatisfy(o -> assertThat(o.object().getMetadata().getAnnotations())
        .containsEntry("note", "--load-restrictor=LoadRestrictionsNone"));
  }

  @Test
  void refusesAComponentOrPatchFileOutsideTheRepositoryOfAStoredApplication() throws IOException {
    assertThatThrownBy(() -> renderer.render(repo, app(new KustomizeEdits(null, null, null, List.of(), List.of(),
        Map.of(), Map.of(), List.of(), List.of("../../.."))), OPTIONS))
        .isInstanceOf(RenderException.class)
        .hasMessage("apps/web (kustomize): spec.source.kustomize.components ../../.. resolves outside the repository");
    assertThatThrownBy(() -> renderer.render(repo, app(new KustomizeEdits(null, null, null, List.of(), List.of(),
        Map.of(), Map.of(), List.of(new KustomizeEdits.Patch("../../../../../../../../etc/hostname", null, null, null)),
        List.of())), OPTIONS))
        .isInstanceOf(RenderException.class)
        .hasMessage("apps/web (kustomize): spec.source.kustomize.patches path ../../../../../../../../etc/hostname"
            + " resolves outside the repository");
    Files.createSymbolicLink(repo.resolve("apps/web/patches/linked.yaml"), Path.of("/etc/hostname"));
    assertThatThrownBy(() -> renderer.render(repo, app(new KustomizeEdits(null, null, null, List.of(), List.of(),
        Map.of(), Map.of(), List.of(new KustomizeEdits.Patch("patches/linked.yaml", null, null, null)), List.of())),
        OPTIONS))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining("resolves outside the repository (through a symbolic link)");
  }

  @Test
  void aComponentIsScannedForRemoteReferencesLikeTheKustomizationItself() {
    Fixtures.write(repo, Map.of("components/remote/kustomization.yaml",
        "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n"
            + "resources:\n- https://github.com/example/evil//base?ref=main\n"));

    assertThatThrownBy(() -> renderer.render(repo, app(new KustomizeEdits(null, null, null, List.of(), List.of(),
        Map.of(), Map.of(), List.of(), List.of("../../components/remote"))), OPTIONS))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining("components/remote/kustomization.yaml: resources")
        .hasMessageContaining("not allowed");
  }

  private Path copyOfRepository() throws IOException {
    Path copy = Files.createDirectories(repo.resolveSibling(repo.getFileName() + "-by-hand"));
    try (Stream<Path> files = Files.walk(repo)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path target = copy.resolve(repo.relativize(f).toString());
        Files.createDirectories(target.getParent());
        Files.copy(f, target);
      }
    }
    return copy;
  }

  private static String kustomize(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(OPTIONS.kustomize().toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
    return out;
  }
}
