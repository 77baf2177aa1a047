package dev.driftless.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProjectViolationExceptionTest {

  @Test
  void theMessageListsTheFirstTenRefusalsAndSaysHowManyMore() {
    List<Violation> twelve = IntStream.range(0, 12)
        .mapToObj(i -> new Violation("ConfigMap b/c" + i, "namespace b is not a destination of project a")).toList();

    String message = new ProjectViolationException("web", Project.permissiveDefault(), twelve).getMessage();

    assertThat(message).startsWith("application web: refused by project default (12 violations): ConfigMap b/c0: "
        + "namespace b is not a destination of project a; ConfigMap b/c1")
        .contains("ConfigMap b/c9").doesNotContain("ConfigMap b/c10").endsWith("; and 2 more");
  }

  @Test
  void theRestrictedImplicitDefaultSaysWhyItAllowsNothing() {
    String message = new ProjectViolationException("web", Project.restrictedDefault(),
        List.of(new Violation("spec.source.repoURL x", "not permitted by sourceRepos of project default")))
        .getMessage();

    assertThat(message).endsWith("(the implicit default project allows nothing: DRIFTLESS_DEFAULT_PROJECT=restricted;"
        + " register a default project)");
  }
}
