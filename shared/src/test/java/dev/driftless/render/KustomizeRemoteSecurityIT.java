package dev.driftless.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.driftless.model.DesiredObject;
import dev.driftless.testkit.TestTools;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kustomize loads a URL from many fields besides resources, bases and components. With remote bases not
 * allowed, every one is refused before kustomize runs: a local HTTP server serving a valid patch counts the
 * requests that reach it, and none may.
 */
class KustomizeRemoteSecurityIT {

  private static final String PATCH = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {patched: 'yes'}\n";
  private static RenderOptions options;

  private final Renderer renderer = new Renderer();
  private final AtomicInteger requests = new AtomicInteger();
  private HttpServer server;
  private String url;

  @BeforeAll
  static void tools() {
    TestTools tools = TestTools.load();
    options = RenderOptions.defaults().withTools(tools.kustomize(), tools.helm());
  }

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void answer(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    byte[] body = PATCH.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "patches:\n- path: {url}/p.yaml\n",
      "configMapGenerator:\n- name: g\n  files: [data={url}/data.txt]\n",
      "replacements:\n- path: {url}/replacements.yaml\n",
      "helmCharts:\n- name: redis\n  repo: {url}/charts\n",
      "transformers:\n- |-\n  apiVersion: builtin\n  kind: PatchTransformer\n  metadata: {name: p}\n  path: {url}/p.yaml\n"})
  void aUrlInAFieldOtherThanResourcesIsRefusedBeforeKustomizeRuns(String field, @TempDir Path repo)
      throws IOException {
    KustomizeFieldsSecurityTest.write(repo, Map.of("app/kustomization.yaml",
        "resources: [cm.yaml]\n" + field.replace("{url}", url)));

    assertThatThrownBy(() -> renderer.render(repo, KustomizeFieldsSecurityTest.kustomizeApp(false), options))
        .isInstanceOf(RenderException.class)
        .hasMessageStartingWith("app/kustomization.yaml: ")
        .hasMessageContaining("not allowed")
        .hasMessageContaining("the Application does not allow remote bases");
    assertThat(requests).hasValue(0);
  }

  @Test
  void aPatchUrlInALocalBaseIsRefusedBeforeKustomizeRuns(@TempDir Path repo) throws IOException {
    KustomizeFieldsSecurityTest.write(repo, Map.of("app/kustomization.yaml", "resources: [../base]\n",
        "base/kustomization.yaml", "resources: [../app/cm.yaml]\npatches:\n- path: " + url + "/p.yaml\n"));

    assertThatThrownBy(() -> renderer.render(repo, KustomizeFieldsSecurityTest.kustomizeApp(false), options))
        .hasMessage("base/kustomization.yaml: patches[0].path: remote URL " + url + "/p.yaml not allowed (the"
            + " Application does not allow remote bases: spec.source.kustomize.allowRemoteBases)");
    assertThat(requests).hasValue(0);
  }

  @Test
  void aPatchUrlIsFetchedWhenTheApplicationAllowsRemoteBases(@TempDir Path repo) throws IOException {
    KustomizeFieldsSecurityTest.write(repo, Map.of("app/kustomization.yaml",
        "resources: [cm.yaml]\npatches:\n- path: " + url + "/p.yaml\n"));

    List<DesiredObject> objects = renderer.render(repo, KustomizeFieldsSecurityTest.kustomizeApp(true), options);

    assertThat(objects).singleElement().satisfies(o -> assertThat(o.object().getAdditionalProperties().get("data"))
        .isEqualTo(Map.of("patched", "yes")));
    assertThat(requests.get()).isPositive();
  }

  @Test
  void kustomizeRunWithoutRemoteBasesReachesNoHostAndClonesNothing(@TempDir Path repo) throws IOException {
    // 192.0.2.1 is TEST-NET-1: never routed, so only the proxy's refusal can end this run at once.
    KustomizeFieldsSecurityTest.write(repo, Map.of("app/kustomization.yaml",
        "resources: [cm.yaml]\npatches:\n- path: http://192.0.2.1/p.yaml\n",
        "git/kustomization.yaml", "resources:\n- https://github.com/acme/deploy//base?ref=v1\n"));

    try (ToolHome home = ToolHome.create("test")) {
      Map<String, String> env = home.offlineEnvironment(options.kustomize());
      assertThatThrownBy(() -> ToolProcess.run("app", List.of(options.kustomize().toString(), "build", "--",
          repo.resolve("app").toString()), repo, env, options.timeout(), options.maxRenderBytes()))
          .hasMessageContaining("proxyconnect tcp: dial tcp 127.0.0.1:9");
      assertThatThrownBy(() -> ToolProcess.run("git", List.of(options.kustomize().toString(), "build", "--",
          repo.resolve("git").toString()), repo, env, options.timeout(), options.maxRenderBytes()))
          .hasMessageContaining("transport 'https' not allowed");
    }
  }
}
