package dev.driftless.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;

class NagTest {

  @Test
  @SuppressWarnings("unchecked")
  void awsSolutionsChecksLeaveNoErrorsOrWarningsAndEverySuppressionHasAReason() {
    App app = TestAssets.app();
    Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
    DriftlessStack stack = TestAssets.stack(app, p -> p.withClusterRoleArns(
        List.of("arn:aws:iam::123456789012:role/driftless-prod"))
        .withAuditLogs(List.of(new AuditLogSource("prod", "/aws/eks/prod/cluster"))));
    app.synth();
    List<SynthesisMessage> errors = Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
    List<SynthesisMessage> warnings = Annotations.fromStack(stack).findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
    assertThat(errors.stream().map(m -> m.getId() + ": " + m.getEntry().getData()).toList()).isEmpty();
    assertThat(warnings.stream().map(m -> m.getId() + ": " + m.getEntry().getData()).toList()).isEmpty();

    Map<String, Object> resources = TestAssets.resources(Template.fromStack(stack));
    List<Map<String, Object>> suppressions = new ArrayList<>();
    resources.values().forEach(r -> {
      Map<String, Object> meta = (Map<String, Object>) ((Map<String, Object>) r).getOrDefault("Metadata", Map.of());
      Map<String, Object> nag = (Map<String, Object>) meta.getOrDefault("cdk_nag", Map.of());
      suppressions.addAll((List<Map<String, Object>>) nag.getOrDefault("rules_to_suppress", List.of()));
    });
    assertThat(suppressions).isNotEmpty().allSatisfy(s -> assertThat((String) s.get("reason")).hasSizeGreaterThan(60));
    assertThat(suppressions).extracting(s -> s.get("id")).containsOnly("AwsSolutions-L1", "AwsSolutions-IAM5");
  }

  @Test
  void theConstructInAPlatformTeamsOwnAppPassesTheChecksWithItsOwnSuppressions() {
    App app = TestAssets.app();
    Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
    Stack platform = TestAssets.platformStack(app);
    app.synth();
    assertThat(Annotations.fromStack(platform).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))
        .stream().map(m -> m.getId() + ": " + m.getEntry().getData()).toList()).isEmpty();
    assertThat(Annotations.fromStack(platform).findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"))
        .stream().map(m -> m.getId() + ": " + m.getEntry().getData()).toList()).isEmpty();
    Template t = Template.fromStack(platform);
    t.resourceCountIs("AWS::Lambda::Function", 5);
    t.resourceCountIs("AWS::SNS::Topic", 1);
    t.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("AlarmActions", List.of(Map.of("Ref",
        platform.getLogicalId((CfnElement) platform.getNode().findChild("Ops").getNode().getDefaultChild())))));
  }
}
