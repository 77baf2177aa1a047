package dev.driftless.feedback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.secrets.SecretLayout;
import dev.driftless.secrets.SecretsClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Keeps one plan comment on a pull request: finds the comment carrying {@link PlanComment#MARKER} written by the
 * token's own user and edits it, else creates one. A comment someone else wrote is never edited, even if it
 * carries the marker (anyone may paste it). Provider and token are found as for commit statuses
 * ({@link ProviderHosts}, {@link ProviderTokens}), the token bound to the repository's host.
 */
public final class PlanComments {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** What a post did. */
  public enum Posted { CREATED, UPDATED, NO_PROVIDER, NO_TOKEN }

  private final ProviderHosts providers;
  private final ProviderTokens tokens;
  private final ApiSender sender;

  PlanComments(ProviderHosts providers, ProviderTokens tokens, ApiSender sender) {
    this.providers = providers;
    this.tokens = tokens;
    this.sender = sender;
  }

  /** Comments configured from the environment ({@link ProviderHosts#ENV}), tokens read through {@code secrets}. */
  public static PlanComments fromEnvironment(SecretsClient secrets, SecretLayout layout, Map<String, String> env) {
    return new PlanComments(ProviderHosts.parse(env.get(ProviderHosts.ENV)), new ProviderTokens(secrets, layout),
        new ApiSender(TIMEOUT));
  }

  /**
   * Creates or updates the plan comment on pull request {@code number} of {@code repoURL}.
   *
   * @throws FeedbackException when the forge refuses or answers something unreadable; names the call, never the token
   */
  public Posted post(String repoURL, long number, String body) {
    Optional<RepositoryPlace> repo = RepositoryPlace.of(repoURL);
    if (repo.isEmpty()) return Posted.NO_PROVIDER;
    Optional<GitProvider> provider = providers.providerOf(repo.get().host()).filter(CommentCalls::supports);
    if (provider.isEmpty()) return Posted.NO_PROVIDER;
    Optional<ProviderToken> token = tokens.find(repo.get());
    if (token.isEmpty()) return Posted.NO_TOKEN;
    CommentCalls calls = new CommentCalls(provider.get(), repo.get(), token.get().value());
    ApiCall whoAmI = calls.currentUser();
    String me = read(whoAmI, sender.send(whoAmI, token.get())).path(calls.loginField()).asText("");
    if (me.isEmpty()) throw new FeedbackException(whoAmI + ": answer names no user");
    ApiCall list = calls.list(number);
    OptionalLong mine = ours(calls, read(list, sender.send(list, token.get())), me);
    if (mine.isPresent()) {
      sender.send(calls.update(number, mine.getAsLong(), body), token.get());
      return Posted.UPDATED;
    }
    sender.send(calls.create(number, body), token.get());
    return Posted.CREATED;
  }

  private static OptionalLong ours(CommentCalls calls, JsonNode comments, String me) {
    for (JsonNode c : comments) {
      boolean byMe = me.equals(c.path(calls.authorField()).path(calls.loginField()).asText(null));
      if (byMe && c.path("body").asText("").startsWith(PlanComment.MARKER) && c.path("id").canConvertToLong()) {
        return OptionalLong.of(c.path("id").asLong());
      }
    }
    return OptionalLong.empty();
  }

  private static JsonNode read(ApiCall call, String answer) {
    try {
      return JSON.readTree(answer);
    } catch (JsonProcessingException e) {
      throw new FeedbackException(call + ": answer is not JSON");
    }
  }
}
