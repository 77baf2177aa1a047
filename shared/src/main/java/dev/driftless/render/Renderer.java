package dev.driftless.render;

import dev.driftless.kustomize.KustomizationReader;
import dev.driftless.model.Application;
import dev.driftless.model.Application.RenderKind;
import dev.driftless.model.DesiredObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Renders an application's manifests from a checked-out repository into desired objects, in a stable order:
 * plain YAML/JSON files and Jsonnet, a Kustomize build, or a Helm chart (detected from the files at the path when the
 * application does not say). Either every object comes back, or a {@link RenderException} naming the path,
 * file, document or tool that failed, and nothing else.
 *
 * <p>Objects keep the namespace they were written with (none included): the apply engine, which knows each
 * kind's scope, defaults it to the destination namespace. Secret references are still references here.
 */
public final class Renderer {

  /** Renders the application found at {@code app.source().path()} below {@code repoRoot}. */
  public List<DesiredObject> render(Path repoRoot, Application app, RenderOptions options) {
    return render(repoRoot, app, options, Map.of());
  }

  /**
   * Renders the application's source below {@code repoRoot}; Helm value files written {@code $ref/path} read from
   * the repositories {@code refs} gives by ref (the Application's other sources).
   */
  public List<DesiredObject> render(Path repoRoot, Application app, RenderOptions options, Map<String, Path> refs) {
    Objects.requireNonNull(repoRoot, "repoRoot");
    Objects.requireNonNull(app, "app");
    RenderOptions opts = options == null ? RenderOptions.defaults() : options;
    RepositoryPaths repo = RepositoryPaths.of(repoRoot);
    Path dir = repo.appDirectory(app.source().path());
    try {
      return switch (kind(app, dir)) {
        case KUSTOMIZE -> KustomizeRenderer.render(repo, dir, app, opts);
        case HELM -> HelmRenderer.render(repo, dir, app, opts, refs);
        default -> PlainRenderer.render(repo, dir, app, opts);
      };
    } catch (RenderException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new RenderException("application " + app.name() + ": rendering " + repo.relative(dir) + " failed: "
          + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /** The render kind the application names, or the one its files show: kustomization, Chart.yaml, plain. */
  public static RenderKind kind(Application app, Path dir) {
    RenderKind declared = app.source().kind();
    if (declared != RenderKind.DETECT) {
      return declared;
    }
    if (KustomizationReader.find(dir) != null) {
      return RenderKind.KUSTOMIZE;
    }
    if (Files.isRegularFile(dir.resolve("Chart.yaml"))) {
      return RenderKind.HELM;
    }
    return RenderKind.PLAIN;
  }
}
