package dev.driftless.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

class DriftlessPropsTest {

  private static final DriftlessProps BASE = DriftlessProps.defaults(Path.of("f.jar"), Path.of("layer"));

  @Test
  void contextOverridesPrefixRolesRateRetentionAndFunctionSizes() {
    App app = new App(AppProps.builder().context(Map.of(
        "secretPrefix", "acme/",
        "clusterRoleArns", "arn:aws:iam::123456789012:role/a, arn:aws:iam::123456789012:role/b",
        "scanRateMinutes", "10",
        "logRetentionDays", 90,
        "sync.memory", "3008",
        "sync.timeoutSeconds", "600",
        "webhook.concurrency", "none",
        "api.concurrency", "2")).build());
    DriftlessProps p = DriftlessApp.fromContext(app, BASE);
    assertThat(p.secretPrefix()).isEqualTo("acme/");
    assertThat(p.webhookSecretPrefix()).isEqualTo("acme/webhooks/");
    assertThat(p.clusterRoleArns()).containsExactly("arn:aws:iam::123456789012:role/a",
        "arn:aws:iam::123456789012:role/b");
    assertThat(p.scanRate()).isEqualTo(Duration.ofMinutes(10));
    assertThat(p.logRetentionDays()).isEqualTo(90);
    assertThat(p.sync()).isEqualTo(new FunctionSettings(3008, Duration.ofMinutes(10), 10));
    assertThat(p.webhook().reservedConcurrency()).isNull();
    assertThat(p.api().reservedConcurrency()).isEqualTo(2);
    assertThat(p.driftScan()).isEqualTo(BASE.driftScan());
  }

  @Test
  void badValuesAreRejectedNamingTheField() {
    assertThatThrownBy(() -> BASE.withLogRetentionDays(31)).hasMessageContaining("logRetentionDays 31");
    assertThatThrownBy(() -> BASE.withClusterRoleArns(List.of("prod-role")))
        .hasMessageContaining("clusterRoleArns: 'prod-role' is not an IAM role ARN");
    assertThatThrownBy(() -> BASE.withSecretPrefix("")).hasMessageContaining("secretPrefix");
    assertThatThrownBy(() -> BASE.withScanRate(Duration.ofSeconds(30))).hasMessageContaining("scanRate");
    assertThatThrownBy(() -> BASE.sync().withTimeout(Duration.ofMinutes(16))).hasMessageContaining("timeout");
    assertThatThrownBy(() -> BASE.sync().withMemoryMb(64)).hasMessageContaining("memory 64 MB");
    App app = new App(AppProps.builder().context(Map.of("sync.memory", "lots")).build());
    assertThatThrownBy(() -> DriftlessApp.fromContext(app, BASE)).hasMessageContaining("context sync.memory='lots'");
  }
}
