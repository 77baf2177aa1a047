package dev.driftless.functions.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.state.ConflictException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Optimistic locking as the versioned documents (Applications, projects) answer it. A PUT without a version
 * creates (as {@code If-Match: 0} does); {@code If-Match: <version>} (or {@code ?version=}) replaces that version
 * only; {@code If-Match: *} replaces whatever version is stored. Every answer carries the version and an ETag.
 */
final class Versions {

  private Versions() {}

  /**
   * The version a PUT expects, from If-Match or {@code ?version} (which must agree); none means create (0).
   *
   * @param what the document, for messages ({@code application web})
   * @param stored the stored version, asked only for {@code *} (it answers 404 when there is none)
   */
  static long expected(ApiRequest req, String what, Supplier<Long> stored) {
    Long fromHeader = req.header("If-Match").map(v -> version(what, "If-Match", v, stored)).orElse(null);
    Long fromQuery = req.param("version") == null ? null : version(what, "version", req.param("version"), stored);
    if (fromHeader != null && fromQuery != null && !fromHeader.equals(fromQuery)) {
      throw ApiException.badRequest(what + ": If-Match " + fromHeader + " and version " + fromQuery + " differ");
    }
    Long v = fromHeader != null ? fromHeader : fromQuery;
    return v == null ? 0 : v;
  }

  /** The 409 of a lost race: the version found (null when none) and how to go on. */
  static ApiException conflict(ConflictException e, long expected, Optional<Long> found) {
    ObjectNode details = Views.object();
    found.ifPresentOrElse(v -> details.put("currentVersion", v), () -> details.putNull("currentVersion"));
    String hint = found.map(v -> expected == 0 ? "; it already exists: send If-Match: " + v + " to replace it" : "")
        .orElse("; it does not exist: send no version (or If-Match: 0) to create it");
    return new ApiException(409, e.getMessage() + hint, details);
  }

  static String etag(long version) {
    return "\"" + version + "\"";
  }

  private static long version(String what, String field, String raw, Supplier<Long> stored) {
    String v = raw.strip();
    if (v.startsWith("W/")) v = v.substring(2);
    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) v = v.substring(1, v.length() - 1);
    if (v.equals("*")) {
      return stored.get();
    }
    try {
      long l = Long.parseLong(v);
      if (l >= 0) return l;
    } catch (NumberFormatException e) {
      // Refused below.
    }
    throw ApiException.badRequest(what + ": " + field + " must be a version number (0 to create), not " + raw);
  }
}
