package dev.driftless.infra;

import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.services.events.ApiDestination;
import software.amazon.awscdk.services.events.Authorization;
import software.amazon.awscdk.services.events.Connection;
import software.amazon.awscdk.services.events.HttpMethod;
import software.amazon.awscdk.services.events.IApiDestination;
import software.constructs.Construct;

/**
 * The HTTPS endpoint notifications are posted to: an API destination whose connection sends the value of a Secrets
 * Manager secret as a header (the connection keeps it in a secret of its own; the template holds only a dynamic
 * reference to it).
 */
final class WebhookDestination {

  private WebhookDestination() {}

  static IApiDestination create(Construct scope, NotificationSettings settings) {
    Connection connection = Connection.Builder.create(scope, "Connection")
        .description("Driftless notifications: the endpoint's credential, from Secrets Manager")
        .authorization(Authorization.apiKey(settings.webhookHeader(),
            SecretValue.secretsManager(settings.webhookSecretArn())))
        .build();
    return ApiDestination.Builder.create(scope, "Destination").connection(connection)
        .description("Driftless notifications").endpoint(settings.webhookUrl()).httpMethod(HttpMethod.POST).build();
  }
}
