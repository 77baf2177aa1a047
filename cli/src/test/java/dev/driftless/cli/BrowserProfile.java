package dev.driftless.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A fresh chromium profile in a temporary directory, so that no test sees another's cookies or storage. */
final class BrowserProfile {

  private BrowserProfile() {}

  static Path create() {
    try {
      return Files.createTempDirectory("driftless-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException("chromium profile: cannot create a temporary directory", e);
    }
  }

  /** Deletes the profile; chromium has ended (see {@link Browser#close()}). */
  static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("chromium profile " + dir + ": cannot delete", e);
    }
  }
}
