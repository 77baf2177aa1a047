package dev.driftless.infra;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;
import software.amazon.awscdk.App;

/**
 * Where the Driftless events are sent as readable notifications, from the app's context; each target is optional.
 *
 * @param snsTopicArn an SNS topic that receives a one-line message; {@value #CREATE}: the stack creates one
 * @param slackWorkspaceId with {@code slackChannelId}: a Slack channel through AWS Chatbot (the workspace must be
 *     authorised in the Chatbot console once)
 * @param webhookUrl an HTTPS endpoint that receives a JSON message (an EventBridge API destination)
 * @param webhookSecretArn the Secrets Manager secret whose value the connection sends in {@code webhookHeader}
 */
public record NotificationSettings(String snsTopicArn, String slackWorkspaceId, String slackChannelId,
    String webhookUrl, String webhookSecretArn, String webhookHeader) {

  public static final String CREATE = "create";
  private static final Pattern TOPIC_ARN = Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_.-]+");
  private static final Pattern SECRET_ARN =
      Pattern.compile("arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:[A-Za-z0-9/_+=.@-]+");
  private static final Pattern SLACK_ID = Pattern.compile("[A-Z0-9]{9,11}");
  private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9-]{1,64}");

  public NotificationSettings {
    if (snsTopicArn != null && !snsTopicArn.equals(CREATE) && !TOPIC_ARN.matcher(snsTopicArn).matches()) {
      throw invalid("notifySnsTopicArn", "an SNS topic ARN or 'create'");
    }
    if ((slackWorkspaceId == null) != (slackChannelId == null)) {
      throw invalid("slackWorkspaceId/slackChannelId", "both set, or neither");
    }
    if (slackWorkspaceId != null && !SLACK_ID.matcher(slackWorkspaceId).matches()) {
      throw invalid("slackWorkspaceId", "a Slack workspace id (T0123ABCD)");
    }
    if (slackChannelId != null && !SLACK_ID.matcher(slackChannelId).matches()) {
      throw invalid("slackChannelId", "a Slack channel id (C0123ABCD)");
    }
    if ((webhookUrl == null) != (webhookSecretArn == null)) {
      throw invalid("notifyWebhookUrl/notifyWebhookSecretArn", "both set, or neither");
    }
    if (webhookUrl != null && !https(webhookUrl)) {
      throw invalid("notifyWebhookUrl", "an https:// URL with a host and no user info");
    }
    if (webhookSecretArn != null && !SECRET_ARN.matcher(webhookSecretArn).matches()) {
      throw invalid("notifyWebhookSecretArn", "a Secrets Manager secret ARN");
    }
    webhookHeader = webhookHeader == null ? "Authorization" : webhookHeader;
    if (!HEADER.matcher(webhookHeader).matches()) {
      throw invalid("notifyWebhookHeader", "an HTTP header name");
    }
  }

  public static NotificationSettings none() {
    return new NotificationSettings(null, null, null, null, null, null);
  }

  public static NotificationSettings fromContext(App app) {
    return new NotificationSettings(context(app, "notifySnsTopicArn"), context(app, "slackWorkspaceId"),
        context(app, "slackChannelId"), context(app, "notifyWebhookUrl"), context(app, "notifyWebhookSecretArn"),
        context(app, "notifyWebhookHeader"));
  }

  /** True when any target is set: the stack then creates the notification rule. */
  public boolean any() {
    return snsTopicArn != null || slackWorkspaceId != null || webhookUrl != null;
  }

  private static boolean https(String url) {
    try {
      URI u = new URI(url);
      return "https".equals(u.getScheme()) && u.getHost() != null && u.getUserInfo() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static IllegalArgumentException invalid(String key, String what) {
    return new IllegalArgumentException("context " + key + ": must be " + what);
  }

  private static String context(App app, String key) {
    Object v = app.getNode().tryGetContext(key);
    return v == null || String.valueOf(v).isBlank() ? null : String.valueOf(v).trim();
  }
}
