package dev.driftless.bench;

import com.marcnuri.helm.Helm;
import dev.driftless.model.Application;
import dev.driftless.render.RenderOptions;
import dev.driftless.render.Renderer;
import dev.driftless.testkit.TestTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Render time of a plain directory, a kustomize overlay and a helm chart of 200 objects each (generated into a
 * temporary directory), through Driftless's {@link Renderer} and beside the tools run directly
 * ({@code kustomize build}, {@code kubectl kustomize}, {@code helm template}) and helm-java in process.
 * Prints a Markdown table of milliseconds per render: 2 warm-up runs, then the median, min and max of 5.
 *
 * <p>Run: {@code scripts/bench render}.
 */
public final class RenderBenchmark {

  private static final int OBJECTS = 200;
  private static final int WARMUP = 2;
  private static final int RUNS = 5;

  public static void main(String[] args) throws Exception {
    TestTools tools = TestTools.load();
    Path work = Files.createTempDirectory("driftless-bench-");
    Path plain = plain(work.resolve("plain"));
    Path overlay = kustomize(work.resolve("kustomize"));
    Path chart = helm(work.resolve("helm"));
    RenderOptions options = RenderOptions.defaults().withTools(tools.kustomize(), tools.helm())
        .withKubeVersion("v1.34.4");
    Renderer renderer = new Renderer();

    List<String> rows = new ArrayList<>();
    rows.add(row("plain", "Driftless Renderer", time(() -> renderer.render(work, app("plain"), options).size())));
    rows.add(row("kustomize", "Driftless Renderer", time(() -> renderer.render(work, app("kustomize/overlay"),
        options).size())));
    rows.add(row("kustomize", "kustomize build", time(() -> run(overlay, tools.kustomize().toString(), "build",
        overlay.toString()))));
    rows.add(row("kustomize", "kubectl kustomize", time(() -> run(overlay, tools.kubectl().toString(), "kustomize",
        overlay.toString()))));
    rows.add(row("helm", "Driftless Renderer (helm binary)", time(() -> renderer.render(work, app("helm"),
        options).size())));
    rows.add(row("helm", "helm template", time(() -> run(chart, tools.helm().toString(), "template", "web",
        chart.toString(), "--namespace", "shop", "--include-crds", "--kube-version", "v1.34.4"))));
    rows.add(row("helm", "helm-java 0.0.21 template (in process)", time(() -> count(new Helm(chart).template()
        .withName("web").withNamespace("shop").withKubeVersion("v1.34.4").call()))));

    System.out.println("| input (" + OBJECTS + " objects) | renderer | median ms | min ms | max ms | objects |");
    System.out.println("|---|---|---:|---:|---:|---:|");
    rows.forEach(System.out::println);
    System.out.println();
    System.out.println("Runs: " + WARMUP + " warm-up + " + RUNS + " measured; " + Runtime.getRuntime().availableProcessors()
        + " cores; Java " + System.getProperty("java.version") + "; inputs in " + work);
  }

  private record Timing(long[] millis, int objects) {}

  private static Timing time(Supplier<Integer> render) {
    int objects = 0;
    for (int i = 0; i < WARMUP; i++) {
      objects = render.get();
    }
    long[] ms = new long[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long start = System.nanoTime();
      objects = render.get();
      ms[i] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
    Arrays.sort(ms);
    return new Timing(ms, objects);
  }

  private static String row(String input, String renderer, Timing t) {
    return "| " + input + " | " + renderer + " | " + t.millis()[RUNS / 2] + " | " + t.millis()[0] + " | "
        + t.millis()[RUNS - 1] + " | " + t.objects() + " |";
  }

  private static Application app(String path) {
    return new Application("web", "default", new Application.Source("https://git.example.com/bench.git", "main",
        path, null, Application.RenderKind.DETECT, null, null), new Application.Destination("c1", "shop"), null,
        List.of());
  }

  private static int run(Path dir, String... command) {
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      String out = new String(p.getInputStream().readAllBytes());
      if (p.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed");
      }
      return count(out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int count(String yaml) {
    return (int) yaml.lines().filter(l -> l.startsWith("kind:")).count();
  }

  /** Object i of 200: a ConfigMap, a Service or a Deployment, in turn. */
  private static String object(int i, String namespace) {
    String ns = namespace == null ? "" : "\n  namespace: " + namespace;
    return switch (i % 3) {
      case 0 -> "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-" + i + ns
          + "\ndata:\n  color: blue\n  size: \"" + i + "\"\n";
      case 1 -> "apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-" + i + ns
          + "\nspec:\n  selector: {app: app-" + i + "}\n  ports: [{port: 80, targetPort: 8080}]\n";
      default -> "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-" + i + ns
          + "\nspec:\n  replicas: 1\n  selector: {matchLabels: {app: app-" + i + "}}\n  template:\n"
          + "    metadata: {labels: {app: app-" + i + "}}\n    spec:\n      containers:\n"
          + "        - {name: app, image: \"nginx:1.27\", ports: [{containerPort: 8080}]}\n";
    };
  }

  private static Path plain(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (int f = 0; f < 20; f++) {
      StringBuilder sb = new StringBuilder();
      for (int i = f * 10; i < f * 10 + 10; i++) {
        sb.append("---\n").append(object(i, "shop"));
      }
      Files.writeString(dir.resolve(String.format("objects-%02d.yaml", f)), sb.toString());
    }
    return dir;
  }

  private static Path kustomize(Path dir) throws IOException {
    Path base = Files.createDirectories(dir.resolve("base"));
    StringBuilder resources = new StringBuilder("resources:\n");
    for (int f = 0; f < 20; f++) {
      StringBuilder sb = new StringBuilder();
      for (int i = f * 10; i < f * 10 + 10; i++) {
        sb.append("---\n").append(object(i, null));
      }
      Files.writeString(base.resolve("objects-" + f + ".yaml"), sb.toString());
      resources.append("  - objects-").append(f).append(".yaml\n");
    }
    Files.writeString(base.resolve("kustomization.yaml"), resources.toString());
    Path overlay = Files.createDirectories(dir.resolve("overlay"));
    Files.writeString(overlay.resolve("kustomization.yaml"), "namespace: shop\nnamePrefix: prod-\n"
        + "labels:\n  - pairs: {env: prod}\nresources:\n  - ../base\n");
    return overlay;
  }

  private static Path helm(Path dir) throws IOException {
    Path templates = Files.createDirectories(dir.resolve("templates"));
    Files.writeString(dir.resolve("Chart.yaml"), "apiVersion: v2\nname: bench\nversion: 0.1.0\n");
    Files.writeString(dir.resolve("values.yaml"), "count: " + (OBJECTS / 3 + 1) + "\ncolor: blue\nimage: nginx:1.27\n");
    Files.writeString(templates.resolve("configmaps.yaml"), """
        {{- range $i := until (int .Values.count) }}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{ $.Release.Name }}-settings-{{ $i }}
          namespace: {{ $.Release.Namespace }}
        data:
          color: {{ $.Values.color | quote }}
          index: {{ $i | quote }}
        {{- end }}
        """);
    Files.writeString(templates.resolve("services.yaml"), """
        {{- range $i := until (int .Values.count) }}
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: {{ $.Release.Name }}-svc-{{ $i }}
        spec:
          selector: {app: app-{{ $i }}}
          ports: [{port: 80, targetPort: 8080}]
        {{- end }}
        """);
    Files.writeString(templates.resolve("deployments.yaml"), """
        {{- range $i := until (sub (int .Values.count) 1 | int) }}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{ $.Release.Name }}-app-{{ $i }}
        spec:
          replicas: 1
          selector: {matchLabels: {app: app-{{ $i }}}}
          template:
            metadata: {labels: {app: app-{{ $i }}}}
            spec:
              containers:
                - {name: app, image: {{ $.Values.image | quote }}, ports: [{containerPort: 8080}]}
        {{- end }}
        """);
    return dir;
  }
}
