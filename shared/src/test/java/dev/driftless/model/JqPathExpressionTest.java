package dev.driftless.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JqPathExpressionTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @SuppressWarnings("unchecked")
  private static Map<String, Object> tree(String json) throws Exception {
    return JSON.readValue(json, LinkedHashMap.class);
  }

  private static final String DEPLOYMENT = """
      {"kind": "Deployment", "metadata": {"name": "web", "labels": {"a": "1"}},
       "spec": {"template": {"spec": {
         "initContainers": [{"name": "injected", "image": "mesh:1"}, {"name": "mine", "image": "init:1"}],
         "containers": [{"name": "web", "image": "web:1"}]}}}}
      """;

  @Test
  void thePathsTheExpressionSelectsAreRemovedAsArgoCdRemovesThem() throws Exception {
    Map<String, Object> out = JqPathExpression.compile(
        ".spec.template.spec.initContainers[] | select(.name == \"injected\")").delete(tree(DEPLOYMENT));
    assertThat(JSON.writeValueAsString(out)).contains("\"mine\"").doesNotContain("injected");
  }

  @Test
  void anExpressionThatSelectsNothingOrFailsOnThisObjectLeavesItAsItIs() throws Exception {
    Map<String, Object> in = tree(DEPLOYMENT);
    assertThat(JqPathExpression.compile(".spec.replicas").delete(in)).isEqualTo(tree(DEPLOYMENT));
    assertThat(JqPathExpression.compile(".metadata.name.first").delete(in)).isEqualTo(tree(DEPLOYMENT));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      ".metadata.labels[range(1e12) | tostring]",
      "try (.metadata.labels[range(1e12) | tostring]) catch .",
      ".metadata | recurse(.labels; true)",
      "def f: f; f"})
  void anExpressionThatDoesNotEndStopsAtABoundNoTryCanCatch(String expression) throws Exception {
    JqPathExpression e = JqPathExpression.compile(expression);
    Map<String, Object> in = tree(DEPLOYMENT);
    assertThatThrownBy(() -> e.delete(in)).isInstanceOf(JqPathExpression.JqBoundException.class)
        .hasMessageMatching("produced more than 1000000 values|ran longer than 1000 ms"
            + "|recursed deeper than the stack allows");
  }

  @Test
  void anExpressionTooLongOrNotJqIsRefusedSayingWhy() {
    assertThatThrownBy(() -> JqPathExpression.compile("." + "a".repeat(1024)))
        .hasMessage("is longer than 1024 characters");
    assertThatThrownBy(() -> JqPathExpression.compile(".spec[")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("is not a jq path expression: ");
  }
}
