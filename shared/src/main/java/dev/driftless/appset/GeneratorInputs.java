package dev.driftless.appset;

import dev.driftless.cluster.ClusterRegistration;
import java.nio.file.Path;
import java.util.List;

/** What generators read: the registered clusters, and a repository's tree at a revision. */
public interface GeneratorInputs {

  List<ClusterRegistration> clusters();

  /** The tree of {@code repoURL} at {@code revision}, fetched (and checked) as an Application's source is. */
  Path checkout(String repoURL, String revision, String credentials);
}
