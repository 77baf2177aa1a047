package dev.driftless.bench;

import dev.driftless.model.DesiredObject;
import java.nio.file.Path;
import java.util.List;

/** A tool that applies a directory of objects to the cluster; one instance per measured run. */
public interface Contender {

  /** The name shown in the tables. */
  String name();

  /** A short name usable in Kubernetes namespace names. */
  String slug();

  /**
   * Applies the objects (also written as files in dir) and reports what it cost. State carried between the
   * steps of a run (Driftless's inventory) stays in the instance.
   */
  StepResult apply(Path dir, List<DesiredObject> objects);
}
