package dev.driftless.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.function.UnaryOperator;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/**
 * Small placeholder deploy assets (a dummy jar, a layer directory with stub bin/kustomize and bin/helm) so
 * the stack synthesizes without the shade build or the tools layer script.
 */
final class TestAssets {

  private TestAssets() {}

  static DriftlessProps props() {
    try {
      Path dir = Files.createTempDirectory("driftless-infra-test");
      Path jar = dir.resolve(DeployAssets.JAR_NAME);
      Files.write(jar, new byte[] {'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
      Path bin = Files.createDirectories(dir.resolve("layer/bin"));
      for (String tool : new String[] {"kustomize", "helm"}) {
        Path t = Files.writeString(bin.resolve(tool), "#!/bin/sh\necho stub\n");
        Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      return DriftlessProps.defaults(jar, dir.resolve("layer"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static DriftlessStack stack(App app, UnaryOperator<DriftlessProps> customize) {
    return new DriftlessStack(app, "Test", StackProps.builder().build(), customize.apply(props()));
  }

  static Template template(UnaryOperator<DriftlessProps> customize) {
    return Template.fromStack(stack(new App(), customize));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> resources(Template t) {
    return (Map<String, Object>) t.toJSON().get("Resources");
  }
}
