package dev.driftless.infra;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the two things the stack deploys that the CDK app does not build: the functions' shaded jars (one per
 * function family, in functions/target) and the tools layer directory. Synth builds nothing and needs no
 * network, so when one is missing it stops with the command that builds it.
 */
public record DeployAssets(Path functionJars, Path toolsLayer) {

  /** Thrown when a deploy asset is missing; the message names the path and the command that builds it. */
  public static final class MissingAssetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MissingAssetException(String message) {
      super(message);
    }
  }

  /**
   * @param repoRoot the repository root (holds functions/)
   * @param toolsLayerOverride a layer directory from context {@code -c toolsLayer=...}, or {@code null}
   * @param cacheDir the Driftless cache ({@code ~/.cache/driftless} unless DRIFTLESS_CACHE says otherwise)
   */
  public static DeployAssets locate(Path repoRoot, String toolsLayerOverride, Path cacheDir) {
    Path jars = repoRoot.resolve("functions/target");
    for (FunctionKind kind : FunctionKind.values()) {
      Path jar = jars.resolve(kind.jar());
      if (!Files.isRegularFile(jar)) {
        throw new MissingAssetException("functions jar " + jar + " not found: build it with "
            + "`mvn -B package -DskipTests` (or `mvn -B -pl functions -am package -DskipTests`) at " + repoRoot);
      }
    }
    Path layer = toolsLayerOverride != null && !toolsLayerOverride.isBlank()
        ? Path.of(toolsLayerOverride).toAbsolutePath()
        : cacheDir.resolve(ToolVersions.layerDirectoryName());
    for (String tool : new String[] {"kustomize", "helm"}) {
      if (!Files.isExecutable(layer.resolve("bin").resolve(tool))) {
        throw new MissingAssetException("tools layer " + layer + ": bin/" + tool + " not found or not executable: "
            + "build the layer with `scripts/tools-layer` (or pass -c toolsLayer=DIR holding bin/kustomize and bin/helm)");
      }
    }
    return new DeployAssets(jars, layer);
  }

  /** The repository root: the nearest directory at or above {@code start} holding functions/ and infra/. */
  public static Path repoRoot(Path start) {
    for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("functions")) && Files.isDirectory(p.resolve("infra"))) {
        return p;
      }
    }
    throw new MissingAssetException("repository root not found above " + start.toAbsolutePath()
        + ": run the CDK app from the Driftless repository (cdk.json is in infra/)");
  }

  public static Path defaultCacheDir() {
    String env = System.getenv("DRIFTLESS_CACHE");
    return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "driftless");
  }
}
