package dev.driftless.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.ILayerVersion;
import software.amazon.awscdk.services.lambda.LayerVersion;

/**
 * Ships the deployment's custom health rules (a YAML or JSON document of CEL expressions and Argo CD Lua
 * scripts, given by the {@value #CONTEXT} context key as a local file) to the sync and API functions: as a file in
 * a layer of its own, at {@value #FILE}, named by the {@value #ENV} variable. A file rather than the variable's
 * value because Lambda's environment holds 4 KB in all and a few pasted Lua scripts pass that; a layer rather than
 * an SSM parameter or the table because it needs no call, no permission and no cache at start. The functions
 * compile the rules as they start (before the SnapStart snapshot), so a bad rule fails the deployment's version
 * publishing with a message naming the entry and field.
 */
final class HealthConfig {

  /** The context key naming the local file. */
  static final String CONTEXT = "driftless:healthConfig";
  /** The variable the engine reads (dev.driftless.health.CustomHealth.ENV). */
  static final String ENV = "DRIFTLESS_HEALTH_CONFIG";
  /** Where the layer puts the file in the function. */
  static final String FILE = "/opt/driftless/health.yaml";

  private HealthConfig() {}

  /** Adds the layer holding {@code file} to the sync and API functions and names it to them. */
  static void attach(Driftless driftless, Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("context " + CONTEXT + "='" + file + "': no such file");
    }
    ILayerVersion layer = LayerVersion.Builder.create(driftless, "HealthConfigLayer")
        .description("Driftless custom health rules in " + FILE)
        .code(Code.fromAsset(layerDirectory(file).toString()))
        .compatibleRuntimes(List.of(DriftlessFunction.RUNTIME))
        .compatibleArchitectures(List.of(DriftlessFunction.ARCHITECTURE))
        .build();
    for (FunctionKind kind : List.of(FunctionKind.SYNC, FunctionKind.API)) {
      driftless.function(kind).function().addLayers(layer);
      driftless.function(kind).function().addEnvironment(ENV, FILE);
    }
  }

  /** A directory laid out as the layer: {@code driftless/health.yaml}, unpacked under /opt. */
  private static Path layerDirectory(Path file) {
    try {
      Path dir = Files.createTempDirectory("driftless-health-layer");
      Path target = Files.createDirectories(dir.resolve("driftless")).resolve("health.yaml");
      Files.copy(file, target);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("context " + CONTEXT + ": cannot stage " + file + " for its layer", e);
    }
  }
}
