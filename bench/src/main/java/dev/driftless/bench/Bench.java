package dev.driftless.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point of the harnesses, run by {@code scripts/bench}: prints Markdown on stdout, progress on stderr.
 *
 * <pre>
 *   apply --kubeconfig FILE --kubectl BIN --size N [--runs 3] [--parallelism 8,16] [--namespaces 4] [--work DIR]
 *         [--with-kubectl false] [--flux BIN] [--warmups 1]
 *   fetch [--files 5000] [--commits 20] [--runs 5] [--work DIR]
 * </pre>
 */
public final class Bench {

  private Bench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      usage();
      return;
    }
    Map<String, String> opt = options(Arrays.copyOfRange(args, 1, args.length));
    Path work = opt.containsKey("work") ? Path.of(opt.get("work")) : Files.createTempDirectory("driftless-bench-");
    switch (args[0]) {
      case "apply" -> System.out.print(new ApplyBench(new ApplyBench.Options(Path.of(require(opt, "kubeconfig")),
          Path.of(require(opt, "kubectl")), Integer.parseInt(require(opt, "size")),
          Integer.parseInt(opt.getOrDefault("runs", "3")),
          Arrays.stream(opt.getOrDefault("parallelism", "8,16").split(",")).map(Integer::parseInt).toList(),
          Integer.parseInt(opt.getOrDefault("namespaces", "4")), work,
          Boolean.parseBoolean(opt.getOrDefault("with-kubectl", "true")),
          opt.containsKey("flux") ? Path.of(opt.get("flux")) : null,
          Integer.parseInt(opt.getOrDefault("warmups", "1")))).run());
      case "fetch" -> System.out.print(new FetchBench(new FetchBench.Options(
          Integer.parseInt(opt.getOrDefault("files", "5000")), Integer.parseInt(opt.getOrDefault("commits", "20")),
          Integer.parseInt(opt.getOrDefault("runs", "5")), work)).run());
      default -> usage();
    }
    System.out.flush();
    System.exit(0); // the JDK HTTP client's selector threads are not daemons
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value, got " + List.of(args).subList(i, args.length));
      }
      out.put(args[i].substring(2), args[++i]);
    }
    return out;
  }

  private static String require(Map<String, String> opt, String name) {
    String v = opt.get(name);
    if (v == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return v;
  }

  private static void usage() {
    System.err.println("usage: Bench apply --kubeconfig FILE --kubectl BIN --size N [--runs 3] [--parallelism 8,16]"
        + " [--namespaces 4] [--work DIR]\n       Bench fetch [--files 5000] [--commits 20] [--runs 5] [--work DIR]");
  }
}
