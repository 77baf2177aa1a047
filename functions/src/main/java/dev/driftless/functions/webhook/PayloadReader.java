package dev.driftless.functions.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.functions.webhook.Provider.EventKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads each sender's documented payload into a {@link Payload}. Only the fields the webhook needs are read:
 * the repository's URLs, the default branch, and for each moved ref its name and the commits before and
 * after. A missing or malformed needed field is refused as 400, naming the sender, the event and the field.
 *
 * <ul>
 *   <li>GitHub, Gitea, Forgejo {@code push}: {@code ref}, {@code before}, {@code after},
 *       {@code repository.{clone_url,ssh_url,html_url,default_branch}}, and GitHub's {@code repository.{git_url,url}}
 *       (Gitea's {@code url} is an API URL); for a GitHub tag push the tagged commit is {@code head_commit.id}.
 *   <li>Gitea, Forgejo {@code create}: {@code ref} (a short name), {@code ref_type} (branch or tag), {@code sha}.
 *   <li>GitLab Push Hook, Tag Push Hook and System Hook ({@code event_name} push or tag_push): {@code ref},
 *       {@code before}, {@code after}, {@code checkout_sha} (the commit a tag names),
 *       {@code project.{git_http_url,git_ssh_url,web_url,default_branch}} and {@code repository.*}.
 *   <li>Bitbucket Cloud {@code repo:push}: {@code push.changes[].{new,old}.{type,name,target.hash}},
 *       {@code repository.links.html.href} (or {@code full_name} on bitbucket.org), {@code repository.mainbranch.name}.
 *   <li>Bitbucket Data Center {@code repo:refs_changed}: {@code changes[].{refId,fromHash,toHash}},
 *       {@code repository.links.clone[].href}; it names no default branch.
 *   <li>GitHub, Gitea, Forgejo {@code pull_request} and GitLab Merge Request Hook: see {@link #githubPullRequest}
 *       and {@link #gitlabMergeRequest}.
 *   <li>Driftless: {@code {"repository": url, "ref": full ref, "after": sha, "before": sha, "defaultBranch": name}}
 *       with {@code before} and {@code defaultBranch} optional.
 * </ul>
 */
final class PayloadReader {

  static final String ZEROS = "0000000000000000000000000000000000000000";
  private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{40}|[0-9a-fA-F]{64}");
  private static final int MAX_URL = 2048;
  private static final int MAX_REF = 1024;
  private static final Set<String> PLANNED_ACTIONS = Set.of("opened", "reopened", "synchronize", "synchronized");
  private static final Set<String> PLANNED_MR_ACTIONS = Set.of("open", "reopen", "update");

  private final Provider provider;
  private final EventKind kind;
  private final String what;

  private PayloadReader(Provider provider, EventKind kind) {
    this.provider = provider;
    this.kind = kind;
    this.what = provider.word() + " " + kind.name().toLowerCase(Locale.ROOT);
  }

  static Payload read(Provider provider, EventKind kind, JsonNode body) {
    return new PayloadReader(provider, kind).read(body);
  }

  private Payload read(JsonNode b) {
    if (kind == EventKind.PING) {
      return Payload.ping(provider == Provider.DRIFTLESS ? optionalUrls(b, "repository", "repository")
          : pingUrls(b.path("repository")));
    }
    if (kind == EventKind.PULL_REQUEST) {
      return provider == Provider.GITLAB ? gitlabMergeRequest(b) : githubPullRequest(b);
    }
    return switch (provider) {
      case GITHUB, GITEA, FORGEJO -> kind == EventKind.CREATE ? giteaCreate(b) : githubPush(b);
      case GITLAB -> gitlab(b);
      case BITBUCKET_CLOUD -> bitbucketCloud(b);
      case BITBUCKET_DATA_CENTER -> bitbucketDataCenter(b);
      case DRIFTLESS -> driftless(b);
    };
  }

  private Payload githubPush(JsonNode b) {
    JsonNode repo = object(b, "repository");
    String ref = ref(text(b, "ref"), "ref");
    String after = sha(text(b, "after"), "after");
    String before = optionalSha(b, "before");
    String commit = after;
    if (provider == Provider.GITHUB && ref.startsWith(RefUpdate.TAGS) && b.path("head_commit").hasNonNull("id")) {
      commit = sha(b.path("head_commit").path("id").asText(), "head_commit.id");
    }
    // Gitea's and Forgejo's repository.url is the repository's API URL (/api/v1/repos/...), not a place of it.
    List<String> urls = provider == Provider.GITHUB
        ? urls(repo, "repository", "clone_url", "ssh_url", "git_url", "html_url", "url")
        : urls(repo, "repository", "clone_url", "ssh_url", "html_url");
    return new Payload(Payload.Kind.PUSH, urls, optionalText(repo, "default_branch"),
        List.of(new RefUpdate(ref, before, after, commit)));
  }

  /**
   * GitHub's, Gitea's and Forgejo's {@code pull_request}: planned when {@code action} is opened, reopened or
   * synchronize (Gitea: synchronized); any other action is verified and ignored.
   */
  private Payload githubPullRequest(JsonNode b) {
    JsonNode repo = object(b, "repository");
    List<String> urls = provider == Provider.GITHUB
        ? urls(repo, "repository", "clone_url", "ssh_url", "git_url", "html_url", "url")
        : urls(repo, "repository", "clone_url", "ssh_url", "html_url");
    if (!PLANNED_ACTIONS.contains(b.path("action").asText(""))) {
      return new Payload(Payload.Kind.NOTHING, urls, null, List.of());
    }
    JsonNode pr = object(b, "pull_request");
    long number = number(b.path("number"), "number");
    String head = sha(text(object(pr, "head"), "sha"), "pull_request.head.sha");
    String base = branch(text(object(pr, "base"), "ref"), "pull_request.base.ref");
    return new Payload(Payload.Kind.PULL_REQUEST, urls, optionalText(repo, "default_branch"), List.of(),
        new Payload.PullRequest(number, head, base));
  }

  /**
   * GitLab's Merge Request Hook: planned when {@code object_attributes.action} is open, reopen or update;
   * {@code object_attributes.{iid, last_commit.id, target_branch}}.
   */
  private Payload gitlabMergeRequest(JsonNode b) {
    List<String> urls = gitlabUrls(b);
    if (urls.isEmpty()) throw malformed("project.git_http_url is missing");
    JsonNode mr = object(b, "object_attributes");
    if (!PLANNED_MR_ACTIONS.contains(mr.path("action").asText(""))) {
      return new Payload(Payload.Kind.NOTHING, urls, null, List.of());
    }
    long number = number(mr.path("iid"), "object_attributes.iid");
    String head = sha(text(object(mr, "last_commit"), "id"), "object_attributes.last_commit.id");
    String base = branch(text(mr, "target_branch"), "object_attributes.target_branch");
    return new Payload(Payload.Kind.PULL_REQUEST, urls, optionalText(b.path("project"), "default_branch"),
        List.of(), new Payload.PullRequest(number, head, base));
  }

  private long number(JsonNode n, String field) {
    if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() <= 0) {
      throw malformed(field + " is not a positive integer");
    }
    return n.asLong();
  }

  /** A branch's short name: valid as {@code refs/heads/<name>}. */
  private String branch(String name, String field) {
    ref(RefUpdate.HEADS + name, field);
    return name;
  }

  private Payload giteaCreate(JsonNode b) {
    JsonNode repo = object(b, "repository");
    String name = text(b, "ref");
    String type = text(b, "ref_type").toLowerCase(Locale.ROOT);
    String ref = name.startsWith("refs/") ? name : switch (type) {
      case "branch" -> RefUpdate.HEADS + name;
      case "tag" -> RefUpdate.TAGS + name;
      default -> throw malformed("ref_type is neither branch nor tag");
    };
    String sha = sha(text(b, "sha"), "sha");
    return new Payload(Payload.Kind.PUSH, urls(repo, "repository", "clone_url", "ssh_url", "html_url"),
        optionalText(repo, "default_branch"), List.of(new RefUpdate(ref(ref, "ref"), ZEROS, sha)));
  }

  private Payload gitlab(JsonNode b) {
    if (kind == EventKind.SYSTEM) {
      String event = b.path("event_name").asText("");
      if (!event.equals("push") && !event.equals("tag_push")) {
        return new Payload(Payload.Kind.NOTHING, gitlabUrls(b), null, List.of());
      }
    }
    String ref = ref(text(b, "ref"), "ref");
    String after = sha(text(b, "after"), "after");
    String before = optionalSha(b, "before");
    String commit = b.hasNonNull("checkout_sha") && !b.get("checkout_sha").asText().isEmpty()
        ? sha(b.get("checkout_sha").asText(), "checkout_sha") : after;
    List<String> urls = gitlabUrls(b);
    if (urls.isEmpty()) throw malformed("project.git_http_url is missing");
    String defaultBranch = optionalText(b.path("project"), "default_branch");
    return new Payload(Payload.Kind.PUSH, urls, defaultBranch, List.of(new RefUpdate(ref, before, after, commit)));
  }

  private List<String> gitlabUrls(JsonNode b) {
    List<String> urls = new ArrayList<>();
    urls.addAll(optionalUrls(b.path("project"), "project", "git_http_url", "git_ssh_url", "web_url"));
    urls.addAll(optionalUrls(b.path("repository"), "repository", "git_http_url", "git_ssh_url", "homepage"));
    return urls;
  }

  private Payload bitbucketCloud(JsonNode b) {
    JsonNode repo = object(b, "repository");
    List<String> urls = optionalUrls(repo.path("links").path("html"), "repository.links.html", "href");
    if (urls.isEmpty() && repo.hasNonNull("full_name")) {
      urls = List.of(url("https://bitbucket.org/" + repo.get("full_name").asText(), "repository.full_name"));
    }
    if (urls.isEmpty()) throw malformed("repository.links.html.href is missing");
    JsonNode changes = b.path("push").path("changes");
    if (!changes.isArray()) throw malformed("push.changes is not a list");
    List<RefUpdate> updates = new ArrayList<>();
    for (JsonNode c : changes) {
      JsonNode now = c.path("new");
      JsonNode old = c.path("old");
      JsonNode named = now.isObject() ? now : old;
      if (!named.isObject()) throw malformed("push.changes[] has neither new nor old");
      String type = named.path("type").asText("");
      String prefix = type.equals("branch") ? RefUpdate.HEADS : type.equals("tag") ? RefUpdate.TAGS : null;
      if (prefix == null) continue; // Mercurial bookmarks and named branches: not Git
      String ref = ref(prefix + text(named, "name"), "push.changes[].name");
      String after = now.isObject() ? sha(now.path("target").path("hash").asText(""), "new.target.hash") : ZEROS;
      String before = old.isObject() ? sha(old.path("target").path("hash").asText(""), "old.target.hash") : ZEROS;
      updates.add(new RefUpdate(ref, before, after));
    }
    return new Payload(Payload.Kind.PUSH, urls, optionalText(repo.path("mainbranch"), "name"), updates);
  }

  private Payload bitbucketDataCenter(JsonNode b) {
    JsonNode repo = object(b, "repository");
    List<String> urls = new ArrayList<>();
    for (JsonNode link : repo.path("links").path("clone")) {
      urls.addAll(optionalUrls(link, "repository.links.clone[]", "href"));
    }
    if (urls.isEmpty()) throw malformed("repository.links.clone is missing");
    JsonNode changes = b.path("changes");
    if (!changes.isArray()) throw malformed("changes is not a list");
    List<RefUpdate> updates = new ArrayList<>();
    for (JsonNode c : changes) {
      String refId = c.hasNonNull("refId") ? c.get("refId").asText() : c.path("ref").path("id").asText("");
      String ref = ref(refId, "changes[].refId");
      String after = sha(text(c, "toHash"), "changes[].toHash");
      updates.add(new RefUpdate(ref, optionalSha(c, "fromHash"), after));
    }
    return new Payload(Payload.Kind.PUSH, urls, null, updates);
  }

  private Payload driftless(JsonNode b) {
    List<String> urls = urls(b, "repository");
    String ref = ref(text(b, "ref"), "ref");
    return new Payload(Payload.Kind.PUSH, urls, optionalText(b, "defaultBranch"),
        List.of(new RefUpdate(ref, optionalSha(b, "before"), sha(text(b, "after"), "after"))));
  }

  /** A ping names its repository the way its sender's pushes do, when it names one at all. */
  private List<String> pingUrls(JsonNode repo) {
    if (!repo.isObject()) return List.of();
    List<String> urls = new ArrayList<>(optionalUrls(repo, "repository", "clone_url", "ssh_url", "html_url",
        "git_http_url", "git_ssh_url"));
    urls.addAll(optionalUrls(repo.path("links").path("html"), "repository.links.html", "href"));
    for (JsonNode link : repo.path("links").path("clone")) {
      urls.addAll(optionalUrls(link, "repository.links.clone[]", "href"));
    }
    return urls;
  }

  // --- fields

  private JsonNode object(JsonNode b, String field) {
    JsonNode n = b.get(field);
    if (n == null || !n.isObject()) throw malformed(field + " is missing or not an object");
    return n;
  }

  private String text(JsonNode b, String field) {
    JsonNode n = b.get(field);
    if (n == null || !n.isTextual() || n.asText().isEmpty()) throw malformed(field + " is missing or not text");
    return n.asText();
  }

  private static String optionalText(JsonNode b, String field) {
    JsonNode n = b.get(field);
    return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
  }

  /** The given fields that hold URLs; at least one must be present. */
  private List<String> urls(JsonNode b, String where, String... fields) {
    List<String> urls = fields.length == 0 ? optionalUrls(b, where, where) : optionalUrls(b, where, fields);
    if (urls.isEmpty()) throw malformed(where + " names no repository URL");
    return urls;
  }

  private List<String> optionalUrls(JsonNode b, String where, String... fields) {
    List<String> urls = new ArrayList<>();
    for (String f : fields) {
      JsonNode n = b.get(f);
      if (n != null && n.isTextual() && !n.asText().isBlank()) {
        urls.add(url(n.asText(), where.equals(f) ? f : where + "." + f));
      }
    }
    return urls;
  }

  private String url(String u, String field) {
    if (u.length() > MAX_URL || u.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw malformed(field + " is not a URL");
    }
    return u.strip();
  }

  private String sha(String s, String field) {
    if (!SHA.matcher(s).matches()) throw malformed(field + " is not a commit id");
    return s.toLowerCase(Locale.ROOT);
  }

  private String optionalSha(JsonNode b, String field) {
    return b.hasNonNull(field) && !b.get(field).asText().isEmpty() ? sha(b.get(field).asText(), field) : ZEROS;
  }

  /** A full ref name as {@code git check-ref-format} allows it (Unicode is allowed, as in Git). */
  private String ref(String r, String field) {
    if (!validRef(r)) throw malformed(field + " is not a valid ref name");
    return r;
  }

  static boolean validRef(String r) {
    if (!r.startsWith("refs/") || r.length() > MAX_REF || r.endsWith("/") || r.endsWith(".")
        || r.endsWith(".lock") || r.contains("..") || r.contains("@{") || r.contains("//")) {
      return false;
    }
    for (int i = 0; i < r.length(); i++) {
      char c = r.charAt(i);
      if (c < 0x20 || c == 0x7f || c == ' ' || "~^:?*[\\".indexOf(c) >= 0) return false;
    }
    for (String part : r.split("/")) {
      if (part.isEmpty() || part.startsWith(".") || part.endsWith(".lock")) return false;
    }
    return true;
  }

  private RefusedException malformed(String detail) {
    return RefusedException.badRequest("malformed payload", what + ": " + detail);
  }
}
