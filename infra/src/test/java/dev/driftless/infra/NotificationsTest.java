package dev.driftless.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The notification rule and its optional targets, as the app's context asks for them. */
class NotificationsTest {

  private static final String SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:driftless/notify-AbCdEf";
  private static final NotificationSettings ALL = new NotificationSettings(NotificationSettings.CREATE, "T0123ABCD",
      "C0123ABCD", "https://hooks.example.com/driftless", SECRET, null);

  @Test
  void oneRuleSendsEveryEventButSyncStartedToTheTopicSlackAndTheHttpsEndpoint() {
    App app = TestAssets.app();
    DriftlessStack stack = TestAssets.stack(app, p -> p);
    new Notifications(stack, "Notifications", stack.bus(), ALL);
    Template t = Template.fromStack(stack);

    t.resourcePropertiesCountIs("AWS::Events::Rule", Map.of("EventPattern", Map.of("source", List.of("driftless"),
        "detail-type", Notifications.NOTIFIED)), 1);
    t.hasResourceProperties("AWS::Events::Rule", Map.of(
        "EventBusName", Map.of("Ref", Match.anyValue()),
        "Targets", Match.arrayWith(List.of(
            Match.objectLike(Map.of("InputTransformer", Match.objectLike(Map.of("InputPathsMap", Match.objectLike(
                Map.of("detail-type", "$.detail-type", "detail-application", "$.detail.application")))))))),
        "EventPattern", Match.objectLike(Map.of("source", List.of("driftless")))));
    var rule = new TemplateView(t.toJSON()).ofType("AWS::Events::Rule").values().stream()
        .filter(r -> String.valueOf(TemplateView.props(r).get("Description")).startsWith("Driftless notifications"))
        .findFirst().orElseThrow();
    assertThat((List<?>) TemplateView.props(rule).get("Targets")).hasSize(3);
    t.resourceCountIs("AWS::SNS::Topic", 2);
    t.hasResourceProperties("AWS::Chatbot::SlackChannelConfiguration", Map.of(
        "SlackWorkspaceId", "T0123ABCD", "SlackChannelId", "C0123ABCD"));
    t.hasResourceProperties("AWS::Events::Connection", Map.of("AuthorizationType", "API_KEY",
        "AuthParameters", Map.of("ApiKeyAuthParameters", Map.of("ApiKeyName", "Authorization",
            "ApiKeyValue", "{{resolve:secretsmanager:" + SECRET + ":SecretString:::}}"))));
    t.hasResourceProperties("AWS::Events::ApiDestination", Map.of(
        "InvocationEndpoint", "https://hooks.example.com/driftless", "HttpMethod", "POST"));
    assertThat(t.toJSON().toString()).doesNotContain("\"Sync Started\"");
  }

  @Test
  void anExistingTopicIsTargetedAndNoTopicCreated() {
    DriftlessStack stack = TestAssets.stack(TestAssets.app(), p -> p);
    new Notifications(stack, "Notifications", stack.bus(), new NotificationSettings(
        "arn:aws:sns:eu-west-1:123456789012:ops", null, null, null, null, null));
    Template t = Template.fromStack(stack);

    t.resourceCountIs("AWS::SNS::Topic", 0);
    t.hasResourceProperties("AWS::Events::Rule", Map.of("Targets", List.of(Match.objectLike(Map.of(
        "Arn", "arn:aws:sns:eu-west-1:123456789012:ops")))));
  }

  @Test
  void withEveryTargetTheAwsSolutionsChecksStillFindNothing() {
    App app = TestAssets.app();
    Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
    DriftlessStack stack = TestAssets.stack(app, p -> p);
    new Notifications(stack, "Notifications", stack.bus(), ALL);
    app.synth();

    assertThat(Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))).isEmpty();
    assertThat(Annotations.fromStack(stack).findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"))).isEmpty();
  }

  @Test
  void noTargetInTheContextMeansNoNotificationRule() {
    assertThat(NotificationSettings.none().any()).isFalse();
  }

  @Test
  void anEndpointThatIsNotHttpsOrCarriesCredentialsIsRefusedNamingTheContextKey() {
    assertThatThrownBy(() -> new NotificationSettings(null, null, null, "http://hooks.example.com/x", SECRET, null))
        .hasMessage("context notifyWebhookUrl: must be an https:// URL with a host and no user info");
    assertThatThrownBy(() -> new NotificationSettings(null, null, null, "https://u:p@hooks.example.com/x", SECRET,
        null)).hasMessageStartingWith("context notifyWebhookUrl:").hasMessageNotContaining("u:p");
    assertThatThrownBy(() -> new NotificationSettings(null, null, null, "https://hooks.example.com/x", null, null))
        .hasMessageStartingWith("context notifyWebhookUrl/notifyWebhookSecretArn:");
  }

  @Test
  void halfASlackChannelOrAMalformedArnIsRefusedNamingTheContextKey() {
    assertThatThrownBy(() -> new NotificationSettings(null, "T0123ABCD", null, null, null, null))
        .hasMessageStartingWith("context slackWorkspaceId/slackChannelId:");
    assertThatThrownBy(() -> new NotificationSettings("arn:aws:sqs:eu-west-1:123456789012:q", null, null, null,
        null, null)).hasMessageStartingWith("context notifySnsTopicArn:");
    assertThatThrownBy(() -> new NotificationSettings(null, null, null, "https://hooks.example.com/x",
        "driftless/notify", null)).hasMessageStartingWith("context notifyWebhookSecretArn:");
    assertThatThrownBy(() -> new NotificationSettings(null, null, null, "https://hooks.example.com/x", SECRET,
        "X-Token\r\nInjected: 1")).hasMessageStartingWith("context notifyWebhookHeader:");
  }
}
