package dev.driftless.render;

import dev.driftless.model.DesiredObject;
import java.util.List;

/** Parses what kustomize or helm printed into desired objects, in the tool's own (stable) order. */
final class ToolOutput {

  private ToolOutput() {}

  static List<DesiredObject> objects(String stdout, String origin, RenderOptions options) {
    ObjectCollector collector = new ObjectCollector(options);
    for (ManifestReader.Document doc : new ManifestReader(options).read(stdout, origin)) {
      collector.add(doc, origin);
    }
    return collector.objects();
  }
}
