package dev.driftless.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DifferTest {

  /** A ConfigMap whose data holds {@code k01: v01} ... {@code kNN: vNN}, with the given keys' values changed. */
  private static Map<String, Object> configMap(int entries, Integer... changed) {
    Map<String, Object> data = new LinkedHashMap<>();
    for (int i = 1; i <= entries; i++) {
      data.put(String.format("k%02d", i), (List.of(changed).contains(i) ? "new" : "v") + String.format("%02d", i));
    }
    return Map.of("apiVersion", "v1", "kind", "ConfigMap", "data", data);
  }

  private static Map<String, Object> list(List<String> items) {
    return Map.of("kind", "Widget", "spec", Map.of("items", items));
  }

  private static List<String> repeat(String first, int firstCount, String then, int thenCount) {
    List<String> out = new ArrayList<>(Collections.nCopies(firstCount, first));
    out.addAll(Collections.nCopies(thenCount, then));
    return out;
  }

  private static long count(String diff, String prefix) {
    return diff.lines().filter(l -> l.startsWith(prefix)).count();
  }

  @Test
  void oneChangedValueIsOneHunkWithGitsHeaderAndThreeLinesOfContextEachSide() {
    // YAML line 1 is apiVersion, 2 data, then the entries (k01 on line 3, k05 on line 7), then kind.
    assertThat(Differ.diff("ConfigMap", configMap(10), configMap(10, 5))).isEqualTo("""
        @@ -4,7 +4,7 @@
           k02: v02
           k03: v03
           k04: v04
        -  k05: v05
        +  k05: new05
           k06: v06
           k07: v07
           k08: v08
        """);
  }

  @Test
  void changesFarApartAreSeparateHunksAndChangesWithinSixLinesShareOne() {
    String diff = Differ.diff("ConfigMap", configMap(30), configMap(30, 3, 9, 25));

    assertThat(diff.lines().filter(l -> l.startsWith("@@")).toList())
        .containsExactly("@@ -2,13 +2,13 @@", "@@ -24,7 +24,7 @@");
    assertThat(diff).contains("""
        @@ -2,13 +2,13 @@
         data:
           k01: v01
           k02: v02
        -  k03: v03
        +  k03: new03
           k04: v04
        """).contains("""
           k08: v08
        -  k09: v09
        +  k09: new09
           k10: v10
           k11: v11
           k12: v12
        @@ -24,7 +24,7 @@
        """);
  }

  @Test
  void aCreateIsOneHunkFromNothingWithEveryLineAdded() {
    assertThat(Differ.diff("ConfigMap", null, configMap(2))).isEqualTo("""
        @@ -0,0 +1,5 @@
        +apiVersion: v1
        +data:
        +  k01: v01
        +  k02: v02
        +kind: ConfigMap
        """);
  }

  @Test
  void aPruneIsOneHunkToNothingWithEveryLineRemoved() {
    assertThat(Differ.diff("ConfigMap", configMap(1), null)).isEqualTo("""
        @@ -1,4 +0,0 @@
        -apiVersion: v1
        -data:
        -  k01: v01
        -kind: ConfigMap
        """);
  }

  @Test
  void equalObjectsHaveAnEmptyDiff() {
    assertThat(Differ.diff("ConfigMap", configMap(40), configMap(40))).isEmpty();
    assertThat(Differ.diff("ConfigMap", null, null)).isEmpty();
  }

  @Test
  void aSecretsValuesShowAsChangedDigestsInTheHunk() {
    Map<String, Object> live = Map.of("kind", "Secret", "stringData", Map.of("password", "hunter2"));
    Map<String, Object> desired = Map.of("kind", "Secret", "stringData", Map.of("password", "s3cret"));

    String diff = Differ.diff("Secret", live, desired);

    assertThat(diff).startsWith("@@ -1,3 +1,3 @@\n kind: Secret\n stringData:\n")
        .containsPattern("(?m)^-  password: '\\*\\*\\* \\([0-9a-f]{12}\\)'$")
        .containsPattern("(?m)^\\+  password: '\\*\\*\\* \\([0-9a-f]{12}\\)'$")
        .doesNotContain("hunter2", "s3cret");
  }

  @Test
  void aRunOfRepeatedLinesIsDiffedMinimallyWhileItIsSmall() {
    // "a" and "b" each repeat past the histogram's chain limit, so only the fallback can pair them.
    String diff = Differ.diff("Widget", list(repeat("b", 100, "a", 500)), list(repeat("a", 500, "b", 100)));

    assertThat(count(diff, "-  - b")).isEqualTo(100);
    assertThat(count(diff, "+  - b")).isEqualTo(100);
    assertThat(count(diff, "-  - a") + count(diff, "+  - a")).isZero();
  }

  @Test
  void aHugeRunOfRepeatedLinesIsShownReplacedWholeRatherThanSearchedInQuadraticTime() {
    int each = BoundedMyersDiff.MAX_REGION_LINES / 2;
    String diff = Differ.diff("Widget", list(repeat("b", 100, "a", each)), list(repeat("a", each, "b", 100)));

    // kind, spec and items as context, then the whole list on each side.
    assertThat(diff.lines().filter(l -> l.startsWith("@@")).toList())
        .containsExactly("@@ -1," + (each + 103) + " +1," + (each + 103) + " @@");
    assertThat(count(diff, "-  - a")).isEqualTo(each);
    assertThat(count(diff, "+  - a")).isEqualTo(each);
  }
}
