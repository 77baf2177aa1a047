package dev.driftless.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Work for the sync function: plan a pull request's head commit for the Applications that track its base branch
 * and keep one comment with the plan on it ({@code dev.driftless.feedback.PlanComments}). The webhook queues one
 * per pull request and head commit, deduplicated by {@link #deduplicationId()}; its message group is the
 * repository. The body:
 *
 * <pre>
 * {"type": "pull-request-plan", "repository": "https://git.example.com/acme/deploy.git", "number": 7,
 *  "head": "&lt;40 or 64 hex&gt;", "applications": ["web", "api"]}
 * </pre>
 *
 * {@code repository} is the registered Applications' own repoURL, never one a payload named.
 */
public record PlanMessage(String repository, long number, String head, List<String> applications) {

  public static final String TYPE = "pull-request-plan";
  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
  private static final ObjectMapper JSON = MessageBodies.JSON;

  public PlanMessage {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(head, "head");
    applications = List.copyOf(applications);
  }

  /** True when the body is a pull-request plan. */
  public static boolean isOne(String body) {
    return MessageBodies.isOfType(body, TYPE);
  }

  /** Parses a body; the error names the message and the field, never echoing the body. */
  public static PlanMessage parse(String body, String messageId) {
    JsonNode n = MessageBodies.read(body, messageId);
    String repo = n.path("repository").asText("");
    if (repo.isBlank()) throw new IllegalArgumentException("message " + messageId + ": repository is required");
    JsonNode number = n.path("number");
    if (!number.canConvertToLong() || number.asLong() <= 0) {
      throw new IllegalArgumentException("message " + messageId + ": number is not a positive integer");
    }
    String head = n.path("head").asText("");
    if (!SHA.matcher(head).matches()) throw new IllegalArgumentException("message " + messageId
        + ": head is not a commit id");
    JsonNode list = n.path("applications");
    if (!list.isArray()) throw new IllegalArgumentException("message " + messageId + ": applications is not a list");
    List<String> apps = new ArrayList<>();
    for (JsonNode a : list) apps.add(a.asText());
    return new PlanMessage(repo, number.asLong(), head, apps);
  }

  /** One plan per repository, pull request and head commit: a redelivery or a second event for it coalesces. */
  public String deduplicationId() {
    return "plan-" + repository + "#" + number + "@" + head;
  }

  public String toJson() {
    ObjectNode o = JSON.createObjectNode().put("type", TYPE).put("repository", repository).put("number", number)
        .put("head", head);
    applications.forEach(o.putArray("applications")::add);
    return o.toString();
  }
}
