package dev.driftless.reconcile;

import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Builds every AWS SDK client the functions use, with one HTTP client named here rather than found on the
 * classpath. The JDK's URL connection client: it adds no library to the Lambda jars (Apache's client brings
 * four, Netty's a dozen) and starts fastest, which is what a cold start pays for; every call the functions make
 * is a small synchronous request, so Apache's pool tuning and Netty's async I/O buy nothing here.
 */
public final class AwsClients {

  private AwsClients() {}

  /** {@code builder} finished with the chosen HTTP client: {@code AwsClients.build(SqsClient.builder())}. */
  public static <C, B extends AwsSyncClientBuilder<B, C> & SdkBuilder<B, C>> C build(B builder) {
    return builder.httpClientBuilder(UrlConnectionHttpClient.builder()).build();
  }
}
