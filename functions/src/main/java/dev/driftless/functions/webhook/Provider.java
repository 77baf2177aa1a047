package dev.driftless.functions.webhook;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The senders the webhook understands, told apart by their event header, with where each puts its event
 * name, its signature and its delivery id, and which event names mean a push or a ping.
 *
 * <p>Forgejo also sends Gitea's and GitHub's headers, and Gitea sends GitHub's, so detection asks for the
 * most specific header first. Bitbucket Cloud and Data Center share {@code X-Event-Key}; Cloud sends
 * {@code X-Request-UUID}/{@code X-Hook-UUID}, Data Center {@code X-Request-Id}.
 */
public enum Provider {

  FORGEJO("x-forgejo-event", "x-forgejo-signature", Signatures.HMAC_SHA256_HEX, List.of("x-forgejo-delivery"),
      Map.of("push", EventKind.PUSH, "create", EventKind.CREATE, "pull_request", EventKind.PULL_REQUEST)),
  GITEA("x-gitea-event", "x-gitea-signature", Signatures.HMAC_SHA256_HEX, List.of("x-gitea-delivery"),
      Map.of("push", EventKind.PUSH, "create", EventKind.CREATE, "pull_request", EventKind.PULL_REQUEST)),
  GITLAB("x-gitlab-event", "x-gitlab-token", Signatures.TOKEN, List.of("idempotency-key", "x-gitlab-event-uuid"),
      Map.of("push hook", EventKind.PUSH, "tag push hook", EventKind.PUSH, "system hook", EventKind.SYSTEM,
          "merge request hook", EventKind.PULL_REQUEST)),
  GITHUB("x-github-event", "x-hub-signature-256", Signatures.HMAC_SHA256_PREFIXED, List.of("x-github-delivery"),
      Map.of("push", EventKind.PUSH, "ping", EventKind.PING, "pull_request", EventKind.PULL_REQUEST)),
  BITBUCKET_CLOUD("x-event-key", "x-hub-signature", Signatures.HMAC_SHA256_PREFIXED, List.of("x-request-uuid"),
      Map.of("repo:push", EventKind.PUSH, "diagnostics:ping", EventKind.PING)),
  BITBUCKET_DATA_CENTER("x-event-key", "x-hub-signature", Signatures.HMAC_SHA256_PREFIXED, List.of("x-request-id"),
      Map.of("repo:refs_changed", EventKind.PUSH, "diagnostics:ping", EventKind.PING)),
  DRIFTLESS("x-driftless-event", "x-driftless-signature", Signatures.HMAC_SHA256_PREFIXED,
      List.of("x-driftless-delivery"), Map.of("push", EventKind.PUSH, "ping", EventKind.PING));

  /** What an event name asks for. */
  public enum EventKind {
    /** Refs moved (branches or tags pushed, created or deleted). */
    PUSH,
    /** A ref created, named by a short name and a type (Gitea's and Forgejo's {@code create}). */
    CREATE,
    /** A GitLab system hook: a push when its {@code event_name} says so, otherwise nothing to do. */
    SYSTEM,
    /** A pull (merge) request opened, updated or reopened: its head commit is planned, not synced. */
    PULL_REQUEST,
    /** The sender checking the endpoint. */
    PING
  }

  private final String eventHeader;
  private final String signatureHeader;
  private final Signatures signatures;
  private final List<String> deliveryHeaders;
  private final Map<String, EventKind> events;

  Provider(String eventHeader, String signatureHeader, Signatures signatures, List<String> deliveryHeaders,
      Map<String, EventKind> events) {
    this.eventHeader = eventHeader;
    this.signatureHeader = signatureHeader;
    this.signatures = signatures;
    this.deliveryHeaders = deliveryHeaders;
    this.events = events;
  }

  /** The sender these headers come from, or empty when none of the known event headers is present. */
  public static Optional<Provider> detect(Headers h) {
    for (Provider p : List.of(FORGEJO, GITEA, GITLAB, GITHUB, DRIFTLESS)) {
      if (h.has(p.eventHeader)) return Optional.of(p);
    }
    if (!h.has("x-event-key")) return Optional.empty();
    if (h.has("x-request-uuid") || h.has("x-hook-uuid")) return Optional.of(BITBUCKET_CLOUD);
    if (h.has("x-request-id")) return Optional.of(BITBUCKET_DATA_CENTER);
    return Optional.of(h.get("x-event-key").orElse("").equalsIgnoreCase("repo:push") ? BITBUCKET_CLOUD
        : BITBUCKET_DATA_CENTER);
  }

  /** What the event header asks for, or empty for an event the webhook does not handle. */
  public Optional<EventKind> eventKind(Headers h) {
    return h.get(eventHeader).map(e -> events.get(e.toLowerCase(Locale.ROOT)));
  }

  public String eventHeader() {
    return eventHeader;
  }

  public String signatureHeader() {
    return signatureHeader;
  }

  public Signatures signatures() {
    return signatures;
  }

  /** The sender's delivery id, first of its headers that is present. */
  public Optional<String> deliveryId(Headers h) {
    for (String name : deliveryHeaders) {
      Optional<String> v = h.get(name);
      if (v.isPresent()) return v;
    }
    return Optional.empty();
  }

  /** The lower-case word used in logs and delivery keys ({@code github}, {@code bitbucket-cloud}). */
  public String word() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
