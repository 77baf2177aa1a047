package dev.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
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
}
