package dev.driftless.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints answers: as a table for people, or the API's JSON as JSON or YAML for scripts. */
final class Output {

  static final String ELLIPSIS = "\u2026";
  private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private final PrintWriter out;
  private final GlobalOptions.Format format;

  Output(PrintWriter out, GlobalOptions.Format format) {
    this.out = out;
    this.format = format;
  }

  /** Prints {@code answer} as JSON or YAML; returns false when the format is table (the caller prints it). */
  boolean structured(JsonNode answer) {
    try {
      switch (format) {
        case json -> out.println(PRETTY.writeValueAsString(answer));
        case yaml -> out.print(YAML.writeValueAsString(answer));
        default -> {
          return false;
        }
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    out.flush();
    return true;
  }

  /** Whether the table asked for is the wide one: every column in full. */
  boolean wide() {
    return format == GlobalOptions.Format.wide;
  }

  /** A table with a header row; columns are as wide as their widest cell, separated by three spaces. */
  static final class Table {
    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
      rows.add(header);
    }

    Table row(Object... cells) {
      String[] r = new String[cells.length];
      for (int i = 0; i < cells.length; i++) r[i] = cells[i] == null ? "-" : String.valueOf(cells[i]);
      rows.add(r);
      return this;
    }

    int size() {
      return rows.size() - 1;
    }

    /** Prints the table, or {@code empty} when it has no rows. */
    void printOr(PrintWriter out, String empty) {
      if (size() == 0) {
        out.println(empty);
        out.flush();
      } else {
        print(out);
      }
    }

    /**
     * Cuts the last column's cells, with an ellipsis, so that every row fits {@code total} characters; the last column
     * keeps at least {@code least} characters however wide the others are.
     */
    Table fit(int total, int least) {
      int[] width = widths();
      int before = 0;
      for (int i = 0; i < width.length - 1; i++) before += width[i] + 3;
      int room = Math.max(least, total - before);
      int last = width.length - 1;
      for (int i = 1; i < rows.size(); i++) {
        String[] r = rows.get(i);
        if (r[last].length() > room) r[last] = r[last].substring(0, room - 1).stripTrailing() + ELLIPSIS;
      }
      return this;
    }

    private int[] widths() {
      int cols = rows.get(0).length;
      int[] width = new int[cols];
      for (String[] r : rows) {
        for (int i = 0; i < cols; i++) width[i] = Math.max(width[i], r[i].length());
      }
      return width;
    }

    void print(PrintWriter out) {
      int cols = rows.get(0).length;
      int[] width = widths();
      for (String[] r : rows) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cols; i++) {
          sb.append(i == cols - 1 ? r[i] : pad(r[i], width[i] + 3));
        }
        out.println(sb.toString().stripTrailing());
      }
      out.flush();
    }

    private static String pad(String s, int w) {
      return s + " ".repeat(Math.max(0, w - s.length()));
    }
  }

  /** Name: value lines, names aligned. */
  static void fields(PrintWriter out, String[][] pairs) {
    int w = 0;
    for (String[] p : pairs) w = Math.max(w, p[0].length());
    for (String[] p : pairs) {
      out.println(p[0] + ":" + " ".repeat(w - p[0].length() + 2) + (p[1] == null ? "-" : p[1]));
    }
    out.flush();
  }

  /**
   * Applications as the API lists them beside another object (an app of apps' children, an ApplicationSet's
   * generated ones): {@code name (sync, health)}, comma-separated; null (shown as -) when there are none.
   */
  static String applications(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(a -> out.add(a.path("name").asText() + " (" + a.path("sync").asText() + ", "
        + a.path("health").asText() + ")"));
    return out.isEmpty() ? null : String.join(", ", out);
  }

  /** A JSON field as text, or null when absent or null. */
  static String text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isMissingNode() || v.isNull() ? null : v.asText();
  }

  static String shortSha(String revision) {
    return revision == null ? null : revision.matches("[0-9a-f]{40}") ? revision.substring(0, 7) : revision;
  }

  /** {@code create=2 configure=1}, from an object of counts. */
  static String counts(JsonNode counts) {
    StringBuilder sb = new StringBuilder();
    counts.fields().forEachRemaining(f -> {
      if (sb.length() > 0) sb.append(' ');
      sb.append(f.getKey()).append('=').append(f.getValue().asInt());
    });
    return sb.length() == 0 ? null : sb.toString();
  }
}
