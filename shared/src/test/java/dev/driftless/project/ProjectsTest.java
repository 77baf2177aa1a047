package dev.driftless.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectsTest {

  @Test
  void theImplicitDefaultIsPermissiveUnlessTheDeploymentRestrictsIt() {
    assertThat(Projects.ImplicitDefault.fromEnvironment(Map.of())).isEqualTo(Projects.ImplicitDefault.PERMISSIVE);
    assertThat(Projects.ImplicitDefault.fromEnvironment(Map.of("DRIFTLESS_DEFAULT_PROJECT", "Restricted")))
        .isEqualTo(Projects.ImplicitDefault.RESTRICTED);
    assertThatThrownBy(() -> Projects.ImplicitDefault.fromEnvironment(Map.of("DRIFTLESS_DEFAULT_PROJECT", "closed")))
        .hasMessage("DRIFTLESS_DEFAULT_PROJECT must be permissive or restricted, not closed");
  }
}
