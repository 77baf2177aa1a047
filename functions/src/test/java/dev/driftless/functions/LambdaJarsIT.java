package dev.driftless.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The deployable jars the package phase writes (see the shade executions in pom.xml): each carries only what
 * its functions run. scripts/bench-jars runs every handler from its jar.
 */
class LambdaJarsIT {

  private static final List<String> ENGINE_ONLY =
      List.of("io/fabric8/", "org/eclipse/jgit/", "org/apache/sshd/", "org/bouncycastle/");
  /** Custom health's CEL and Lua engines and what they bring: only the sync and API functions assess health. */
  private static final List<String> HEALTH_ENGINES =
      List.of("dev/cel/", "org/luaj/", "com/google/protobuf/", "com/google/common/", "org/antlr/");
  private static final List<String> NOWHERE = List.of("dev/driftless/local/", "dev/driftless/functions/local/",
      "org/apache/http/", "org/apache/hc/", "io/netty/", "software/amazon/awssdk/http/apache",
      "software/amazon/awssdk/http/nio/");

  @ParameterizedTest
  @ValueSource(strings = {"driftless-webhook.jar", "driftless-scan.jar"})
  void theWebhookAndScanJarsCarryNoKubernetesGitOrSshCode(String name) throws IOException {
    assertThat(entries(name)).noneMatch(e -> ENGINE_ONLY.stream().anyMatch(e::startsWith));
  }

  @ParameterizedTest
  @ValueSource(strings = {"driftless-webhook.jar", "driftless-scan.jar"})
  void theWebhookAndScanJarsCarryNoCustomHealthEngine(String name) throws IOException {
    assertThat(entries(name)).noneMatch(e -> HEALTH_ENGINES.stream().anyMatch(e::startsWith));
  }

  @Test
  void theEngineJarCarriesTheCelAndLuaEngines() throws IOException {
    assertThat(entries("driftless-engine.jar")).contains("dev/cel/bundle/CelFactory.class",
        "org/luaj/vm2/Globals.class");
  }

  @ParameterizedTest
  @ValueSource(strings = {"driftless-webhook.jar", "driftless-scan.jar", "driftless-engine.jar"})
  void noLambdaJarCarriesTheLocalRunnerOrAnHttpClientOtherThanTheChosenOne(String name) throws IOException {
    assertThat(entries(name))
        .noneMatch(e -> NOWHERE.stream().anyMatch(e::startsWith))
        .contains("software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class");
  }

  @ParameterizedTest
  @ValueSource(strings = {"driftless-webhook.jar", "driftless-scan.jar", "driftless-engine.jar"})
  void everyLambdaJarIsMultiRelease(String name) throws IOException {
    try (JarFile jar = new JarFile(jar(name).toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Multi-Release")).isEqualTo("true");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"driftless-webhook.jar", "driftless-scan.jar", "driftless-engine.jar"})
  void everyLambdaJarKeepsTheSdksServiceFiles(String name) throws IOException {
    assertThat(entries(name)).contains("META-INF/services/software.amazon.awssdk.http.SdkHttpService");
  }

  @ParameterizedTest
  @ValueSource(strings = {"driftless-webhook.jar", "driftless-scan.jar", "driftless-engine.jar"})
  void everyLambdaJarLogsThroughTheJsonBackendAlone(String name) throws IOException {
    try (JarFile jar = new JarFile(jar(name).toFile())) {
      ZipEntry services = jar.getEntry("META-INF/services/org.slf4j.spi.SLF4JServiceProvider");
      assertThat(services).isNotNull();
      assertThat(new String(jar.getInputStream(services).readAllBytes()).strip())
          .isEqualTo("dev.driftless.functions.logging.JsonLogProvider");
    }
    assertThat(entries(name)).noneMatch(e -> e.startsWith("org/slf4j/simple/"));
  }

  @Test
  void theEngineJarKeepsTheServiceFileFabric8FindsItsHttpClientBy() throws IOException {
    try (JarFile jar = new JarFile(jar("driftless-engine.jar").toFile())) {
      ZipEntry services = jar.getEntry("META-INF/services/io.fabric8.kubernetes.client.http.HttpClient$Factory");
      assertThat(services).isNotNull();
      assertThat(new String(jar.getInputStream(services).readAllBytes()))
          .contains("io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory");
    }
  }

  private static Path jar(String name) {
    Path jar = Path.of("target", name);
    assertThat(jar).as("built by mvn package").isRegularFile();
    return jar;
  }

  private static List<String> entries(String name) throws IOException {
    try (JarFile jar = new JarFile(jar(name).toFile())) {
      return jar.stream().map(ZipEntry::getName).toList();
    }
  }
}
