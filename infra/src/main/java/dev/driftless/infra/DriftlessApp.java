package dev.driftless.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/** The CDK app: {@code cdk synth} (or {@code mvn -pl infra exec:java}) writes the template to cdk.out. */
public final class DriftlessApp {

  private DriftlessApp() {}

  public static void main(String[] args) {
    App app = new App();
    new DriftlessStack(app, "Driftless", StackProps.builder()
        .env(Environment.builder()
            .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
            .region(System.getenv("CDK_DEFAULT_REGION"))
            .build())
        .description("Driftless: serverless GitOps reconciler for Kubernetes")
        .build());
    app.synth();
  }
}
