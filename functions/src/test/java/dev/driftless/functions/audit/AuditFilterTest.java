package dev.driftless.functions.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditFilterTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A completed patch of Deployment shop/web by {@code admin}, changed by {@code field=value}s. */
  private static AuditEvent event(String... changes) {
    ObjectNode n = JSON.createObjectNode().put("stage", "ResponseComplete").put("verb", "patch").put("auditID", "1");
    n.putObject("user").put("username", "admin");
    n.putObject("objectRef").put("apiGroup", "apps").put("apiVersion", "v1").put("resource", "deployments")
        .put("namespace", "shop").put("name", "web");
    n.putObject("responseStatus").put("code", 200);
    for (String c : changes) {
      String[] kv = c.split("=", 2);
      String[] path = kv[0].split("\\.");
      ObjectNode at = n;
      for (int i = 0; i < path.length - 1; i++) at = (ObjectNode) at.get(path[i]);
      if (path[path.length - 1].equals("code")) at.put("code", Integer.parseInt(kv[1]));
      else at.put(path[path.length - 1], kv[1]);
    }
    return AuditEvent.of(n);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "a completed patch, verb=patch",
      "an update, verb=update",
      "a create, verb=create",
      "a delete, verb=delete",
      "a write to scale (kubectl scale), objectRef.subresource=scale"})
  void aCompletedAcceptedWriteToAnObjectOrItsScaleMayBeDrift(String behaviour, String change) {
    assertThat(AuditFilter.ignoredBecause(event(change))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "a status update (a controller reporting), objectRef.subresource=status",
      "another subresource, objectRef.subresource=eviction",
      "a request only received, stage=RequestReceived",
      "a read, verb=get",
      "a deletecollection (names no object), verb=deletecollection",
      "a refused write, responseStatus.code=409",
      "a forbidden write, responseStatus.code=403",
      "an object without a name, objectRef.name="})
  void whatCannotBeDriftIsIgnored(String behaviour, String change) {
    assertThat(AuditFilter.ignoredBecause(event(change))).isPresent();
  }

  @Test
  void driftlessOwnWritesAreToldByItsUserName() {
    assertThat(AuditFilter.byDriftless(event("user.username=driftless"), "driftless")).isTrue();
    assertThat(AuditFilter.byDriftless(event(), "driftless")).isFalse();
  }

  @Test
  void theDescriptionNamesWhoChangedWhatAndKeepsHostileWordsOnOneLine() {
    assertThat(event().describe()).isEqualTo("admin patch deployments.apps shop/web");
    assertThat(event("user.username=eve\nFAKE line", "objectRef.subresource=scale").describe())
        .isEqualTo("eve?FAKE?line patch deployments.apps/scale shop/web");
  }
}
