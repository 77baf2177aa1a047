package dev.driftless.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;

/** cdk-nag (AwsSolutions) findings that are deliberate, each with the reason it is. */
final class Nag {

  private Nag() {}

  static void suppress(Driftless stack, DriftlessProps props) {
    for (FunctionKind kind : FunctionKind.values()) {
      DriftlessFunction f = stack.function(kind);
      NagSuppressions.addResourceSuppressions(f.function(), List.of(NagPackSuppression.builder()
          .id("AwsSolutions-L1")
          .reason("java21 is deliberate: the code is built for Java 17 and java21 (Amazon Linux 2023, supported until"
              + " June 2029 like java25) runs it unchanged with SnapStart; moving to a newer Java runtime is a"
              + " tested change, not a default.")
          .build()));
    }
    NagPackSuppression batch = NagPackSuppression.builder()
        .id("AwsSolutions-IAM5")
        .reason("secretsmanager:BatchGetSecretValue supports no resource-level permission, so its resource is *;"
            + " every secret it returns is still authorised against GetSecretValue, which is limited to the"
            + " reference prefix.")
        .appliesTo(List.of("Resource::*"))
        .build();
    NagSuppressions.addResourceSuppressions(stack.referenceResolver(), List.of(prefix(props.referencePrefix(),
        "Manifests reference secrets that users create under <prefix>refs/ after deploy; that prefix holds no"
            + " credential of Driftless's own and is the narrowest scope known at deploy time."), batch), true);
    for (FunctionKind kind : List.of(FunctionKind.SYNC, FunctionKind.API)) {
      NagSuppressions.addResourceSuppressions(stack.function(kind).role(), List.of(
          prefix(props.clusterSecretPrefix(), "Cluster tokens and kubeconfigs are created by users under"
              + " <prefix>clusters/ when they register a cluster; the narrowest scope known at deploy time."),
          prefix(props.gitSecretPrefix(), "Git credentials are created by users under <prefix>git/ when they"
              + " register a private repository; the narrowest scope known at deploy time.")), true);
    }
    NagSuppressions.addResourceSuppressions(stack.function(FunctionKind.SYNC).role(), List.of(
        prefix(props.providerSecretPrefix(), "Forge API tokens for commit statuses and pull-request plans are created"
            + " by users under <prefix>providers/ per host or repository; the narrowest scope known at deploy time.")),
        true);
    NagSuppressions.addResourceSuppressions(stack.function(FunctionKind.AUDIT).role(), List.of(
        prefix(props.clusterSecretPrefix(), "The audit function reads the credentials of the cluster an audit log"
            + " belongs to, created by users under <prefix>clusters/; the narrowest scope known at deploy time.")),
        true);
    NagSuppressions.addResourceSuppressions(stack.function(FunctionKind.WEBHOOK).role(), List.of(
        prefix(props.webhookSecretPrefix(), "The webhook function reads one secret per repository, created by"
            + " users under <prefix>webhooks/ after deploy; the prefix is the narrowest scope known at deploy time.")),
        true);
  }

  private static NagPackSuppression prefix(String prefix, String reason) {
    return NagPackSuppression.builder()
        .id("AwsSolutions-IAM5")
        .reason(reason)
        .appliesTo(List.of("Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:"
            + prefix + "*"))
        .build();
  }
}
