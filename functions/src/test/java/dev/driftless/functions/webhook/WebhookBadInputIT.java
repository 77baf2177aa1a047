package dev.driftless.functions.webhook;

import static dev.driftless.functions.webhook.WebhookSamples.edited;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.testkit.LocalAws;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad and borderline input, one row each: the status and body it gets, and that it enqueues nothing. A
 * refused request (4xx) also leaves no delivery record. Rows marked "replay" send the same request once
 * before, and check that the second time adds nothing.
 */
@LocalAws
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookBadInputIT {

  private static final String SECRET = WebhookSamples.TEST_SECRET;
  private static final String ZEROS = "0".repeat(40);
  private static final int LIMIT = 1 << 20;

  private WebhookTestBed bed;

  @BeforeAll
  void bed() {
    bed = new WebhookTestBed();
    bed.secret("https://github.com/acme/deploy", SECRET)
        .app("gh-main", "https://github.com/acme/deploy.git", "main")
        .app("gh-release-branch", "https://github.com/acme/deploy.git", "refs/heads/release")
        .app("gh-release-tag", "https://github.com/acme/deploy.git", "refs/tags/release")
        .app("gh-range", "https://github.com/acme/deploy.git", "^1.2")
        .app("gh-pinned", "https://github.com/acme/deploy.git", "9c4f1e2d3b5a69788a7b6c5d4e3f2a1b0c9d8e7f");
    bed.secret("https://gitlab.example.com/acme/deploy", SECRET).app("gl-main", "https://gitlab.example.com/acme/deploy", "main");
    bed.secret("https://bitbucket.org/acme/deploy", SECRET).app("bbc-main", "https://bitbucket.org/acme/deploy", "main");
    bed.secret("https://gitea.example.com/acme/deploy", SECRET);
    bed.secret("https://git.example.com/acme/deploy", SECRET).app("generic-main", "https://git.example.com/acme/deploy", "main");
  }

  record Case(String name, Supplier<APIGatewayV2HTTPEvent> event, int status, String body, boolean replay,
      String enqueues) {
    Case(String name, Supplier<APIGatewayV2HTTPEvent> event, int status, String body, boolean replay) {
      this(name, event, status, body, replay, null);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  // --- builders

  private static APIGatewayV2HTTPEvent sample(String name) {
    return WebhookSamples.load(name);
  }

  private static APIGatewayV2HTTPEvent github() {
    return sample("webhook-github-push.json");
  }

  /** The GitHub push with its JSON body edited and signed again with the right secret. */
  private static APIGatewayV2HTTPEvent githubEdited(Consumer<ObjectNode> edit) {
    return edited(github(), edit, SECRET);
  }

  private static APIGatewayV2HTTPEvent withBody(APIGatewayV2HTTPEvent e, String body) {
    return WebhookSamples.signed(e, body, SECRET);
  }

  private static APIGatewayV2HTTPEvent headers(APIGatewayV2HTTPEvent e, String... kv) {
    Map<String, String> h = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) h.put(kv[i], kv[i + 1]);
    return WebhookSamples.with(e, h, null);
  }

  private static APIGatewayV2HTTPEvent method(String m) {
    APIGatewayV2HTTPEvent e = github();
    e.getRequestContext().getHttp().setMethod(m);
    return e;
  }

  private static APIGatewayV2HTTPEvent base64(APIGatewayV2HTTPEvent e, String encoded) {
    APIGatewayV2HTTPEvent copy = WebhookSamples.with(e, Map.of(), encoded);
    copy.setIsBase64Encoded(true);
    return copy;
  }

  private static APIGatewayV2HTTPEvent delivery(APIGatewayV2HTTPEvent e, String id) {
    return headers(e, "x-github-delivery", id);
  }

  private static String form(String json) {
    return "payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
  }

  static final String QUEUED_0 = "{\"queued\":0}";
  static final String DUPLICATE = "{\"queued\":0,\"duplicate\":true}";
  static final String UNSIGNED = "{\"error\":\"signature does not match\"}";
  static final String MALFORMED = "{\"error\":\"malformed payload\"}";
  static final String NOT_JSON = "{\"error\":\"body is not JSON\"}";

  static Stream<Case> cases() {
    return Stream.of(
        // method, content type, size, encoding
        new Case("GET is not allowed", () -> method("GET"), 405, "{\"error\":\"method not allowed\"}", false),
        new Case("PUT is not allowed", () -> method("PUT"), 405, null, false),
        new Case("no request context", () -> { APIGatewayV2HTTPEvent e = github(); e.setRequestContext(null); return e; },
            405, null, false),
        new Case("text/plain content type", () -> headers(github(), "content-type", "text/plain"), 415,
            "{\"error\":\"unsupported content type\"}", false),
        new Case("no content type", () -> headers(github(), "content-type", null), 415, null, false),
        new Case("application/xml content type", () -> headers(github(), "content-type", "application/xml"), 415, null,
            false),
        new Case("JSON content type with charset is fine", () -> headers(githubEdited(b -> b.put("ref",
            "refs/heads/other")), "content-type", "application/json; charset=utf-8"), 202, QUEUED_0, false),
        new Case("body one byte over 1 MiB", () -> withBody(github(), "{\"pad\":\"" + "x".repeat(LIMIT) + "\"}"), 413,
            "{\"error\":\"body too large\"}", false),
        new Case("huge base64 body refused before decoding", () -> base64(github(), "A".repeat(3 * LIMIT)), 413, null,
            false),
        new Case("base64 body decoding to just over the limit", () -> base64(github(),
            Base64.getEncoder().encodeToString(new byte[LIMIT + 1])), 413, null, false),
        new Case("bad base64", () -> base64(github(), "not*base64!"), 400, "{\"error\":\"body is not base64\"}", false),
        new Case("empty body", () -> withBody(github(), ""), 400, "{\"error\":\"empty body\"}", false),
        new Case("valid base64 of a signed push matching nothing", () -> {
          APIGatewayV2HTTPEvent e = githubEdited(b -> b.put("ref", "refs/heads/b64"));
          return base64(e, Base64.getEncoder().encodeToString(e.getBody().getBytes(StandardCharsets.UTF_8)));
        }, 202, QUEUED_0, false),
        // body shape
        new Case("truncated JSON", () -> withBody(github(), github().getBody().substring(0, 200)), 400, NOT_JSON, false),
        new Case("JSON array", () -> withBody(github(), "[1,2,3]"), 400, "{\"error\":\"body is not a JSON object\"}", false),
        new Case("trailing garbage after JSON", () -> withBody(github(), github().getBody() + " trailing"), 400, NOT_JSON,
            false),
        new Case("invalid UTF-8 in a base64 body", () -> base64(github(), Base64.getEncoder().encodeToString(
            new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'})), 400, null, false),
        new Case("missing ref", () -> githubEdited(b -> b.remove("ref")), 400, MALFORMED, false),
        new Case("after is not a commit id", () -> githubEdited(b -> b.put("after", "HEAD~1")), 400, MALFORMED, false),
        new Case("ref with .. is not a ref name", () -> githubEdited(b -> b.put("ref", "refs/heads/a..b")), 400,
            MALFORMED, false),
        new Case("short ref name", () -> githubEdited(b -> b.put("ref", "main")), 400, MALFORMED, false),
        new Case("ref with a control character", () -> githubEdited(b -> b.put("ref", "refs/heads/ma\u0001in")), 400,
            MALFORMED, false),
        new Case("missing repository", () -> githubEdited(b -> b.remove("repository")), 400, MALFORMED, false),
        new Case("repository URL with a newline", () -> githubEdited(b -> ((ObjectNode) b.get("repository"))
            .put("clone_url", "https://github.com/acme/deploy\nX-Injected: 1")), 400, MALFORMED, false),
        new Case("gitea create with an unknown ref_type", () -> edited(sample("webhook-gitea-create.json"),
            b -> b.put("ref_type", "note"), SECRET), 400, MALFORMED, false),
        new Case("GitHub form body carrying the JSON in payload", () -> headers(withBody(github(),
            form(githubEdited(b -> b.put("ref", "refs/heads/form")).getBody())), "content-type",
            "application/x-www-form-urlencoded"), 202, QUEUED_0, false),
        new Case("GitHub form body push to main is queued like JSON", () -> headers(withBody(github(),
            form(githubEdited(b -> b.put("after", "3333333333333333333333333333333333333333")).getBody())),
            "content-type", "application/x-www-form-urlencoded"), 202, "{\"queued\":1}", false, "gh-main"),
        new Case("form body without a payload field", () -> headers(withBody(github(), "other=1"),
            "content-type", "application/x-www-form-urlencoded"), 400, "{\"error\":\"malformed form body\"}", false),
        // events and senders
        new Case("GitHub issues event", () -> headers(github(), "x-github-event", "issues"), 400,
            "{\"error\":\"unsupported event\"}", false),
        new Case("GitLab merge request event", () -> headers(sample("webhook-gitlab-push.json"), "x-gitlab-event",
            "Merge Request Hook"), 400, null, false),
        new Case("no sender headers", () -> headers(github(), "x-github-event", null), 400,
            "{\"error\":\"unknown sender\"}", false),
        new Case("GitLab system hook that is not a push", () -> edited(headers(sample("webhook-gitlab-push.json"),
            "x-gitlab-event", "System Hook"), b -> b.put("event_name", "project_create"), SECRET), 202, QUEUED_0, false),
        // signatures
        new Case("signature of another body", () -> WebhookSamples.with(github(), Map.of("x-hub-signature-256",
            sample("webhook-github-tag-push.json").getHeaders().get("x-hub-signature-256")), null), 401, UNSIGNED, false),
        new Case("signature with the sha1 prefix", () -> headers(github(), "x-hub-signature-256",
            github().getHeaders().get("x-hub-signature-256").replace("sha256=", "sha1=")), 401, UNSIGNED, false),
        new Case("signature without its prefix", () -> headers(github(), "x-hub-signature-256",
            github().getHeaders().get("x-hub-signature-256").substring(7)), 401, UNSIGNED, false),
        new Case("signature in the SHA-1 header only", () -> headers(github(), "x-hub-signature",
            github().getHeaders().get("x-hub-signature-256"), "x-hub-signature-256", null), 401, UNSIGNED, false),
        new Case("GitLab wrong token", () -> headers(sample("webhook-gitlab-push.json"), "x-gitlab-token", "guess"), 401,
            UNSIGNED, false),
        new Case("signed with a blank secret", () -> WebhookSamples.signed(github(), github().getBody(), " "), 401,
            UNSIGNED, false),
        new Case("header names in other case, wrong signature", () -> {
          APIGatewayV2HTTPEvent e = github();
          Map<String, String> h = new HashMap<>();
          e.getHeaders().forEach((k, v) -> h.put(k.toUpperCase(), v));
          h.put("X-HUB-SIGNATURE-256", "sha256=" + "1".repeat(64));
          e.setHeaders(h);
          return e;
        }, 401, UNSIGNED, false),
        new Case("header names in other case, right signature, nothing tracks the ref", () -> {
          APIGatewayV2HTTPEvent e = githubEdited(b -> b.put("ref", "refs/heads/case"));
          Map<String, String> h = new HashMap<>();
          e.getHeaders().forEach((k, v) -> h.put(k.equals("content-type") ? "Content-Type" : k.toUpperCase(), v));
          e.setHeaders(h);
          return e;
        }, 202, QUEUED_0, false),
        // unknown repositories
        new Case("unknown repository, unsigned", () -> headers(githubEdited(b -> ((ObjectNode) b.get("repository"))
            .put("clone_url", "https://github.com/acme/x.git").put("ssh_url", "git@github.com:acme/x.git")
            .put("git_url", "git://github.com/acme/x.git").put("html_url", "https://github.com/acme/x")
            .put("url", "https://github.com/acme/x")), "x-hub-signature-256", null), 401, UNSIGNED, false),
        new Case("URLs naming another repository beside the signed one", () -> githubEdited(b -> ((ObjectNode)
            b.get("repository")).put("html_url", "https://github.com/acme/secret-project")), 401, UNSIGNED, false),
        new Case("repository URL that cannot name a secret", () -> edited(sample("webhook-driftless-push.json"),
            b -> b.put("repository", "https://git.example.com/acme/dé ploy"), "x"), 401, UNSIGNED, false),
        // matching
        new Case("ref that matches nothing", () -> githubEdited(b -> b.put("ref", "refs/heads/feature/x")), 202,
            QUEUED_0, false),
        new Case("unicode in the ref", () -> githubEdited(b -> b.put("ref", "refs/heads/fonctionnalité/ünïcødé-☃")),
            202, QUEUED_0, false),
        new Case("tag push named like a tracked branch", () -> githubEdited(b -> b.put("ref", "refs/tags/release")
            .put("after", "1111111111111111111111111111111111111111")), 202, "{\"queued\":1}", false, "gh-release-tag"),
        new Case("branch push named like a tracked tag", () -> githubEdited(b -> b.put("ref", "refs/heads/release")
            .put("after", "2222222222222222222222222222222222222222")), 202, "{\"queued\":1}", false,
            "gh-release-branch"),
        new Case("tag outside the semver range", () -> githubEdited(b -> b.put("ref", "refs/tags/v2.0.0")), 202,
            QUEUED_0, false),
        new Case("deleted branch", () -> githubEdited(b -> b.put("after", ZEROS).put("deleted", true)), 202, QUEUED_0,
            false),
        new Case("deleted Bitbucket branch", () -> edited(sample("webhook-bitbucket-cloud-push.json"), b -> {
          ObjectNode change = (ObjectNode) b.get("push").get("changes").get(0);
          change.putNull("new");
          change.put("closed", true);
        }, SECRET), 202, QUEUED_0, false),
        // replays
        new Case("replayed delivery", () -> delivery(githubEdited(b -> b.put("ref", "refs/heads/feature/replay")),
            "replay-1"), 202, DUPLICATE, true),
        new Case("replayed delivery without a delivery id is known by its body", () -> headers(
            githubEdited(b -> b.put("ref", "refs/heads/feature/no-id")), "x-github-delivery", null), 202, DUPLICATE,
            true),
        new Case("replayed GitLab delivery by its idempotency key", () -> edited(sample("webhook-gitlab-push.json"),
            b -> b.put("ref", "refs/heads/feature/gl"), SECRET), 202, DUPLICATE, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badInputGetsItsStatusAndEnqueuesNothing(Case c) {
    APIGatewayV2HTTPEvent event = freshDelivery(c.event().get());
    if (c.replay()) {
      assertThat(bed.send(event).getStatusCode()).isEqualTo(202);
    }
    bed.queue.clear();

    APIGatewayV2HTTPResponse r = bed.send(event);

    assertThat(r.getStatusCode()).isEqualTo(c.status());
    if (c.body() != null) assertThat(r.getBody()).isEqualTo(c.body());
    assertThat(r.getBody()).doesNotContain(SECRET).doesNotContainIgnoringCase("exception");
    if (c.enqueues() != null) {
      assertThat(bed.queue.enqueued()).extracting(e -> e.message().application()).containsExactly(c.enqueues());
    } else {
      assertThat(bed.queue.enqueued()).isEmpty();
    }
    if (c.status() >= 400 && Provider.detect(Headers.of(event.getHeaders())).isPresent() && event.getBody() != null
        && !event.getIsBase64Encoded()) {
      assertThat(bed.deliveryNotRecorded(event)).as("no delivery recorded").isTrue();
    }
  }

  /** Gives the case its own delivery id, so rows do not see each other's deliveries as replays. */
  private static APIGatewayV2HTTPEvent freshDelivery(APIGatewayV2HTTPEvent e) {
    if (e.getHeaders() == null) return e;
    Map<String, String> h = new HashMap<>(e.getHeaders());
    for (String k : e.getHeaders().keySet()) {
      if (List.of("x-github-delivery", "idempotency-key", "x-gitlab-event-uuid", "x-request-uuid",
          "x-request-id", "x-gitea-delivery", "x-forgejo-delivery", "x-driftless-delivery").contains(k.toLowerCase())) {
        h.put(k, UUID.randomUUID().toString());
      }
    }
    e.setHeaders(h);
    return e;
  }
}
