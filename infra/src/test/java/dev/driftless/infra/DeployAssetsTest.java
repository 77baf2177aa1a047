package dev.driftless.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployAssetsTest {

  @Test
  void missingJarNamesThePathAndTheMavenCommandThatBuildsIt(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("functions"));
    assertThatThrownBy(() -> DeployAssets.locate(root, null, root.resolve("cache")))
        .isInstanceOf(DeployAssets.MissingAssetException.class)
        .hasMessageContaining(root.resolve("functions/target/driftless-engine.jar").toString())
        .hasMessageContaining("mvn -B package -DskipTests");
  }

  @Test
  void missingLayerNamesTheDirectoryAndTheScriptThatBuildsIt(@TempDir Path root) throws IOException {
    jar(root);
    assertThatThrownBy(() -> DeployAssets.locate(root, null, root.resolve("cache")))
        .isInstanceOf(DeployAssets.MissingAssetException.class)
        .hasMessageContaining(root.resolve("cache/tools-layer-kustomize-v5.7.1-helm-v3.19.0").toString())
        .hasMessageContaining("bin/kustomize")
        .hasMessageContaining("scripts/tools-layer");
  }

  @Test
  void layerFromContextIsUsedWhenItHoldsBothTools(@TempDir Path root) throws IOException {
    jar(root);
    Path layer = root.resolve("my-layer");
    Files.createDirectories(layer.resolve("bin"));
    for (String t : new String[] {"kustomize", "helm"}) {
      Files.setPosixFilePermissions(Files.writeString(layer.resolve("bin").resolve(t), "x"),
          PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    DeployAssets a = DeployAssets.locate(root, layer.toString(), root.resolve("cache"));
    assertThat(a.toolsLayer()).isEqualTo(layer);
    assertThat(a.functionJars()).isEqualTo(root.resolve("functions/target"));
  }

  @Test
  void repoRootIsFoundFromInfra(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("functions"));
    Files.createDirectories(root.resolve("infra"));
    assertThat(DeployAssets.repoRoot(root.resolve("infra"))).isEqualTo(root);
  }

  private static void jar(Path root) throws IOException {
    Files.createDirectories(root.resolve("functions/target"));
    for (FunctionKind kind : FunctionKind.values()) {
      Files.writeString(root.resolve("functions/target").resolve(kind.jar()), "jar");
    }
  }
}
