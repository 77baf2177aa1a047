package dev.driftless.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.UniqueResourceNameOptions;
import software.amazon.awscdk.services.chatbot.SlackChannelConfiguration;
import software.amazon.awscdk.services.events.EventField;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.targets.ApiDestination;
import software.amazon.awscdk.services.events.targets.SnsTopic;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * Readable notifications of the Driftless events ({@link #NOTIFIED}; not Sync Started, one per sync), from one
 * rule on the bus to the targets the {@link NotificationSettings} name: an SNS topic gets one line of text, a
 * Slack channel (AWS Chatbot, through a topic of its own) a Chatbot custom notification, and an HTTPS endpoint (API
 * destination) a small JSON object; the connection sends the value of a Secrets Manager secret as a header.
 */
public final class Notifications extends Construct {

  /** The detail types notified (reconcile/DetailType's words; infra does not depend on the engine). */
  static final List<String> NOTIFIED =
      List.of("Sync Succeeded", "Sync Failed", "Sync Waiting", "Drift Detected", "Health Degraded");

  private final Rule rule;

  public Notifications(Construct scope, String id, IEventBus bus, NotificationSettings settings) {
    super(scope, id);
    rule = Rule.Builder.create(this, "Rule").eventBus(bus)
        .description("Driftless notifications: " + String.join(", ", NOTIFIED))
        .eventPattern(EventPattern.builder().source(List.of("driftless")).detailType(NOTIFIED).build())
        .build();
    if (settings.snsTopicArn() != null) toTopic(settings.snsTopicArn());
    if (settings.slackWorkspaceId() != null) toSlack(settings);
    if (settings.webhookUrl() != null) toWebhook(settings);
  }

  private void toTopic(String arn) {
    ITopic topic = arn.equals(NotificationSettings.CREATE)
        ? Topic.Builder.create(this, "Topic").displayName("Driftless").enforceSsl(true).build()
        : Topic.fromTopicArn(this, "Topic", arn);
    rule.addTarget(SnsTopic.Builder.create(topic).message(RuleTargetInput.fromText(line())).build());
  }

  /** Chatbot reads its own message format from a topic of its own: a custom notification with a title. */
  private void toSlack(NotificationSettings settings) {
    Topic chatbot = Topic.Builder.create(this, "ChatbotTopic").displayName("Driftless (Slack)").enforceSsl(true)
        .build();
    SlackChannelConfiguration.Builder.create(this, "Slack")
        .slackChannelConfigurationName(Names.uniqueResourceName(this,
            UniqueResourceNameOptions.builder().maxLength(128).build()))
        .slackWorkspaceId(settings.slackWorkspaceId()).slackChannelId(settings.slackChannelId())
        .notificationTopics(List.of(chatbot)).build();
    rule.addTarget(SnsTopic.Builder.create(chatbot).message(RuleTargetInput.fromObject(Map.of(
        "version", "1.0", "source", "custom",
        "content", Map.of("textType", "client-markdown",
            "title", "Driftless: " + EventField.fromPath("$.detail-type") + " "
                + EventField.fromPath("$.detail.application"),
            "description", line())))).build());
  }

  private void toWebhook(NotificationSettings settings) {
    rule.addTarget(ApiDestination.Builder.create(WebhookDestination.create(this, settings))
        .event(RuleTargetInput.fromObject(Map.of("text", line(),
            "event", EventField.fromPath("$.detail-type"), "detail", EventField.fromPath("$.detail"))))
        .build());
  }

  public Rule rule() {
    return rule;
  }

  /** "Driftless Sync Failed: guestbook on prod-eu (push, abc123): render failed: ...". */
  private static String line() {
    return "Driftless " + EventField.fromPath("$.detail-type") + ": " + EventField.fromPath("$.detail.application")
        + " on " + EventField.fromPath("$.detail.cluster") + " (" + EventField.fromPath("$.detail.trigger") + ", "
        + EventField.fromPath("$.detail.revision") + "): " + EventField.fromPath("$.detail.message");
  }
}
