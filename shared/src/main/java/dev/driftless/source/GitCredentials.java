package dev.driftless.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.model.DriftlessException;
import dev.driftless.secrets.SecretsClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Credentials for a Git remote, read from a Secrets Manager secret holding JSON: {@code {"token": ...}}
 * (HTTPS, username {@code x-access-token} unless {@code username} is given), {@code {"username": ...,
 * "password": ...}} (HTTPS), or {@code {"sshPrivateKey": ..., "knownHosts": ...}} (SSH with strict host key
 * checking). Each also names in {@code "urls": ["https://github.com/acme/", ...]} the URL prefixes it may be sent
 * to ({@link RepositoryRules}). {@code toString} never shows a value; errors name the secret id, never its content.
 */
sealed interface GitCredentials {

  /** The secret's id, or null for {@link None}. */
  String secretId();

  /** The URL prefixes of the repositories these credentials may be sent to. */
  List<String> urls();

  /** No credentials: an anonymous remote. */
  record None() implements GitCredentials {
    @Override
    public String secretId() {
      return null;
    }

    @Override
    public List<String> urls() {
      return List.of();
    }
  }

  /** HTTPS basic authentication (a token is a password). */
  record Https(String secretId, String username, String password, List<String> urls) implements GitCredentials {
    @Override
    public String toString() {
      return "Https[secret=" + secretId + ", username=" + username + ", password=***, urls=" + urls + "]";
    }
  }

  /** An SSH private key (OpenSSH or PEM, unencrypted) and the known_hosts lines to trust. */
  record Ssh(String secretId, String privateKey, String knownHosts, List<String> urls) implements GitCredentials {
    @Override
    public String toString() {
      return "Ssh[secret=" + secretId + ", privateKey=***, urls=" + urls + "]";
    }
  }

  String DEFAULT_TOKEN_USER = "x-access-token";

  /** The credentials the secret holds, or {@link None} when no secret id is given. */
  static GitCredentials load(SecretsClient secrets, String secretId, String repo) {
    if (secretId == null || secretId.isBlank()) {
      return new None();
    }
    String json;
    try {
      json = secrets.secretString(secretId).orElseThrow(() -> invalid(repo, secretId, "secret not found"));
    } catch (SourceException e) {
      throw e;
    } catch (DriftlessException e) {
      // e.g. access denied: the secrets client's message names the id and the error code, never a value
      throw new SourceException(SourceException.Failure.INVALID_CREDENTIALS, "repository "
          + RemoteAccess.redact(repo) + ": credentials " + secretId + ": cannot be read: " + e.getMessage(), e);
    }
    return parse(repo, secretId, json);
  }

  static GitCredentials parse(String repo, String secretId, String json) {
    JsonNode node;
    try {
      node = new ObjectMapper().readTree(json);
    } catch (JsonProcessingException e) {
      // The parser's message may quote the content: keep only where it broke.
      throw invalid(repo, secretId, "secret is not valid JSON (line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr() + ")");
    }
    if (node == null || !node.isObject()) {
      throw invalid(repo, secretId, "secret is not a JSON object");
    }
    String token = text(node, "token");
    String username = text(node, "username");
    String password = text(node, "password");
    String key = text(node, "sshPrivateKey");
    String knownHosts = text(node, "knownHosts");
    List<String> urls = urls(repo, secretId, node.get("urls"));
    if (key != null) {
      if (token != null || password != null) {
        throw invalid(repo, secretId, "secret holds both an SSH key and a token or password");
      }
      if (knownHosts == null) {
        throw invalid(repo, secretId, "sshPrivateKey needs knownHosts (host keys are always checked)");
      }
      return new Ssh(secretId, key, knownHosts, urls);
    }
    if (token != null) {
      return new Https(secretId, username == null ? DEFAULT_TOKEN_USER : username, token, urls);
    }
    if (username != null && password != null) {
      return new Https(secretId, username, password, urls);
    }
    throw invalid(repo, secretId,
        "secret holds none of token, username+password, sshPrivateKey+knownHosts");
  }

  /** The {@code urls} list: absent is empty (such credentials are sent nowhere); each entry a remote URL prefix. */
  private static List<String> urls(String repo, String secretId, JsonNode node) {
    if (node == null || node.isNull()) return List.of();
    if (!node.isArray()) throw invalid(repo, secretId, "urls must be a list of URL prefixes");
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode u = node.get(i);
      if (!u.isTextual() || !RepositoryUrl.parse(u.asText()).transport().isRemote()) {
        throw invalid(repo, secretId, "urls[" + i + "] must be an https://, http:// or ssh:// URL prefix");
      }
      urls.add(u.asText().strip());
    }
    return List.copyOf(urls);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
  }

  private static SourceException invalid(String repo, String secretId, String what) {
    return new SourceException(SourceException.Failure.INVALID_CREDENTIALS,
        "repository " + RemoteAccess.redact(repo) + ": credentials " + secretId + ": " + what);
  }
}
