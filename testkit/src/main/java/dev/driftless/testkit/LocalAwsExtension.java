package dev.driftless.testkit;

import java.net.URI;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.regions.Region;

/**
 * Starts moto once per run and points the AWS SDK's standard settings at it, so code under test builds its
 * clients the way it does in Lambda. Resolves {@link AwsEndpoints} parameters.
 */
public final class LocalAwsExtension implements BeforeAllCallback, ParameterResolver {

  @Override
  public void beforeAll(ExtensionContext context) {
    endpoints(context);
  }

  static AwsEndpoints endpoints(ExtensionContext context) {
    Moto moto = TestEnvironment.moto(context);
    AwsEndpoints endpoints = new AwsEndpoints(URI.create(moto.endpoint()), Region.US_EAST_1);
    System.setProperty("aws.region", endpoints.region().id());
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
    System.setProperty("aws.endpointUrl", moto.endpoint());
    return endpoints;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == AwsEndpoints.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return endpoints(context);
  }
}
