package dev.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

  @TempDir Path home;

  private Terminal terminal(Map<String, String> env, boolean interactive) {
    PrintWriter sink = new PrintWriter(new StringWriter());
    return new Terminal(sink, sink, env, home, interactive, Clock.systemUTC());
  }

  private void config(String text) throws Exception {
    Path f = home.resolve(Settings.CONFIG);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
  }

  @Test
  void optionsWinOverTheEnvironmentWhichWinsOverTheConfigFile() throws Exception {
    config("server=https://from-config.example\nregion=ap-south-1\noutput=yaml\n");
    GlobalOptions o = new GlobalOptions();
    Settings fromConfig = Settings.resolve(o, terminal(Map.of(), false));
    assertThat(fromConfig.server().toString()).isEqualTo("https://from-config.example");
    assertThat(fromConfig.region()).isEqualTo("ap-south-1");
    assertThat(fromConfig.output()).isEqualTo(GlobalOptions.Format.yaml);

    Settings fromEnv = Settings.resolve(o, terminal(Map.of("DRIFTLESS_SERVER", "https://x.lambda-url.eu-west-1.on.aws/",
        "AWS_REGION", "us-east-2"), false));
    assertThat(fromEnv.server().toString()).isEqualTo("https://x.lambda-url.eu-west-1.on.aws");
    assertThat(fromEnv.region()).as("a Function URL names its region").isEqualTo("eu-west-1");

    o.server = "http://127.0.0.1:8080";
    o.region = "sa-east-1";
    o.output = GlobalOptions.Format.json;
    Settings fromOptions = Settings.resolve(o, terminal(Map.of("DRIFTLESS_SERVER", "https://other"), false));
    assertThat(fromOptions.server().toString()).isEqualTo("http://127.0.0.1:8080");
    assertThat(fromOptions.region()).isEqualTo("sa-east-1");
    assertThat(fromOptions.output()).isEqualTo(GlobalOptions.Format.json);
    assertThat(fromOptions.signed()).isFalse();
  }

  @Test
  void theServerComesFromTheOptionsThenTheEnvironmentThenTheCurrentContextThenTheOldConfigFile() throws Exception {
    config("server=https://from-config.example\nregion=ap-south-1\n");
    GlobalOptions o = new GlobalOptions();
    assertThat(Settings.resolve(o, terminal(Map.of(), false)).server()).hasToString("https://from-config.example");

    assertThat(Run.of(home, "context", "add", "current", "--server", "https://current.example").code()).isZero();
    assertThat(Run.of(home, "context", "add", "other", "--server", "https://other.example", "--region",
        "eu-north-1").code()).isZero();
    assertThat(Settings.resolve(o, terminal(Map.of(), false)).server()).hasToString("https://current.example");
    assertThat(Settings.resolve(o, terminal(Map.of(), false)).region())
        .as("the old file's region still applies when the context names none").isEqualTo("ap-south-1");

    Settings envContext = Settings.resolve(o, terminal(Map.of("DRIFTLESS_CONTEXT", "other"), false));
    assertThat(envContext.server()).hasToString("https://other.example");
    assertThat(envContext.region()).isEqualTo("eu-north-1");
    assertThat(Settings.resolve(o, terminal(Map.of("DRIFTLESS_SERVER", "https://env.example"), false)).server())
        .hasToString("https://env.example");

    Map<String, String> both = Map.of("DRIFTLESS_SERVER", "https://env.example", "DRIFTLESS_CONTEXT", "other");
    assertThatThrownBy(() -> Settings.resolve(o, terminal(both, false))).isInstanceOf(CliException.class)
        .hasMessage("DRIFTLESS_SERVER and DRIFTLESS_CONTEXT are both set: unset one, or pass --server or --context");

    o.context = "other";
    assertThat(Settings.resolve(o, terminal(both, false)).server()).as("an option wins over the environment")
        .hasToString("https://other.example");
    o.context = null;
    o.server = "https://option.example";
    assertThat(Settings.resolve(o, terminal(both, false)).server()).hasToString("https://option.example");
    o.context = "other";
    assertThatThrownBy(() -> Settings.resolve(o, terminal(Map.of(), false))).isInstanceOf(CliException.class)
        .hasMessage("give --server or --context, not both");
  }

  @Test
  void theOldConfigFileAloneStillWorksWithoutAContextsFile() throws Exception {
    config("server=http://127.0.0.1:9000\n");
    Run r = Run.of(home, "app", "list");
    assertThat(r.err()).as("it called the old file's server").contains("cannot connect to http://127.0.0.1:9000");
    assertThat(home.resolve(ContextFile.PATH)).doesNotExist();
  }

  @Test
  void coloursNeedATerminalAndNeitherNoColorNorTheOption() {
    GlobalOptions o = new GlobalOptions();
    o.server = "http://127.0.0.1:1";
    assertThat(Settings.resolve(o, terminal(Map.of(), true)).color()).isTrue();
    assertThat(Settings.resolve(o, terminal(Map.of(), false)).color()).isFalse();
    assertThat(Settings.resolve(o, terminal(Map.of("NO_COLOR", "1"), true)).color()).isFalse();
    o.noColor = true;
    assertThat(Settings.resolve(o, terminal(Map.of(), true)).color()).isFalse();
  }

  @Test
  void aServerThatIsNotAnHttpUrlIsAUsageError() {
    GlobalOptions o = new GlobalOptions();
    o.server = "ftp://example.com";
    assertThatThrownBy(() -> Settings.resolve(o, terminal(Map.of(), false))).isInstanceOf(CliException.class)
        .hasMessage("server ftp://example.com must be an http:// or https:// URL");
  }

  @Test
  void tablesAlignColumnsAndShowAbsentValuesAsDashes() {
    StringWriter out = new StringWriter();
    new Output.Table("NAME", "SYNC", "REVISION").row("web", "Synced", "abc1234").row("guestbook-prod", null, null)
        .print(new PrintWriter(out));
    assertThat(out.toString()).isEqualTo("""
        NAME             SYNC     REVISION
        web              Synced   abc1234
        guestbook-prod   -        -
        """);
    assertThat(Output.shortSha("0123456789abcdef0123456789abcdef01234567")).isEqualTo("0123456");
    assertThat(Output.shortSha("main")).isEqualTo("main");
  }
}
