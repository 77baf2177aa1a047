package dev.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code driftless context ...} against a temporary home, and which server commands then call. */
class ContextTest {

  private static final String PROD = "https://abcdefghij.lambda-url.eu-west-1.on.aws";
  private static final String LOCAL = "http://127.0.0.1:8080";

  @TempDir Path home;

  private Run run(String... args) {
    return Run.of(home, args);
  }

  private Path file() {
    return home.resolve(ContextFile.PATH);
  }

  @Test
  void theFirstContextAddedBecomesCurrentAndUseSwitches() {
    Run added = run("context", "add", "prod", "--server", PROD + "/");
    assertThat(added.code()).isZero();
    assertThat(added.out()).isEqualTo("Context prod added; it is the current context.\n");
    assertThat(run("context", "add", "local", "--server", LOCAL, "--region", "us-east-2").out())
        .isEqualTo("Context local added.\n");
    assertThat(run("context", "current").out()).isEqualTo("prod\n");

    Run used = run("context", "use", "local");
    assertThat(used.code()).isZero();
    assertThat(used.out()).isEqualTo("Switched to context local (" + LOCAL + ").\n");
    assertThat(run("context", "current").out()).isEqualTo("local\n");
  }

  @Test
  void listMarksTheCurrentContextAndPrintsJsonAndYaml() throws Exception {
    run("context", "add", "prod", "--server", PROD);
    run("context", "add", "local", "--server", LOCAL, "--region", "us-east-2");
    assertThat(run("context", "list").out()).isEqualTo("""
        CURRENT   NAME    SERVER                                           REGION
                  local   http://127.0.0.1:8080                            us-east-2
        *         prod    https://abcdefghij.lambda-url.eu-west-1.on.aws   -
        """);

    JsonNode json = ApiClient.JSON.readTree(run("context", "list", "-o", "json").out());
    assertThat(json.path("current").asText()).isEqualTo("prod");
    assertThat(json.path("contexts")).hasSize(2);
    assertThat(json.path("contexts").get(0).path("name").asText()).isEqualTo("local");
    assertThat(json.path("contexts").get(0).path("region").asText()).isEqualTo("us-east-2");
    assertThat(json.path("contexts").get(1).has("region")).isFalse();

    JsonNode yaml = new YAMLMapper().readTree(run("context", "list", "-o", "yaml").out());
    assertThat(yaml).isEqualTo(json);
  }

  @Test
  void anUnknownContextIsAUsageErrorListingTheKnownOnes() {
    run("context", "add", "prod", "--server", PROD);
    run("context", "add", "local", "--server", LOCAL);
    for (String[] args : new String[][] {{"context", "use", "staging"}, {"context", "delete", "staging"},
        {"--context", "staging", "app", "list"}}) {
      Run r = run(args);
      assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err()).as(String.join(" ", args))
          .isEqualTo("error: no context staging: known contexts are local, prod\n");
    }
    Run none = Run.of(home.resolve("empty"), "context", "use", "prod");
    assertThat(none.err()).isEqualTo("error: no context prod: none is defined (add one with driftless context add "
        + "NAME --server URL)\n");
  }

  @Test
  void deletingTheCurrentContextLeavesNoneCurrent() {
    run("context", "add", "prod", "--server", PROD);
    run("context", "add", "local", "--server", LOCAL);
    assertThat(run("context", "delete", "local").out()).isEqualTo("Deleted context local.\n");
    assertThat(run("context", "current").out()).isEqualTo("prod\n");
    assertThat(run("context", "delete", "prod").out())
        .isEqualTo("Deleted context prod; no context is current now.\n");
    Run current = run("context", "current");
    assertThat(current.code()).isEqualTo(Main.FAILED);
    assertThat(current.err()).isEqualTo("error: no current context: choose one with driftless context use NAME\n");
    assertThat(run("context", "list").out()).isEqualTo("No contexts: add one with driftless context add NAME "
        + "--server URL.\n");
  }

  @Test
  void theFileIsYamlOnlyItsOwnerCanReadAndNoTemporaryFileIsLeft() throws Exception {
    run("context", "add", "prod", "--server", PROD, "--region", "eu-west-1");
    run("context", "add", "local", "--server", LOCAL);
    assertThat(Files.readString(file())).isEqualTo("""
        current: prod
        contexts:
          local:
            server: http://127.0.0.1:8080
          prod:
            server: https://abcdefghij.lambda-url.eu-west-1.on.aws
            region: eu-west-1
        """);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
    try (var files = Files.list(file().getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("contexts.yaml");
    }
  }

  @Test
  void addRefusesANameOrServerThatCannotBeUsedAndWritesNothing() {
    Run badName = run("context", "add", "-prod", "--server", PROD);
    assertThat(badName.code()).isEqualTo(2);
    Run flagName = run("context", "add", "../prod", "--server", PROD);
    assertThat(flagName.code()).isEqualTo(2);
    assertThat(flagName.err()).isEqualTo("error: context name ../prod must be 1 to 63 letters, digits, '.', '_' or "
        + "'-', starting with a letter or digit\n");
    Run badServer = run("context", "add", "prod", "--server", "file:///etc/passwd");
    assertThat(badServer.code()).isEqualTo(2);
    assertThat(badServer.err()).isEqualTo("error: server file:///etc/passwd must be an http:// or https:// URL\n");
    assertThat(file()).doesNotExist();
  }

  @Test
  void aBrokenContextsFileIsAnErrorNamingTheFileAndTheField() throws Exception {
    Files.createDirectories(file().getParent());
    Files.writeString(file(), "current: prod\ncontexts:\n  prod:\n    region: eu-west-1\n");
    Run r = run("app", "list");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("error: ~/" + ContextFile.PATH + ": contexts.prod.server is missing\n");

    Files.writeString(file(), "current: staging\ncontexts:\n  prod: {server: " + PROD + "}\n");
    assertThat(run("context", "list").err()).isEqualTo("error: ~/" + ContextFile.PATH + ": current names staging, "
        + "which is not among the contexts\n");
  }

  @Test
  void commandsCallTheCurrentContextsServerAndItsRegion() throws Exception {
    run("context", "add", "prod", "--server", "https://api.example.com", "--region", "ap-south-1");
    Settings s = Settings.resolve(new GlobalOptions(), terminal(Map.of("AWS_REGION", "us-east-1")));
    assertThat(s.server().toString()).isEqualTo("https://api.example.com");
    assertThat(s.region()).as("the context's region before the environment's").isEqualTo("ap-south-1");
  }

  private Terminal terminal(Map<String, String> env) {
    PrintWriter sink = new PrintWriter(new StringWriter());
    return new Terminal(sink, sink, env, home, false, Clock.systemUTC());
  }
}
