package dev.driftless.functions.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AuditRequestTest {

  @Test
  void theClusterIsThePathsOneNameAfterAudit() {
    assertThat(AuditRequest.cluster("/audit/prod-eu")).isEqualTo("prod-eu");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/audit/..", "/audit/a%2Fb", "/audit", "/audit/", "/audit/a/b", "/audit/A", "/x/audit/c1",
      "audit/c1", "/audit/c1/", "//audit/c1"})
  void aPathThatIsNotExactlyAuditAndANameNamesNoCluster(String path) {
    assertThat(AuditRequest.cluster(path)).isNull();
  }
}
