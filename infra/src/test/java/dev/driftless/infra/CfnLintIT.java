package dev.driftless.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;

/**
 * cfn-lint (through scripts/cfn-lint, which installs the pinned version when none is on the machine) finds
 * no error, warning or informational finding in template.yaml or in the synthesized CDK template.
 */
class CfnLintIT {

  private static Path root;

  record Run(int exit, String output) {}

  @BeforeAll
  static void cfnLintIsAvailable() throws Exception {
    root = DeployAssets.repoRoot(Path.of(""));
    Run version = cfnLint(List.of("--version"));
    assumeTrue(version.exit() == 0, "cfn-lint could not be run or installed by scripts/cfn-lint: " + version.output());
  }

  @Test
  void samTemplateHasNoFindings() throws Exception {
    Run r = cfnLint(List.of(root.resolve("template.yaml").toString()));
    assertThat(r.exit()).as(r.output()).isZero();
  }

  @Test
  void synthesizedCdkTemplateHasNoFindings(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("Driftless.template.json");
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(),
        TestAssets.template(p -> p.withClusterRoleArns(List.of("arn:aws:iam::123456789012:role/driftless-prod"))
            .withAlarmTopicArn("arn:aws:sns:us-east-1:123456789012:ops")).toJSON());
    // W3005 (DependsOn besides a GetAtt on the same role) is how CDK makes every function wait for its role
    // AND the role's policy: the GetAtt alone would not order the policy. Only that check is ignored.
    Run r = cfnLint(List.of("--ignore-checks", "W3005", "--", file.toString()));
    assertThat(r.exit()).as(r.output()).isZero();
  }

  @Test
  void aPlatformTeamsOwnAppWithTheConstructHasNoFindings(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("Platform.template.json");
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(),
        Template.fromStack(TestAssets.platformStack(TestAssets.app())).toJSON());
    Run r = cfnLint(List.of("--ignore-checks", "W3005", "--", file.toString()));
    assertThat(r.exit()).as(r.output()).isZero();
  }

  private static Run cfnLint(List<String> args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(root.resolve("scripts/cfn-lint").toString()));
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      return new Run(-1, "cfn-lint did not finish within 10 minutes");
    }
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
