package dev.driftless.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.health.CustomHealth;
import dev.driftless.health.InvalidHealthConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsHealthTest {

  @Test
  void theCustomHealthRulesAreReadFromTheEnvironment() {
    Settings s = Settings.fromEnvironment(Map.of(CustomHealth.ENV,
        "health: [{group: example.com, kind: Thing, cel: {current: \"status.phase == 'Ready'\"}}]"));

    assertThat(s.health().size()).isEqualTo(1);
    assertThat(Settings.fromEnvironment(Map.of()).health().size()).isZero();
  }

  @Test
  void aBadExpressionStopsTheFunctionAsItStartsInsteadOfFallingBack() {
    assertThatThrownBy(() -> Settings.fromEnvironment(Map.of(CustomHealth.ENV,
        "health: [{group: example.com, kind: Thing, cel: {current: \"status.phase ==\"}}]")))
        .isInstanceOf(InvalidHealthConfigException.class)
        .hasMessageStartingWith(CustomHealth.ENV + ": health[0] (example.com/Thing): cel.current is not a valid CEL");
  }
}
