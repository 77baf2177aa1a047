package dev.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AppSyncTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "apps:Deployment:prod/web|{\"group\":\"apps\",\"kind\":\"Deployment\",\"namespace\":\"prod\",\"name\":\"web\"}",
      ":Service:web|{\"group\":\"\",\"kind\":\"Service\",\"namespace\":\"\",\"name\":\"web\"}",
      "ConfigMap:settings|{\"group\":\"\",\"kind\":\"ConfigMap\",\"namespace\":\"\",\"name\":\"settings\"}",
      "ConfigMap:prod/settings|{\"group\":\"\",\"kind\":\"ConfigMap\",\"namespace\":\"prod\",\"name\":\"settings\"}"})
  void aResourceIsReadAsArgoCdSpellsIt(String flag, String json) {
    assertThat(AppSync.resource(flag)).hasToString(json);
  }

  @ParameterizedTest
  @ValueSource(strings = {"settings", "a:b:c:d", "apps::web", "apps:Deployment:", "apps:Deployment:prod/"})
  void aMalformedResourceIsAUsageError(String flag) {
    assertThatThrownBy(() -> AppSync.resource(flag)).isInstanceOf(CliException.class)
        .hasMessageStartingWith("--resource " + flag + ": ")
        .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(2));
  }
}
