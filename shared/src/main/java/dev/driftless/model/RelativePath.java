package dev.driftless.model;

import dev.driftless.model.ApplicationParser.Fields;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** A path an Application names (a value file, a component, a Jsonnet library): relative, and inside the repository. */
final class RelativePath {

  private RelativePath() {}

  /**
   * Refuses {@code value} unless it is a relative path that, resolved against {@code base} (a directory relative
   * to the repository root), stays inside the repository; {@code what} says what it is relative to, for errors.
   */
  static void check(Fields f, String field, String value, String base, String what) {
    String v = value.replace('\\', '/');
    if (v.contains("://")) {
      throw f.error(field, "must be a file inside the repository, not a URL: " + value);
    }
    Path resolved;
    try {
      if (v.startsWith("/") || Path.of(v).isAbsolute()) {
        throw f.error(field, "must be relative to " + what + ", not " + value);
      }
      resolved = Path.of(base == null ? "." : base).resolve(v).normalize();
    } catch (InvalidPathException e) {
      throw f.error(field, "is not a valid path: " + e.getReason());
    }
    if (resolved.startsWith("..")) {
      throw f.error(field, "must stay inside the repository, not " + value);
    }
  }
}
