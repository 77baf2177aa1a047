package dev.driftless.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real components shared by every test of one run (one JVM): started on first use, stopped when the
 * run ends, through JUnit's root store. Tests isolate themselves by namespace and table name.
 */
final class TestEnvironment {

  /** How many local clusters integration tests get; multi-cluster sync needs two. */
  static final int CLUSTERS = Integer.getInteger("driftless.test.clusters", 2);

  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(TestEnvironment.class);

  private TestEnvironment() {}

  static TestTools tools(ExtensionContext context) {
    return root(context).getOrComputeIfAbsent(TestTools.class, k -> TestTools.load(), TestTools.class);
  }

  static LocalClusters clusters(ExtensionContext context) {
    TestTools tools = tools(context);
    return root(context).getOrComputeIfAbsent(LocalClusters.class,
        k -> LocalClusters.start(tools, CLUSTERS), LocalClusters.class);
  }

  static Moto moto(ExtensionContext context) {
    TestTools tools = tools(context);
    return root(context).getOrComputeIfAbsent(Moto.class, k -> Moto.start(tools), Moto.class);
  }

  static Forge forge(ExtensionContext context) {
    TestTools tools = tools(context);
    return root(context).getOrComputeIfAbsent(Forge.class, k -> Forge.start(tools), Forge.class);
  }

  private static ExtensionContext.Store root(ExtensionContext context) {
    return context.getRoot().getStore(NS);
  }
}
