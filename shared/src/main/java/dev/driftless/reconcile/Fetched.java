package dev.driftless.reconcile;

import dev.driftless.model.Application;
import dev.driftless.source.Checkout;
import dev.driftless.source.Revision;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What an operation fetched: one checkout per source of the Application, in its sources' order, and the revision it
 * records. For one source that is the source's own; for several it lists each source's revision (commit, chart
 * version or digest), space-separated in the sources' order, which a retry or rollback splits again to pin each
 * source, with the primary source's author and message.
 */
record Fetched(Revision revision, List<Checkout> checkouts) {

  static Fetched of(Application app, List<Checkout> checkouts) {
    if (checkouts.size() == 1) {
      return new Fetched(checkouts.get(0).revision(), checkouts);
    }
    Revision primary = checkouts.get(app.sources().indexOf(app.source())).revision();
    String shas = checkouts.stream().map(c -> c.revision().sha()).collect(Collectors.joining(" "));
    String requested = checkouts.stream().map(c -> c.revision().requested()).collect(Collectors.joining(" "));
    return new Fetched(new Revision(requested, null, shas, primary.authorName(), primary.authorEmail(),
        primary.commitTime(), primary.message()), List.copyOf(checkouts));
  }

  /** The checkout of the primary source (the first rendered one). */
  Checkout primary(Application app) {
    return checkouts.get(Math.max(0, app.sources().indexOf(app.source())));
  }

  /** The revision of each source that {@code revision} (a recorded one) names, in the sources' order. */
  static List<String> split(Application app, String revision) {
    return app.isMultiSource() ? List.of(revision.strip().split(" +")) : List.of(revision);
  }
}
