package dev.driftless.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

class OwnedFieldsTest {

  private static ConfigMap live(String driftlessFields, String time, String otherFields) {
    return Serialization.unmarshal("""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          managedFields:
            - {manager: driftless, operation: Apply, apiVersion: v1, time: "%s", fieldsType: FieldsV1,
               fieldsV1: %s}
            - {manager: kubectl-edit, operation: Update, apiVersion: v1, time: "2026-12-01T10:00:00Z",
               fieldsType: FieldsV1, fieldsV1: %s}
        data: {mode: blue, extra: x}
        """.formatted(time, driftlessFields, otherFields), ConfigMap.class);
  }

  private static final String MODE = "{\"f:data\": {\"f:mode\": {}}}";
  private static final String MODE_AND_LABEL =
      "{\"f:data\": {\"f:mode\": {}}, \"f:metadata\": {\"f:labels\": {\"f:tier\": {}}}}";
  private static final String EXTRA = "{\"f:data\": {\"f:extra\": {}}}";

  @Test
  void theDigestFollowsDriftlessFieldsAndTimeButNotOtherManagers() {
    String base = OwnedFields.digest(live(MODE, "2026-12-01T09:00:00Z", EXTRA), "driftless");
    assertThat(base).hasSize(16);
    assertThat(OwnedFields.digest(live(MODE, "2026-12-01T09:00:00Z", MODE_AND_LABEL), "driftless")).isEqualTo(base);
    assertThat(OwnedFields.digest(live(MODE_AND_LABEL, "2026-12-01T09:00:00Z", EXTRA), "driftless"))
        .isNotEqualTo(base);
    assertThat(OwnedFields.digest(live(MODE, "2026-12-01T09:05:00Z", EXTRA), "driftless")).isNotEqualTo(base);
  }

  @Test
  void theDigestDoesNotDependOnTheOrderOfKeysInTheFieldSet() {
    String a = "{\"f:data\": {\"f:a\": {}, \"f:b\": {}}}";
    String b = "{\"f:data\": {\"f:b\": {}, \"f:a\": {}}}";
    assertThat(OwnedFields.digest(live(a, "2026-12-01T09:00:00Z", EXTRA), "driftless"))
        .isEqualTo(OwnedFields.digest(live(b, "2026-12-01T09:00:00Z", EXTRA), "driftless"));
  }

  @Test
  void anObjectWithoutAnApplyEntryOfTheManagerHasNoDigest() {
    assertThat(OwnedFields.digest(live(MODE, "2026-12-01T09:00:00Z", EXTRA), "someone-else")).isNull();
    ConfigMap bare = Serialization.unmarshal("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n",
        ConfigMap.class);
    assertThat(OwnedFields.digest(bare, "driftless")).isNull();
  }

  @Test
  void sameComparesTheFieldSetsNotTheTimes() {
    ConfigMap now = live(MODE, "2026-12-01T09:00:00Z", EXTRA);
    assertThat(OwnedFields.same(now, live(MODE, "2026-12-01T11:00:00Z", EXTRA), "driftless")).isTrue();
    assertThat(OwnedFields.same(now, live(MODE_AND_LABEL, "2026-12-01T09:00:00Z", EXTRA), "driftless")).isFalse();
    assertThat(OwnedFields.same(now, now, "someone-else")).isFalse();
  }
}
