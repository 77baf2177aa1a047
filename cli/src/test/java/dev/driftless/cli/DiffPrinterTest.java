package dev.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.apply.Differ;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiffPrinterTest {

  private static final String ANSWER = """
      {"application": "web", "revision": null, "inSync": false, "counts": {"configure": 1, "unchanged": 1},
       "changes": [
         {"action": "configure", "object": {"group": "", "kind": "ConfigMap", "namespace": "shop", "name": "settings"},
          "apiVersion": "v1", "diff": "@@ -1,3 +1,3 @@\\n data:\\n-  mode: blue\\n+  mode: green\\n", "message": null},
         {"action": "unchanged", "object": {"group": "apps", "kind": "Deployment", "namespace": "shop", "name": "web"},
          "apiVersion": "apps/v1", "diff": "", "message": null}]}
      """;

  private static String print(boolean color, boolean all) throws Exception {
    JsonNode answer = new ObjectMapper().readTree(ANSWER);
    StringWriter out = new StringWriter();
    int differing = new DiffPrinter(new PrintWriter(out), color).print(answer, all);
    assertThat(differing).isEqualTo(1);
    return out.toString();
  }

  @Test
  void withoutColourTheDiffIsPlainUnifiedTextPerObject() throws Exception {
    assertThat(print(false, false)).isEqualTo("""
        === configure ConfigMap shop/settings
        @@ -1,3 +1,3 @@
         data:
        -  mode: blue
        +  mode: green
        1 object(s) differ: configure=1 unchanged=1
        """);
  }

  @Test
  void withColourAdditionsAreGreenRemovalsRedHunksCyanAndHeadersBold() throws Exception {
    String s = print(true, false);
    assertThat(s).contains("\u001b[1m=== configure ConfigMap shop/settings\u001b[0m")
        .contains("\u001b[36m@@ -1,3 +1,3 @@\u001b[0m").contains("\u001b[31m-  mode: blue\u001b[0m")
        .contains("\u001b[32m+  mode: green\u001b[0m").contains("\n data:\n");
  }

  @Test
  void unchangedObjectsAreListedOnlyWithAll() throws Exception {
    assertThat(print(false, false)).doesNotContain("Deployment.apps");
    assertThat(print(false, true)).contains("=== unchanged Deployment.apps shop/web");
  }

  @Test
  void theEnginesHunksPrintWithEachHeaderCyanAndEveryContextLinePlain() throws Exception {
    Map<String, Object> live = new LinkedHashMap<>();
    Map<String, Object> desired = new LinkedHashMap<>();
    for (int i = 10; i < 30; i++) {
      live.put("k" + i, "v" + i);
      desired.put("k" + i, i == 11 || i == 27 ? "changed" : "v" + i);
    }
    ObjectNode answer = new ObjectMapper().createObjectNode();
    answer.putObject("counts").put("configure", 1);
    ObjectNode change = answer.putArray("changes").addObject().put("action", "configure")
        .put("diff", Differ.diff("ConfigMap", Map.of("data", live), Map.of("data", desired)));
    change.putObject("object").put("kind", "ConfigMap").put("namespace", "shop").put("name", "settings");
    StringWriter out = new StringWriter();

    new DiffPrinter(new PrintWriter(out), true).print(answer, false);

    assertThat(out.toString()).isEqualTo(DiffPrinter.BOLD + "=== configure ConfigMap shop/settings" + DiffPrinter.RESET
        + "\n" + DiffPrinter.CYAN + "@@ -1,6 +1,6 @@" + DiffPrinter.RESET + "\n data:\n   k10: v10\n"
        + DiffPrinter.RED + "-  k11: v11" + DiffPrinter.RESET + "\n"
        + DiffPrinter.GREEN + "+  k11: changed" + DiffPrinter.RESET + "\n   k12: v12\n   k13: v13\n   k14: v14\n"
        + DiffPrinter.CYAN + "@@ -16,6 +16,6 @@" + DiffPrinter.RESET + "\n   k24: v24\n   k25: v25\n   k26: v26\n"
        + DiffPrinter.RED + "-  k27: v27" + DiffPrinter.RESET + "\n"
        + DiffPrinter.GREEN + "+  k27: changed" + DiffPrinter.RESET + "\n   k28: v28\n   k29: v29\n"
        + "1 object(s) differ: configure=1\n");
  }
}
