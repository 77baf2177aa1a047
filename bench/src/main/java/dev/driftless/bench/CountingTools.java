package dev.driftless.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Wrappers for the render tools (kustomize, helm) that note each run in a file of their own and then run the real
 * tool: the Renderer is given the wrappers' paths, so the count is of processes it started. Driftless has no
 * Jsonnet source type, so there is no third tool to count.
 */
final class CountingTools {

  private final Path dir;

  CountingTools(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
  }

  /** A wrapper named {@code name} around {@code tool}. */
  Path wrap(String name, Path tool) throws IOException {
    Path runs = dir.resolve(name + ".runs");
    Files.writeString(runs, "");
    Path wrapper = dir.resolve(name);
    Files.writeString(wrapper, "#!/bin/sh\necho run >> '" + runs + "'\nexec '" + tool + "' \"$@\"\n");
    Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
    return wrapper;
  }

  /** The runs of the wrapper named {@code name} so far. */
  long runs(String name) throws IOException {
    try (var lines = Files.lines(dir.resolve(name + ".runs"))) {
      return lines.count();
    }
  }
}
