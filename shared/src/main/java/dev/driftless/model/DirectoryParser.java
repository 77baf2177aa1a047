package dev.driftless.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.model.ApplicationParser.Fields;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code spec.source.directory}. Jsonnet variable names reach jsonnet's command line and library paths
 * become its search path, so names are held to {@link Application.JsonnetVar#isName}, code may not import, and
 * libraries stay inside the repository.
 */
final class DirectoryParser {

  private static final String FIELD = "spec.source.directory";

  private DirectoryParser() {}

  static Application.Directory parse(Fields f, JsonNode d) {
    if (d.isMissingNode() || d.isNull()) {
      return Application.Directory.DEFAULT;
    }
    if (!d.isObject()) {
      throw f.error(FIELD, "must be an object");
    }
    JsonNode recurse = d.path("recurse");
    if (!recurse.isMissingNode() && !recurse.isNull() && !recurse.isBoolean()) {
      throw f.error(FIELD + ".recurse", "must be true or false, not " + recurse);
    }
    JsonNode j = d.path("jsonnet");
    Application.Jsonnet jsonnet = Application.Jsonnet.NONE;
    if (j.isObject()) {
      List<String> libs = f.strings(j.path("libs"), FIELD + ".jsonnet.libs");
      for (int i = 0; i < libs.size(); i++) {
        RelativePath.check(f, FIELD + ".jsonnet.libs[" + i + "]", libs.get(i), ".", "the repository root");
      }
      jsonnet = new Application.Jsonnet(vars(f, j.path("extVars"), FIELD + ".jsonnet.extVars"),
          vars(f, j.path("tlas"), FIELD + ".jsonnet.tlas"), libs);
    }
    return new Application.Directory(recurse.asBoolean(true), f.text(d, FIELD + ".include", "include", false),
        f.text(d, FIELD + ".exclude", "exclude", false), jsonnet);
  }

  private static List<Application.JsonnetVar> vars(Fields f, JsonNode list, String field) {
    List<Application.JsonnetVar> out = new ArrayList<>();
    int i = 0;
    for (JsonNode v : list) {
      String at = field + "[" + i++ + "]";
      String name = f.text(v, at + ".name", "name", true);
      if (!Application.JsonnetVar.isName(name)) {
        throw f.error(at + ".name", "must start with a letter or '_' and hold only letters, digits, '_', '.' and '-',"
            + " not " + name);
      }
      boolean code = v.path("code").asBoolean(false);
      String value = v.path("value").asText("");
      if (code && Application.JsonnetVar.imports(value)) {
        throw f.error(at + ".value", "is code that imports a file; code given in the Application may not import"
            + " (import files from the repository's .jsonnet files instead)");
      }
      out.add(new Application.JsonnetVar(name, value, code));
    }
    return out;
  }
}
