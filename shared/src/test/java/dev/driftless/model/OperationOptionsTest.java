package dev.driftless.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OperationOptionsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Application APP = new ApplicationParser().parse("""
      apiVersion: driftless.dev/v1alpha1
      kind: Application
      metadata: {name: web}
      spec:
        source: {repoURL: "https://git.example.com/acme/deploy.git", targetRevision: main, path: apps/web}
        destination: {cluster: c1, namespace: web}
        syncPolicy: {syncOptions: [CreateNamespace=true]}
      """, "web.yaml");

  private static OperationOptions parse(String json) throws Exception {
    return OperationOptions.parse(JSON.readTree(json), "sync of application web");
  }

  @Test
  void optionsAreReadAndWrittenBackAsTheyWereGiven() throws Exception {
    OperationOptions o = parse("""
        {"prune": true, "force": true, "resources": [{"group": "apps", "kind": "Deployment", "namespace": "prod",
         "name": "web"}, {"kind": "ConfigMap", "name": "settings"}]}""");
    assertThat(o.prune()).isTrue();
    assertThat(o.force()).isTrue();
    assertThat(o.resources()).containsExactly(new ResourceSelector("apps", "Deployment", "prod", "web"),
        new ResourceSelector("", "ConfigMap", "", "settings"));
    assertThat(OperationOptions.parse(o.toJson(), "again")).isEqualTo(o);
    assertThat(o).hasToString("prune, force, resources apps:Deployment:prod/web :ConfigMap:settings");
    assertThat(parse("{}")).isEqualTo(OperationOptions.NONE);
    assertThat(OperationOptions.NONE.toJson()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"prune\": \"yes\"}|sync of application web: prune must be true or false",
      "{\"purge\": true}|sync of application web: purge is not a known field (known: [force, prune, resources])",
      "{\"resources\": {}}|sync of application web: resources must be a list of {group, kind, namespace, name}",
      "{\"resources\": [{\"name\": \"web\"}]}|sync of application web: resources[0].kind is required",
      "{\"resources\": [{\"kind\": \"ConfigMap\", \"name\": \"a b\"}]}|sync of application web: resources[0].name "
          + "must be an object name (letters, digits, '-', '.', '_', at most 253)",
      "{\"resources\": [{\"kind\": \"Config/Map\", \"name\": \"a\"}]}|sync of application web: resources[0].kind "
          + "must be a kind such as Deployment (letters and digits, at most 63)",
      "{\"resources\": [{\"kind\": \"ConfigMap\", \"name\": \"a\", \"namespace\": \"../x\"}]}|sync of application "
          + "web: resources[0].namespace must be empty or a DNS label",
      "{\"resources\": [{\"kind\": \"ConfigMap\", \"name\": \"a\", \"uid\": \"1\"}]}|sync of application web: "
          + "resources[0].uid is not a known field (known: [group, kind, name, namespace])"})
  void badOptionsAreRefusedNamingTheField(String json, String message) {
    assertThatThrownBy(() -> parse(json)).isInstanceOf(InvalidOperationOptionsException.class).hasMessage(message);
  }

  @Test
  void moreThanAHundredResourcesAreRefused() {
    StringBuilder sb = new StringBuilder("{\"resources\": [");
    for (int i = 0; i <= OperationOptions.MAX_RESOURCES; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"kind\": \"ConfigMap\", \"name\": \"c").append(i).append("\"}");
    }
    assertThatThrownBy(() -> parse(sb.append("]}").toString())).hasMessage("sync of application web: resources "
        + "names 101 objects; at most 100 may be named in one sync");
  }

  @Test
  void aSelectorWithoutANamespaceMatchesTheObjectInAnyNamespace() {
    ResourceSelector anyNs = new ResourceSelector("", "ConfigMap", "", "settings");
    assertThat(anyNs.matches(new ObjectKey("", "ConfigMap", "prod", "settings"))).isTrue();
    assertThat(anyNs.matches(new ObjectKey("", "ConfigMap", "prod", "other"))).isFalse();
    assertThat(anyNs.matches(new ObjectKey("apps", "ConfigMap", "prod", "settings"))).isFalse();
    ResourceSelector prod = new ResourceSelector("", "ConfigMap", "prod", "settings");
    assertThat(prod.matches(new ObjectKey("", "ConfigMap", "dev", "settings"))).isFalse();
  }

  @Test
  void pruneAndForceTurnPruningAndReplaceAndForceOnForThisSyncOnly() {
    Application seen = new OperationOptions(true, true, List.of()).over(APP);
    assertThat(seen.syncPolicy().prune()).isTrue();
    assertThat(seen.syncPolicy().syncOptions().replace()).isTrue();
    assertThat(seen.syncPolicy().syncOptions().force()).isTrue();
    assertThat(seen.syncPolicy().syncOptions().createNamespace()).isTrue();
    assertThat(seen.syncPolicy().automated()).isFalse();
    assertThat(APP.syncPolicy().prune()).isFalse();
    assertThat(OperationOptions.NONE.over(APP)).isSameAs(APP);
    JsonNode none = JSON.createObjectNode();
    assertThat(OperationOptions.parse(none, "x").over(APP)).isSameAs(APP);
  }
}
