package dev.driftless.feedback;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the requests that read and write a pull request's comments, as each provider documents them:
 * <ul>
 *   <li>GitHub: {@code GET /user}; {@code GET|POST /repos/{owner}/{repo}/issues/{n}/comments};
 *   {@code PATCH /repos/{owner}/{repo}/issues/comments/{id}}.</li>
 *   <li>GitLab: {@code GET /api/v4/user}; {@code GET|POST /api/v4/projects/{path}/merge_requests/{iid}/notes};
 *   {@code PUT .../notes/{id}}.</li>
 *   <li>Gitea and Forgejo: {@code GET /api/v1/user}; {@code GET|POST /api/v1/repos/{owner}/{repo}/issues/{n}/comments};
 *   {@code PATCH /api/v1/repos/{owner}/{repo}/issues/comments/{id}}.</li>
 * </ul>
 * Every body is {@code {"body": ...}}. Bitbucket has no comment client here.
 */
final class CommentCalls {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final GitProvider provider;
  private final RepositoryPlace repo;
  private final String token;

  CommentCalls(GitProvider provider, RepositoryPlace repo, String token) {
    if (!supports(provider)) throw new FeedbackException("pull-request comments on " + provider.word()
        + " (" + repo.origin() + "/" + repo.path() + "): not supported");
    this.provider = provider;
    this.repo = repo;
    this.token = token;
  }

  static boolean supports(GitProvider provider) {
    return provider == GitProvider.GITHUB || provider == GitProvider.GITLAB || provider == GitProvider.GITEA;
  }

  /** Who the token belongs to: only that user's comments are ever edited. */
  ApiCall currentUser() {
    return call("GET", api() + "/user", null);
  }

  ApiCall list(long number) {
    return call("GET", thread(number) + "?per_page=100" + (provider == GitProvider.GITLAB ? "&sort=asc" : ""), null);
  }

  ApiCall create(long number, String body) {
    return call("POST", thread(number), body);
  }

  ApiCall update(long number, long commentId, String body) {
    return switch (provider) {
      case GITLAB -> call("PUT", thread(number) + "/" + commentId, body);
      default -> call("PATCH", repoApi() + "/issues/comments/" + commentId, body);
    };
  }

  /** The field naming a comment's author in a listing: {@code author} on GitLab, {@code user} elsewhere. */
  String authorField() {
    return provider == GitProvider.GITLAB ? "author" : "user";
  }

  /** The field naming the current user: {@code username} on GitLab, {@code login} elsewhere. */
  String loginField() {
    return provider == GitProvider.GITLAB ? "username" : "login";
  }

  private String api() {
    return switch (provider) {
      case GITLAB -> repo.origin() + "/api/v4";
      case GITEA -> repo.origin() + "/api/v1";
      default -> StatusCalls.apiBase(provider, repo);
    };
  }

  private String repoApi() {
    return provider == GitProvider.GITLAB
        ? api() + "/projects/" + URLEncoder.encode(repo.path(), StandardCharsets.UTF_8)
        : api() + "/repos/" + repo.owner() + "/" + repo.name();
  }

  private String thread(long number) {
    return repoApi() + (provider == GitProvider.GITLAB ? "/merge_requests/" + number + "/notes"
        : "/issues/" + number + "/comments");
  }

  private ApiCall call(String method, String url, String body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", provider == GitProvider.GITHUB ? "application/vnd.github+json" : "application/json");
    if (provider == GitProvider.GITHUB) headers.put("X-GitHub-Api-Version", "2022-11-28");
    if (provider == GitProvider.GITLAB) {
      headers.put("PRIVATE-TOKEN", token);
    } else {
      headers.put("Authorization", "Bearer " + token);
    }
    String json = null;
    if (body != null) {
      headers.put("Content-Type", "application/json");
      json = JSON.createObjectNode().put("body", body).toString();
    }
    return new ApiCall(method, URI.create(url), headers, json);
  }
}
