package dev.driftless.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * A document stored from a file ({@code app create -f}, {@code project create -f}, {@code access set -f}): its text,
 * its {@code metadata.name} (null when it has none), and the content type its extension says ({@code .json} is
 * JSON, anything else YAML).
 */
record DocumentFile(Path file, String text, String name) {

  static DocumentFile read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e.getMessage(), 2);
    }
    String name;
    try {
      JsonNode n = new YAMLMapper().readTree(text);
      name = n == null ? null : Output.text(n.path("metadata"), "name");
    } catch (IOException e) {
      throw new CliException(file + ": not valid YAML or JSON", 2);
    }
    return new DocumentFile(file, text, name == null || name.isBlank() ? null : name);
  }

  /** The document's name, which Applications and projects must have. */
  String requireName() {
    if (name == null) throw new CliException(file + ": metadata.name is required", 2);
    return name;
  }

  String contentType() {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") ? "application/json"
        : "application/yaml";
  }

  /**
   * PUTs the document to {@code path}: a create unless {@code ifVersion} (that version only) or {@code replace}
   * (whatever version is stored, or a create when there is none) says otherwise.
   */
  ApiClient.Answer put(ApiClient client, String path, boolean replace, Long ifVersion) {
    String ifMatch = ifVersion != null ? "\"" + ifVersion + "\"" : null;
    if (replace && ifMatch == null) {
      boolean exists;
      try {
        client.get(path);
        exists = true;
      } catch (ApiClient.ApiError e) {
        if (e.status() != 404) throw e;
        exists = false;
      }
      ifMatch = exists ? "*" : "0";
    }
    try {
      return client.send("PUT", path, text, contentType(), ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch));
    } catch (ApiClient.ApiError e) {
      if (e.status() != 409 || !e.body().has("currentVersion")) throw e;
      throw conflict(ifVersion, e.body().get("currentVersion"));
    }
  }

  /**
   * A version conflict told in this command's words (its flags), not the API's (If-Match headers): the API's hint
   * is for callers that send headers.
   */
  private CliException conflict(Long ifVersion, JsonNode found) {
    String what = file + ": " + (name == null ? "the stored document" : name);
    if (found.isNull()) {
      return new CliException(what + " does not exist (expected version " + ifVersion + "): drop --if-version to "
          + "create it", Main.API_ERROR);
    }
    long current = found.asLong();
    if (ifVersion == null) {
      return new CliException(what + ": expected version 0 but found " + current + ": it already exists: add "
          + "--replace to replace it, or --if-version " + current + " to replace that version only", Main.API_ERROR);
    }
    return new CliException(what + ": expected version " + ifVersion + " but found " + current + " (it changed "
        + "since): read it again, or add --replace to replace whatever is stored", Main.API_ERROR);
  }
}
