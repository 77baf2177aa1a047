package dev.driftless.functions.api;

import java.util.function.LongSupplier;

/**
 * The version a PUT expects, from {@code If-Match} or {@code ?version=} (which must agree): none means create
 * (as 0 does), {@code *} means whatever version is stored now, a weak or quoted ETag is read as its number.
 */
final class IfMatch {

  private IfMatch() {}

  /** {@code what} starts every error; {@code current} answers {@code *} (and refuses when nothing is stored). */
  static long expected(ApiRequest req, String what, LongSupplier current) {
    Long fromHeader = req.header("If-Match").map(v -> version("If-Match", v, what, current)).orElse(null);
    Long fromQuery = req.param("version") == null ? null : version("version", req.param("version"), what, current);
    if (fromHeader != null && fromQuery != null && !fromHeader.equals(fromQuery)) {
      throw ApiException.badRequest(what + ": If-Match " + fromHeader + " and version " + fromQuery + " differ");
    }
    Long v = fromHeader != null ? fromHeader : fromQuery;
    return v == null ? 0 : v;
  }

  private static long version(String field, String raw, String what, LongSupplier current) {
    String v = raw.strip();
    if (v.startsWith("W/")) v = v.substring(2);
    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) v = v.substring(1, v.length() - 1);
    if (v.equals("*")) return current.getAsLong();
    try {
      long l = Long.parseLong(v);
      if (l >= 0) return l;
    } catch (NumberFormatException e) {
      // Refused below.
    }
    throw ApiException.badRequest(what + ": " + field + " must be a version number (0 to create), not " + raw);
  }

  static String etag(long version) {
    return "\"" + version + "\"";
  }
}
