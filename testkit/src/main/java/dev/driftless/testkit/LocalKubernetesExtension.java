package dev.driftless.testkit;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test the local clusters ({@link LocalClusters}), a client for the first one
 * ({@link KubernetesClient}), or a fresh namespace on it ({@link TestNamespace}).
 */
public final class LocalKubernetesExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LocalKubernetesExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == LocalClusters.class || type == KubernetesClient.class || type == TestNamespace.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    LocalClusters clusters = TestEnvironment.clusters(context);
    if (type == LocalClusters.class) {
      return clusters;
    }
    KubernetesClient client = clusters.client(clusters.names().get(0));
    if (type == KubernetesClient.class) {
      return client;
    }
    String key = "ns-" + parameter.getIndex();
    return context.getStore(NS).getOrComputeIfAbsent(key,
        k -> new TestNamespace(client, context.getRequiredTestMethod().getName()), TestNamespace.class);
  }
}
