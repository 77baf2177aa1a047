package dev.driftless.feedback;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the request that sets a commit status, as each provider documents it:
 * <ul>
 *   <li>GitHub: {@code POST /repos/{owner}/{repo}/statuses/{sha}} on {@code api.github.com}, or {@code /api/v3}
 *   of a GitHub Enterprise Server; {@code state, target_url, description, context}.</li>
 *   <li>GitLab: {@code POST /api/v4/projects/{url-encoded path}/statuses/{sha}}, token in {@code PRIVATE-TOKEN};
 *   {@code state, name, description, target_url}.</li>
 *   <li>Bitbucket Cloud: {@code POST /2.0/repositories/{workspace}/{slug}/commit/{sha}/statuses/build} on
 *   {@code api.bitbucket.org}; {@code key, state, name, url, description}.</li>
 *   <li>Bitbucket Data Center: {@code POST /rest/build-status/1.0/commits/{sha}} under the context path the clone
 *   URL's {@code /scm/} follows; {@code key, state, name, url, description}.</li>
 *   <li>Gitea and Forgejo: {@code POST /api/v1/repos/{owner}/{repo}/statuses/{sha}}; {@code state, target_url,
 *   description, context}.</li>
 * </ul>
 * Bitbucket requires a URL: without a dashboard the status links to the repository.
 */
final class StatusCalls {

  private static final ObjectMapper JSON = new ObjectMapper();

  private StatusCalls() {}

  static ApiCall of(GitProvider provider, RepositoryPlace repo, CommitStatus status, String token) {
    String state = status.state().word(provider);
    ObjectNode body = JSON.createObjectNode();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("Accept", "application/json");
    if (provider == GitProvider.GITLAB) {
      headers.put("PRIVATE-TOKEN", token);
    } else {
      headers.put("Authorization", "Bearer " + token);
    }
    if (provider == GitProvider.GITHUB) {
      headers.put("Accept", "application/vnd.github+json");
      headers.put("X-GitHub-Api-Version", "2022-11-28");
    }
    String sha = status.sha();
    String url = switch (provider) {
      case GITHUB -> apiBase(provider, repo) + "/repos/" + repo.owner() + "/" + repo.name() + "/statuses/" + sha;
      case GITLAB -> repo.origin() + "/api/v4/projects/" + URLEncoder.encode(repo.path(), StandardCharsets.UTF_8)
          + "/statuses/" + sha;
      case BITBUCKET_CLOUD -> apiBase(provider, repo) + "/2.0/repositories/" + repo.owner() + "/" + repo.name()
          + "/commit/" + sha + "/statuses/build";
      case BITBUCKET_DATACENTER -> dataCenterBase(repo) + "/rest/build-status/1.0/commits/" + sha;
      case GITEA -> repo.origin() + "/api/v1/repos/" + repo.owner() + "/" + repo.name() + "/statuses/" + sha;
    };
    switch (provider) {
      case GITHUB, GITEA -> {
        body.put("state", state).put("description", status.description()).put("context", status.context());
        if (status.targetUrl() != null) body.put("target_url", status.targetUrl());
      }
      case GITLAB -> {
        body.put("state", state).put("name", status.context()).put("description", status.description());
        if (status.targetUrl() != null) body.put("target_url", status.targetUrl());
      }
      case BITBUCKET_CLOUD, BITBUCKET_DATACENTER -> body.put("key", status.context()).put("state", state)
          .put("name", status.context())
          .put("url", status.targetUrl() != null ? status.targetUrl() : repo.origin() + "/" + repo.path())
          .put("description", status.description());
    }
    return new ApiCall("POST", URI.create(url), headers, body.toString());
  }

  /**
   * The REST API root of GitHub and Bitbucket Cloud: their public APIs' own hosts, else the server itself
   * ({@code /api/v3} of a GitHub Enterprise Server).
   */
  static String apiBase(GitProvider provider, RepositoryPlace repo) {
    return switch (repo.host()) {
      case "github.com" -> "https://api.github.com";
      case "bitbucket.org" -> "https://api.bitbucket.org";
      default -> repo.origin() + (provider == GitProvider.GITHUB ? "/api/v3" : "");
    };
  }

  /** {@code https://host[/context]}: what precedes {@code /scm/} in a Data Center clone URL. */
  private static String dataCenterBase(RepositoryPlace repo) {
    int scm = repo.segments().indexOf("scm");
    return repo.origin() + (scm <= 0 ? "" : "/" + String.join("/", repo.segments().subList(0, scm)));
  }
}
