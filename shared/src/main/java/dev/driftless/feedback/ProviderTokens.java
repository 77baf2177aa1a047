package dev.driftless.feedback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.secrets.SecretLayout;
import dev.driftless.secrets.SecretsClient;
import java.util.Optional;

/**
 * Finds the API token for a repository in Secrets Manager: {@code <prefix>providers/<host>/<repository path>}
 * (one repository), else {@code <prefix>providers/<host>} (every repository on the host). The secret holds
 * {@code {"token": "..."}}. The name is built from a {@link RepositoryPlace}, whose host and segments are plain
 * names, so a repository URL cannot name a secret outside {@code providers/}. A token covers its host on any port.
 */
final class ProviderTokens {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SecretsClient secrets;
  private final SecretLayout layout;

  ProviderTokens(SecretsClient secrets, SecretLayout layout) {
    this.secrets = secrets;
    this.layout = layout;
  }

  /** The repository's token, else its host's; empty when neither secret exists. */
  Optional<ProviderToken> find(RepositoryPlace repo) {
    String hostId = layout.providers() + repo.host();
    String repoId = hostId + "/" + repo.path();
    return read(repo, repoId).or(() -> read(repo, hostId));
  }

  private Optional<ProviderToken> read(RepositoryPlace repo, String id) {
    if (!SecretLayout.isUnder(layout.providers(), id)) {
      throw new FeedbackException("token for " + repo.origin() + "/" + repo.path() + ": secret name " + id
          + " is not under " + layout.providers());
    }
    return secrets.secretString(id).map(json -> new ProviderToken(id, repo.host(), token(id, json)));
  }

  private static String token(String id, String json) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      // The parser's message may quote the content: name the secret only.
      throw new FeedbackException("provider token " + id + ": secret is not valid JSON");
    }
    JsonNode token = node == null ? null : node.get("token");
    if (token == null || !token.isTextual() || token.asText().isBlank()) {
      throw new FeedbackException("provider token " + id + ": secret holds no \"token\" string");
    }
    return token.asText().strip();
  }
}
