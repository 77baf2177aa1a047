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
