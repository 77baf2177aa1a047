package dev.driftless.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.model.ApplicationParser.Fields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Reads {@code spec.source.helm}. The release name, namespace, versions, value files and parameter names reach
 * helm's command line, so each is held to a form that cannot be read as a flag or name a file outside the
 * repository.
 */
final class HelmParser {

  private static final String FIELD = "spec.source.helm";

  private HelmParser() {}

  static Application.Helm parse(Fields f, JsonNode h, String appPath) {
    String release = f.text(h, FIELD + ".releaseName", "releaseName", false);
    if (release != null && !Application.Helm.isReleaseName(release)) {
      throw f.error(FIELD + ".releaseName",
          "must be a DNS subdomain name of at most 53 characters (helm's release name rule), not " + release);
    }
    List<String> valueFiles = f.strings(h.path("valueFiles"), FIELD + ".valueFiles");
    for (int i = 0; i < valueFiles.size(); i++) {
      String field = FIELD + ".valueFiles[" + i + "]";
      String file = valueFiles.get(i);
      Matcher ref = Application.Helm.REF_FILE.matcher(file);
      if (file.startsWith("$") && !ref.matches()) {
        throw f.error(field, "must be $<ref>/<path> (a source's ref, then a path in its repository), not " + file);
      }
      if (ref.matches()) {
        RelativePath.check(f, field, ref.group(2), ".", "the root of the repository $" + ref.group(1) + " names");
      } else {
        RelativePath.check(f, field, file, appPath, "the chart directory");
      }
    }
    Map<String, String> params = new LinkedHashMap<>();
    int i = 0;
    for (JsonNode p : h.path("parameters")) {
      String field = FIELD + ".parameters[" + i++ + "].name";
      params.put(parameterName(f, field, p), p.path("value").asText(""));
    }
    String values = h.has("valuesObject") ? h.get("valuesObject").toString()
        : f.text(h, FIELD + ".values", "values", false);
    return new Application.Helm(release, valueFiles, values, params, options(f, h, appPath));
  }

  private static HelmOptions options(Fields f, JsonNode h, String appPath) {
    Map<String, String> files = new LinkedHashMap<>();
    int i = 0;
    for (JsonNode p : h.path("fileParameters")) {
      String field = FIELD + ".fileParameters[" + i++ + "]";
      String name = parameterName(f, field + ".name", p);
      String path = f.text(p, field + ".path", "path", true);
      RelativePath.check(f, field + ".path", path, appPath, "the chart directory");
      files.put(name, path);
    }
    String version = f.text(h, FIELD + ".version", "version", false);
    if (version != null && !"v3".equals(version)) {
      throw f.error(FIELD + ".version", "must be v3 (the only Helm Driftless runs), not " + version);
    }
    String namespace = f.text(h, FIELD + ".namespace", "namespace", false);
    if (namespace != null && !Application.Destination.isNamespace(namespace)) {
      throw f.error(FIELD + ".namespace", "must be a DNS label (lowercase letters, digits and '-', at most 63), not "
          + namespace);
    }
    List<String> apiVersions = f.strings(h.path("apiVersions"), FIELD + ".apiVersions");
    for (int j = 0; j < apiVersions.size(); j++) {
      if (!HelmOptions.isApiVersion(apiVersions.get(j))) {
        throw f.error(FIELD + ".apiVersions[" + j + "]", "must be group/version or group/version/Kind, not "
            + apiVersions.get(j));
      }
    }
    String kubeVersion = f.text(h, FIELD + ".kubeVersion", "kubeVersion", false);
    if (kubeVersion != null && !HelmOptions.isKubeVersion(kubeVersion)) {
      throw f.error(FIELD + ".kubeVersion", "must be a version like v1.34.4, not " + kubeVersion);
    }
    return new HelmOptions(files, h.path("skipCrds").asBoolean(false),
        h.path("ignoreMissingValueFiles").asBoolean(false), namespace, apiVersions, kubeVersion);
  }

  private static String parameterName(Fields f, String field, JsonNode p) {
    String name = f.text(p, field, "name", true);
    if (!Application.Helm.isParameterName(name)) {
      throw f.error(field, "must be a helm value path (letters, digits, '_', '-', '.', '/', '[n]', '\\.'), not "
          + name);
    }
    return name;
  }
}
