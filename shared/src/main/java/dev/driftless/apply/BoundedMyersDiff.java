package dev.driftless.apply;

import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.HashedSequence;
import org.eclipse.jgit.diff.HashedSequenceComparator;
import org.eclipse.jgit.diff.LowLevelDiffAlgorithm;
import org.eclipse.jgit.diff.MyersDiff;
import org.eclipse.jgit.diff.Sequence;

/**
 * The histogram diff's fallback for a region in which every common line repeats too often to anchor on
 * (a long list of the same few values): Myers' diff, as git does, while the region is small; past that the
 * region is shown replaced whole. Myers' time grows with the region's length times the number of edits, so
 * a committed object of tens of thousands of such lines would otherwise hold a plan thread for seconds to
 * minutes (17 s for two unrelated 40,000-line lists, docs/benchmarks.md).
 */
final class BoundedMyersDiff extends LowLevelDiffAlgorithm {

  /** Lines on both sides of one region; Myers' worst case on it stays near 10 ms. */
  static final int MAX_REGION_LINES = 2000;

  // JGit's Myers is a LowLevelDiffAlgorithm, as HistogramDiff itself relies on when it falls back.
  private static final LowLevelDiffAlgorithm MYERS = (LowLevelDiffAlgorithm) MyersDiff.INSTANCE;

  @Override
  public <S extends Sequence> void diffNonCommon(EditList edits, HashedSequenceComparator<S> cmp,
      HashedSequence<S> a, HashedSequence<S> b, Edit region) {
    if (region.getLengthA() + region.getLengthB() > MAX_REGION_LINES) {
      edits.add(region);
    } else {
      MYERS.diffNonCommon(edits, cmp, a, b, region);
    }
  }
}
