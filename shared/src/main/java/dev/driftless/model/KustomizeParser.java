package dev.driftless.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.model.ApplicationParser.Fields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code spec.source.kustomize}: build options and Argo CD's edits ({@code namePrefix}, {@code images}, ...). */
final class KustomizeParser {

  private static final String FIELD = "spec.source.kustomize";
  private static final Set<String> TARGET_FIELDS = Set.of("group", "version", "kind", "name", "namespace",
      "labelSelector", "annotationSelector");
  /** A label or annotation key: an optional DNS subdomain prefix and '/', then a name of at most 63 characters. */
  private static final Pattern KEY = Pattern.compile("([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?/)?"
      + "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
  private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");

  private KustomizeParser() {}

  static Application.Kustomize parse(Fields f, JsonNode k, String appPath) {
    return new Application.Kustomize(k.path("allowRemoteBases").asBoolean(false),
        f.strings(k.path("buildOptions"), FIELD + ".buildOptions"), edits(f, k, appPath));
  }

  private static KustomizeEdits edits(Fields f, JsonNode k, String appPath) {
    String prefix = affix(f, k, "namePrefix");
    String suffix = affix(f, k, "nameSuffix");
    String namespace = f.text(k, FIELD + ".namespace", "namespace", false);
    if (namespace != null && !Application.Destination.isNamespace(namespace)) {
      throw f.error(FIELD + ".namespace", "must be a DNS label (lowercase letters, digits and '-', at most 63), not "
          + namespace);
    }
    List<String> images = f.strings(k.path("images"), FIELD + ".images");
    for (int i = 0; i < images.size(); i++) {
      if (KustomizeImage.parse(images.get(i)) == null) {
        throw f.error(FIELD + ".images[" + i + "]", "must be an image as kustomize edit set image takes it"
            + " ([name=]newName[:tag][@digest]), not " + images.get(i));
      }
    }
    List<String> components = f.strings(k.path("components"), FIELD + ".components");
    for (int i = 0; i < components.size(); i++) {
      RelativePath.check(f, FIELD + ".components[" + i + "]", components.get(i), appPath, "the source path");
    }
    return new KustomizeEdits(prefix, suffix, namespace, images, replicas(f, k.path("replicas")),
        labels(f, k.path("commonLabels"), FIELD + ".commonLabels", true),
        labels(f, k.path("commonAnnotations"), FIELD + ".commonAnnotations", false),
        patches(f, k.path("patches"), appPath), components);
  }

  private static String affix(Fields f, JsonNode k, String name) {
    String value = f.text(k, FIELD + "." + name, name, false);
    if (value != null && !KustomizeEdits.isAffix(value)) {
      throw f.error(FIELD + "." + name, "must hold only lowercase letters, digits, '-' and '.' (at most 63), not "
          + value);
    }
    return value;
  }

  private static List<KustomizeEdits.Replica> replicas(Fields f, JsonNode list) {
    List<KustomizeEdits.Replica> out = new ArrayList<>();
    int i = 0;
    for (JsonNode r : list) {
      String at = FIELD + ".replicas[" + i++ + "]";
      String name = f.text(r, at + ".name", "name", true);
      int count = ApplicationParser.whole(f, r.path("count"), at + ".count", -1);
      if (count < 0) {
        throw f.error(at + ".count", "is required and must be 0 or more");
      }
      out.add(new KustomizeEdits.Replica(name, count));
    }
    return out;
  }

  private static Map<String, String> labels(Fields f, JsonNode map, String field, boolean labelValues) {
    Map<String, String> out = new LinkedHashMap<>();
    if (map.isMissingNode() || map.isNull()) {
      return out;
    }
    if (!map.isObject()) {
      throw f.error(field, "must be a map of strings");
    }
    for (Map.Entry<String, JsonNode> e : map.properties()) {
      String at = field + "." + e.getKey();
      if (!KEY.matcher(e.getKey()).matches()) {
        throw f.error(at, "is not a valid key (an optional DNS prefix and '/', then at most 63 letters, digits,"
            + " '-', '_' or '.')");
      }
      if (!e.getValue().isValueNode()) {
        throw f.error(at, "must be a string");
      }
      String value = e.getValue().asText();
      if (labelValues && !LABEL_VALUE.matcher(value).matches()) {
        throw f.error(at, "is not a valid label value (at most 63 letters, digits, '-', '_' or '.'): " + value);
      }
      out.put(e.getKey(), value);
    }
    return out;
  }

  private static List<KustomizeEdits.Patch> patches(Fields f, JsonNode list, String appPath) {
    List<KustomizeEdits.Patch> out = new ArrayList<>();
    int i = 0;
    for (JsonNode p : list) {
      String at = FIELD + ".patches[" + i++ + "]";
      String path = f.text(p, at + ".path", "path", false);
      String patch = f.text(p, at + ".patch", "patch", false);
      if ((path == null) == (patch == null)) {
        throw f.error(at, "must have exactly one of path and patch");
      }
      if (path != null) {
        RelativePath.check(f, at + ".path", path, appPath, "the source path");
      }
      Map<String, String> target = new LinkedHashMap<>();
      JsonNode t = p.path("target");
      if (!t.isMissingNode() && !t.isObject()) {
        throw f.error(at + ".target", "must be an object");
      }
      for (Map.Entry<String, JsonNode> e : t.properties()) {
        if (!TARGET_FIELDS.contains(e.getKey())) {
          throw f.error(at + ".target." + e.getKey(), "is not a patch target field (one of " + TARGET_FIELDS + ")");
        }
        target.put(e.getKey(), f.text(t, at + ".target." + e.getKey(), e.getKey(), true));
      }
      Map<String, Boolean> options = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : p.path("options").properties()) {
        if (!e.getValue().isBoolean()) {
          throw f.error(at + ".options." + e.getKey(), "must be true or false");
        }
        options.put(e.getKey(), e.getValue().asBoolean());
      }
      out.add(new KustomizeEdits.Patch(path, patch, target, options));
    }
    return out;
  }
}
