package dev.driftless.functions.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.functions.PlanMessage;
import dev.driftless.functions.SyncMessage;
import dev.driftless.functions.queue.WorkQueue;
import dev.driftless.functions.webhook.Provider.EventKind;
import dev.driftless.model.Application;
import dev.driftless.state.ApplicationSetStore;
import dev.driftless.state.ApplicationStore;
import dev.driftless.state.DeliveryStore;
import dev.driftless.state.ProjectStore;
import dev.driftless.state.Trigger;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns one webhook delivery into sync work: who sent it, what it says, whether it is signed with the
 * repository's secret, whether it was seen before, and which Applications track the refs it moved.
 *
 * <p>Order: sender and event (400 when unknown), body (400 when malformed), the one repository the payload's
 * URLs name (all of them must name it: {@link PayloadRepository}), its secret (at most one Secrets Manager
 * call, bounded per container: {@link WebhookSecrets}), signature, ping (200), delivery id seen before
 * ({@code 202 {"queued":0,"duplicate":true}}; a delivery without an id is known by its body's SHA-256), then
 * one sync per matched Application of that repository ({@code 202 {"queued":n}}); a pull request opened, updated
 * or reopened queues one plan for the Applications tracking its base branch ({@code 202 {"queued":1}}), other
 * pull-request actions answer {@code 200 {"ignored":true}}. A payload naming no
 * repository or several, a repository without a secret, a secret lookup over budget and a missing or wrong
 * signature all answer the same {@code 401 {"error":"signature does not match"}} with the same headers, and
 * nothing else is read or written; only the log says which it was. Git is never fetched here: which paths a
 * push touched is judged by the sync.
 *
 * <p>Tenancy ({@link WebhookScope}): a delivery posted to {@code .../projects/<project>} is verified with that
 * project's own secret and queues only that project's Applications, and only if the project owns its webhook
 * secrets ({@code spec.ownWebhookSecrets}); one posted anywhere else is verified with the repository's secret and
 * queues only Applications whose project does not own its secrets. A path that names no webhook (a project that
 * is not a name) is refused as a repository without a secret is.
 */
public final class WebhookReceiver {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9._:{}-]{1,128}");
  /** The key a signature is checked against, only to spend the same work, when there is no secret. */
  private static final String NO_SECRET = "driftless: this repository has no webhook secret";

  private final ApplicationStore applications;
  private final ProjectStore projects;
  private final DeliveryStore deliveries;
  private final WorkQueue queue;
  private final WebhookSecrets secrets;
  private final Clock clock;

  public WebhookReceiver(ApplicationStore applications, ProjectStore projects, DeliveryStore deliveries,
      WorkQueue queue, WebhookSecrets secrets, Clock clock) {
    this.applications = applications;
    this.projects = projects;
    this.deliveries = deliveries;
    this.queue = queue;
    this.secrets = secrets;
    this.clock = clock;
  }

  /** Handles one request; refusals of the request itself come back as {@link RefusedException}. */
  public WebhookResult receive(WebhookRequest req) {
    Headers h = req.headers();
    Provider provider = Provider.detect(h).orElseThrow(() -> RefusedException.badRequest("unknown sender",
        "no known event header (x-github-event, x-gitlab-event, x-event-key, x-gitea-event, x-forgejo-event, "
            + "x-driftless-event)"));
    EventKind kind = provider.eventKind(h).orElseThrow(() -> RefusedException.badRequest("unsupported event",
        provider.word() + ": event " + Safe.word(h.get(provider.eventHeader()).orElse("")) + " is not handled"));
    Payload payload = PayloadReader.read(provider, kind, json(req, provider));

    PayloadRepository repo = PayloadRepository.of(provider, payload.repositoryUrls());
    WebhookScope scope = WebhookScope.of(req.path());
    String who = provider.word() + " " + Safe.word(repo.name()) + scope.describe();
    CallerSecrets.Lookup lookup = secrets.secretFor(scope, repo.name());
    String signature = h.get(provider.signatureHeader()).orElse(null);
    // Without a secret the signature is still checked, against a fixed key, so that an unknown repository
    // takes about as long as a wrong signature; without a found secret the check's result is never used.
    boolean matches = provider.signatures().verifies(signature, lookup.secret().orElse(NO_SECRET), req.body());
    if (lookup.outcome() != CallerSecrets.Lookup.Outcome.FOUND || !matches) {
      return WebhookResult.unverified(who + ": " + switch (lookup.outcome()) {
        case NONE -> "no webhook secret";
        case DEFERRED -> "secret lookups over this container's budget; Secrets Manager not asked";
        case FOUND -> provider.signatureHeader() + (signature == null ? " is missing" : " does not match");
      });
    }
    if (payload.kind() == Payload.Kind.PING) {
      return WebhookResult.pong(who + ": ping");
    }
    if (payload.kind() == Payload.Kind.NOTHING) {
      return kind == EventKind.PULL_REQUEST ? WebhookResult.ignored(who + ": pull request action not planned")
          : WebhookResult.queued(0, who + ": not a push; ignored");
    }
    String delivery = provider.word() + ":" + deliveryId(provider, h, req.body());
    if (!deliveries.firstSeen(delivery)) {
      return WebhookResult.duplicate(who + ": delivery " + delivery + " seen before");
    }
    int queued;
    try {
      queued = payload.kind() == Payload.Kind.PULL_REQUEST ? enqueuePlan(repo, scope, payload)
          : enqueue(repo, scope, payload, delivery);
    } catch (RuntimeException e) {
      // Nothing (or not everything) reached the queue: forget the delivery so the provider's retry is
      // processed instead of being dropped as a duplicate. Enqueues are deduplicated per app and commit.
      deliveries.forget(delivery);
      throw e;
    }
    return WebhookResult.queued(queued, who + " " + refs(payload) + ": delivery "
        + delivery + ", " + queued + (payload.kind() == Payload.Kind.PULL_REQUEST ? " plan(s)" : " sync(s)") + " queued");
  }

  /**
   * Enqueues one sync per Application on the repository, in the delivery's scope, that tracks a moved ref (the
   * first such ref).
   */
  private int enqueue(PayloadRepository repo, WebhookScope scope, Payload payload, String delivery) {
    Set<String> names = new LinkedHashSet<>();
    for (String spelling : repo.spellings()) names.addAll(applications.byRepository(spelling));
    Set<String> pushed = new HashSet<>();
    repo.spellings().forEach(spelling -> pushed.add(ApplicationStore.normalizeRepo(spelling)));
    Map<String, String> commits = new LinkedHashMap<>();
    Map<String, Boolean> owning = new HashMap<>();
    for (String name : names) {
      Optional<ApplicationStore.Stored> stored = applications.get(name);
      if (stored.isEmpty() || !inScope(scope, stored.get().application().project(), owning)) continue;
      for (Application.Source source : stored.get().application().sources()) {
        if (!pushed.contains(ApplicationStore.normalizeRepo(source.repoURL()))) continue; // another source's repo
        for (RefUpdate u : payload.updates()) {
          if (RevisionMatch.matches(source.targetRevision(), u, payload.defaultBranch())) {
            commits.putIfAbsent(name, u.commit());
            break;
          }
        }
      }
    }
    Instant now = clock.instant();
    commits.forEach((app, sha) ->
        queue.enqueue(new SyncMessage(app, Trigger.PUSH, sha, now, null, delivery), app + "-" + sha));
    return commits.size() + evaluateSets(repo, scope, payload, delivery, now);
  }

  /**
   * Queues one plan of the pull request's head for the Applications on the repository, in the delivery's scope,
   * that track its base branch; none when no Application does. The plan names the Applications' own repoURL (the
   * first one's), so the comment goes where the registration points, not where the payload says.
   */
  private int enqueuePlan(PayloadRepository repo, WebhookScope scope, Payload payload) {
    Payload.PullRequest pr = payload.pullRequest();
    RefUpdate base = new RefUpdate(RefUpdate.HEADS + pr.base(), PayloadReader.ZEROS, pr.head());
    Set<String> names = new LinkedHashSet<>();
    for (String spelling : repo.spellings()) names.addAll(applications.byRepository(spelling));
    Set<String> pushed = new HashSet<>();
    repo.spellings().forEach(spelling -> pushed.add(ApplicationStore.normalizeRepo(spelling)));
    List<String> planned = new ArrayList<>();
    String repoURL = null;
    Map<String, Boolean> owning = new HashMap<>();
    for (String name : names) {
      Optional<ApplicationStore.Stored> stored = applications.get(name);
      if (stored.isEmpty() || !inScope(scope, stored.get().application().project(), owning)) continue;
      for (Application.Source source : stored.get().application().sources()) {
        if (pushed.contains(ApplicationStore.normalizeRepo(source.repoURL()))
            && RevisionMatch.matches(source.targetRevision(), base, payload.defaultBranch())) {
          planned.add(name);
          if (repoURL == null) repoURL = source.repoURL();
          break;
        }
      }
    }
    if (planned.isEmpty()) return 0;
    queue.enqueue(new PlanMessage(repoURL, pr.number(), pr.head(), planned));
    return 1;
  }

  /**
   * Queues an evaluation of each ApplicationSet whose Git generators read the repository, in the delivery's scope:
   * a pushed directory or file may add or remove Applications. Any ref counts (a generator's revision may be a
   * tag or a commit); evaluations are deduplicated per set and commit.
   */
  private int evaluateSets(PayloadRepository repo, WebhookScope scope, Payload payload, String delivery,
      Instant now) {
    if (payload.updates().isEmpty()) return 0;
    String sha = payload.updates().get(0).commit();
    Set<String> names = new LinkedHashSet<>();
    for (String spelling : repo.spellings()) names.addAll(applications.sets().byRepository(spelling));
    Map<String, Boolean> owning = new HashMap<>();
    int queued = 0;
    for (String name : names) {
      Optional<ApplicationSetStore.Stored> stored = applications.sets().get(name);
      if (stored.isEmpty() || !inScope(scope, stored.get().set().project(), owning)) continue;
      queue.enqueue(new SyncMessage(SyncMessage.SET_PREFIX + name, Trigger.PUSH, sha, now, null, delivery),
          "applicationset-" + name + "-" + sha);
      queued++;
    }
    return queued;
  }

  /** Whether the scope's secret may trigger an Application of {@code project}; each project is read once. */
  private boolean inScope(WebhookScope scope, String project, Map<String, Boolean> owning) {
    // A project that is not stored (the implicit default, or one removed since) owns no secret.
    boolean owns = owning.computeIfAbsent(project,
        p -> projects.get(p).map(s -> s.project().ownWebhookSecrets()).orElse(false));
    return switch (scope.kind()) {
      case REPOSITORY -> !owns;
      case PROJECT -> owns && project.equals(scope.project());
      case INVALID -> false;
    };
  }

  private static JsonNode json(WebhookRequest req, Provider provider) {
    byte[] bytes = req.form() ? formPayload(req.body()) : req.body();
    JsonNode n;
    try {
      n = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw RefusedException.badRequest("body is not JSON", provider.word() + ": body is not JSON");
    } catch (IOException e) {
      throw RefusedException.badRequest("body is not JSON", provider.word() + ": body is not UTF-8 JSON");
    }
    if (n == null || !n.isObject()) {
      throw RefusedException.badRequest("body is not a JSON object", provider.word() + ": body is not a JSON object");
    }
    return n;
  }

  /** The JSON a form body carries in its {@code payload} field. */
  private static byte[] formPayload(byte[] body) {
    String form = new String(body, StandardCharsets.ISO_8859_1);
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals("payload")) {
        try {
          return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          throw RefusedException.badRequest("malformed form body", "form body: payload is not URL-encoded");
        }
      }
    }
    throw RefusedException.badRequest("malformed form body", "form body has no payload field");
  }

  /**
   * The sender's delivery id; when it sends none, {@code body-<sha256 of the body>}, so the same body delivered
   * twice is processed once. Ids that are long or hold unusual characters are kept as their SHA-256.
   */
  static String deliveryId(Provider provider, Headers h, byte[] body) {
    Optional<String> id = provider.deliveryId(h);
    if (id.isEmpty()) {
      return "body-" + HexFormat.of().formatHex(Signatures.sha256(body));
    }
    return PLAIN_ID.matcher(id.get()).matches() ? id.get()
        : "id-" + HexFormat.of().formatHex(Signatures.sha256(id.get().getBytes(StandardCharsets.UTF_8)));
  }

  private static String refs(Payload p) {
    if (p.pullRequest() != null) {
      return "pull request " + p.pullRequest().number() + "@" + p.pullRequest().head().substring(0, 7);
    }
    List<String> refs = new ArrayList<>();
    for (RefUpdate u : p.updates()) {
      refs.add(Safe.word(u.ref()) + (u.deleted() ? " (deleted)" : "@" + u.commit().substring(0, 7)));
    }
    return String.join(",", refs);
  }
}
