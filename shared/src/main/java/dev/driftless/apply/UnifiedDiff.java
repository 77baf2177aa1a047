package dev.driftless.apply;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/**
 * Unified hunks between two texts, as git writes them: {@code @@ -a,b +c,d @@} headers, three lines of
 * context, each line prefixed by a space, {@code -} or {@code +}. JGit's histogram diff (git's own) costs time
 * and memory in proportion to the lines; the quadratic table of a textbook LCS (64 MB for two 4,000-line
 * objects) is what it replaces. Shared by the parallel plan's threads: the algorithm keeps no state per call.
 */
final class UnifiedDiff {

  private static final int CONTEXT = 3;
  private static final HistogramDiff HISTOGRAM = histogram();

  private UnifiedDiff() {}

  private static HistogramDiff histogram() {
    HistogramDiff histogram = new HistogramDiff();
    histogram.setFallbackAlgorithm(new BoundedMyersDiff());
    return histogram;
  }

  /** The hunks that turn {@code before} into {@code after}; empty when they are equal. */
  static String between(String before, String after) {
    if (before.equals(after)) return ""; // most objects of a plan: no need to index them
    RawText a = new RawText(before.getBytes(UTF_8));
    RawText b = new RawText(after.getBytes(UTF_8));
    EditList edits = HISTOGRAM.diff(RawTextComparator.DEFAULT, a, b);
    if (edits.isEmpty()) return "";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DiffFormatter formatter = new DiffFormatter(out)) {
      formatter.setContext(CONTEXT);
      formatter.format(edits, a, b);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return out.toString(UTF_8);
  }
}
