package dev.driftless.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

class FeedbackSettingsTest {

  @Test
  @SuppressWarnings("unchecked")
  void providersAndTheDashboardAddressReachTheSyncFunctionOnly() {
    DriftlessStack stack = TestAssets.stack(TestAssets.app(), p -> p);

    new FeedbackSettings("git.acme.com=gitlab,code.acme.com:3000=forgejo", "https://driftless.acme.com")
        .attach(stack.driftless());

    TemplateView view = new TemplateView(Template.fromStack(stack).toJSON());
    view.ofType("AWS::Lambda::Function").values().forEach(fn -> {
      Map<String, Object> p = TemplateView.props(fn);
      Map<String, Object> vars = (Map<String, Object>) ((Map<String, Object>) p.get("Environment")).get("Variables");
      if (FunctionKind.SYNC.handler().equals(p.get("Handler"))) {
        assertThat(vars).containsEntry(FeedbackSettings.PROVIDERS_ENV, "git.acme.com=gitlab,code.acme.com:3000=forgejo")
            .containsEntry(FeedbackSettings.DASHBOARD_ENV, "https://driftless.acme.com");
      } else {
        assertThat(vars).doesNotContainKeys(FeedbackSettings.PROVIDERS_ENV, FeedbackSettings.DASHBOARD_ENV);
      }
    });
  }

  @Test
  void withoutContextTheFunctionsGetNeitherVariable() {
    DriftlessStack stack = TestAssets.stack(TestAssets.app(), p -> p);

    FeedbackSettings.fromContext(TestAssets.app()).attach(stack.driftless());

    assertThat(Template.fromStack(stack).toJSON().toString()).doesNotContain(FeedbackSettings.PROVIDERS_ENV)
        .doesNotContain(FeedbackSettings.DASHBOARD_ENV);
  }

  @Test
  void valuesTheFunctionWouldRefuseStopTheSynthNamingTheContextKey() {
    assertThatThrownBy(() -> new FeedbackSettings("git.acme.com=svn", null))
        .hasMessageStartingWith("context gitProviders: 'git.acme.com=svn' is not host=provider");
    assertThatThrownBy(() -> new FeedbackSettings("git.acme.com", null))
        .hasMessageStartingWith("context gitProviders: 'git.acme.com' is not host=provider");
    assertThatThrownBy(() -> new FeedbackSettings(null, "http://driftless.acme.com"))
        .hasMessageStartingWith("context dashboardUrl: 'http://driftless.acme.com' is not an https:// URL");
    assertThatThrownBy(() -> new FeedbackSettings(null, "https://user:pw@driftless.acme.com"))
        .hasMessageStartingWith("context dashboardUrl: 'https://user:pw@driftless.acme.com' is not an https:// URL");
  }
}
