package dev.driftless.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.sun.management.ThreadMXBean;
import dev.driftless.apply.Differ;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Time and allocation of one {@link Differ#diff} call on large objects, on the calling thread: median and min
 * of the measured runs, bytes allocated per call (the JVM's per-thread allocation counter). Prints a Markdown
 * table; docs/benchmarks.md gives the command and the figures.
 *
 * <pre>
 *   DiffBench [--lines 4000] [--runs 10] [--warmups 3]
 * </pre>
 */
public final class DiffBench {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private record Case(String name, String kind, Map<String, Object> live, Map<String, Object> desired) {}

  private DiffBench() {}

  public static void main(String[] args) throws JsonProcessingException {
    int lines = 4000;
    int runs = 10;
    int warmups = 3;
    for (int i = 0; i + 1 < args.length; i += 2) {
      int value = Integer.parseInt(args[i + 1]);
      switch (args[i]) {
        case "--lines" -> lines = value;
        case "--runs" -> runs = value;
        case "--warmups" -> warmups = value;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    System.out.println("| case | lines (live / desired) | diff lines | median ms | min ms | allocated MiB per diff |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    for (Case c : cases(lines)) {
      String diff = "";
      for (int i = 0; i < warmups; i++) {
        diff = Differ.diff(c.kind(), c.live(), c.desired());
      }
      Samples millis = new Samples();
      long allocated = 0;
      for (int i = 0; i < runs; i++) {
        long bytesBefore = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        diff = Differ.diff(c.kind(), c.live(), c.desired());
        millis.add((System.nanoTime() - start) / 1e6);
        allocated += threads.getCurrentThreadAllocatedBytes() - bytesBefore;
      }
      System.out.printf("| %s | %d / %d | %s | %.1f | %.1f | %.1f |%n", c.name(), yamlLines(c.live()),
          yamlLines(c.desired()), diff.startsWith("(") ? diff.trim() : String.valueOf(diff.split("\n").length),
          millis.median(), millis.min(), allocated / (double) runs / (1 << 20));
    }
  }

  /** Each object renders as exactly {@code lines} lines of YAML. */
  private static List<Case> cases(int lines) {
    int entries = lines - 5; // apiVersion, kind, metadata, name, data
    Map<String, Object> base = configMap(entries, 0, "v1");
    int items = lines - 6; // apiVersion, kind, metadata, name, spec, items
    Random random = new Random(42);
    List<Object> flags = flags(items, random);
    List<Object> tenFlipped = new ArrayList<>(flags);
    for (int k = 0; k < 10; k++) {
      int at = (int) ((k + 0.5) * items / 10);
      tenFlipped.set(at, "on".equals(tenFlipped.get(at)) ? "off" : "on");
    }
    return List.of(
        new Case("ConfigMap, create", "ConfigMap", null, base),
        new Case("ConfigMap, 10 values changed", "ConfigMap", base, configMap(entries, 10, "v2")),
        new Case("ConfigMap, every value changed", "ConfigMap", base, configMap(entries, entries, "v2")),
        new Case("list of on/off, 10 flipped", "Widget", widget(flags), widget(tenFlipped)),
        new Case("list of on/off, unrelated", "Widget", widget(flags), widget(flags(items, random))));
  }

  private static Map<String, Object> configMap(int entries, int changed, String changedValue) {
    Map<String, Object> data = new LinkedHashMap<>();
    int step = changed == 0 ? Integer.MAX_VALUE : entries / changed;
    for (int i = 0; i < entries; i++) {
      boolean change = i % step == 0 && i / step < changed;
      data.put(String.format("key-%06d", i), (change ? changedValue : "v1") + "-" + i);
    }
    return Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "big"), "data", data);
  }

  /** A custom resource whose list lines repeat thousands of times: where histogram diff finds no anchor. */
  private static Map<String, Object> widget(List<Object> items) {
    return Map.of("apiVersion", "example.dev/v1", "kind", "Widget", "metadata", Map.of("name", "big"),
        "spec", Map.of("items", items));
  }

  private static List<Object> flags(int n, Random random) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(random.nextBoolean() ? "on" : "off");
    }
    return out;
  }

  private static int yamlLines(Map<String, Object> tree) throws JsonProcessingException {
    return tree == null ? 0 : YAML.writeValueAsString(tree).split("\n").length;
  }
}
