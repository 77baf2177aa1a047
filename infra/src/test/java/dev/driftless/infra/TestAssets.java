package dev.driftless.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.sns.Topic;

/**
 * Small placeholder deploy assets (dummy jars, a layer directory with stub bin/kustomize and bin/helm) so
 * the stack synthesizes without the shade build or the tools layer script.
 */
final class TestAssets {

  static final String ADMIN = "arn:aws:iam::123456789012:role/platform-admin";

  private TestAssets() {}

  /** An empty zip whose comment is {@code name}, so each jar is a distinct asset. */
  private static byte[] emptyJar(String name) {
    byte[] comment = name.getBytes(StandardCharsets.US_ASCII);
    byte[] zip = new byte[22 + comment.length];
    zip[0] = 'P';
    zip[1] = 'K';
    zip[2] = 5;
    zip[3] = 6;
    zip[20] = (byte) comment.length;
    System.arraycopy(comment, 0, zip, 22, comment.length);
    return zip;
  }

  static DriftlessProps props() {
    try {
      Path dir = Files.createTempDirectory("driftless-infra-test");
      for (FunctionKind kind : FunctionKind.values()) {
        Files.write(dir.resolve(kind.jar()), emptyJar(kind.jar()));
      }
      Path bin = Files.createDirectories(dir.resolve("layer/bin"));
      for (String tool : new String[] {"kustomize", "helm"}) {
        Path t = Files.writeString(bin.resolve(tool), "#!/bin/sh\necho stub\n");
        Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      // As a deployment is given: with a bootstrap admin (without one, synthesis warns; DriftlessStackTest shows it).
      return DriftlessProps.defaults(dir, dir.resolve("layer")).withAdmins(List.of(ADMIN));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An app with the context the real one gets from infra/cdk.json: the CDK's recommended feature flags. */
  @SuppressWarnings("unchecked")
  static App app() {
    try {
      Path cdkJson = DeployAssets.repoRoot(Path.of("")).resolve("infra/cdk.json");
      Map<String, Object> context = (Map<String, Object>) new ObjectMapper().readValue(cdkJson.toFile(), Map.class)
          .get("context");
      return new App(AppProps.builder().context(context).build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static DriftlessStack stack(App app, UnaryOperator<DriftlessProps> customize) {
    return new DriftlessStack(app, "Test", StackProps.builder().build(), customize.apply(props()));
  }

  /**
   * A platform team's own stack: its own resources (a topic for its alarms) and the Driftless construct, which
   * notifies that topic.
   */
  static Stack platformStack(App app) {
    Stack platform = new Stack(app, "Platform", StackProps.builder().build());
    Topic ops = Topic.Builder.create(platform, "Ops").enforceSsl(true).build();
    new Driftless(platform, "GitOps", props().withAlarmTopicArn(ops.getTopicArn()));
    return platform;
  }

  static Template template(UnaryOperator<DriftlessProps> customize) {
    return Template.fromStack(stack(app(), customize));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> resources(Template t) {
    return (Map<String, Object>) t.toJSON().get("Resources");
  }
}
