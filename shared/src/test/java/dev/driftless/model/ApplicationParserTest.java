package dev.driftless.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ApplicationParserTest {

  private final ApplicationParser parser = new ApplicationParser();

  private Application parse(String fixture) {
    return parser.parse(read(fixture), fixture);
  }

  static String read(String fixture) {
    try (InputStream in = ApplicationParserTest.class.getResourceAsStream("/applications/" + fixture)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void driftlessApplicationReadsEveryField() {
    Application app = parse("driftless-guestbook.yaml");
    assertThat(app.name()).isEqualTo("guestbook-prod");
    assertThat(app.source().repoURL()).isEqualTo("https://git.example.com/acme/deploy.git");
    assertThat(app.source().targetRevision()).isEqualTo("main");
    assertThat(app.source().path()).isEqualTo("apps/guestbook/overlays/prod");
    assertThat(app.source().credentials()).isEqualTo("git/acme");
    assertThat(app.source().kind()).isEqualTo(Application.RenderKind.DETECT);
    assertThat(app.destination()).isEqualTo(new Application.Destination("prod-eu", "guestbook"));
    assertThat(app.syncPolicy().automated()).isTrue();
    assertThat(app.syncPolicy().prune()).isTrue();
    assertThat(app.syncPolicy().selfHeal()).isTrue();
    assertThat(app.syncPolicy().has("CreateNamespace")).isTrue();
    assertThat(app.syncPolicy().has("Replace")).isFalse();
    assertThat(app.syncPolicy().retry())
        .isEqualTo(new Application.Retry(5, Duration.ofSeconds(5), 2, Duration.ofMinutes(3)));
    assertThat(app.ignoreDifferences()).singleElement().satisfies(d -> {
      assertThat(d.matches(new ObjectKey("apps", "Deployment", "guestbook", "web"))).isTrue();
      assertThat(d.jsonPointers()).containsExactly("/spec/replicas");
    });
  }

  @Test
  void argoCdApplicationRegistersAsIs() {
    Application app = parse("argocd-helm.yaml");
    assertThat(app.project()).isEqualTo("retail");
    assertThat(app.source().kind()).isEqualTo(Application.RenderKind.HELM);
    assertThat(app.source().helm().releaseName()).isEqualTo("shop");
    assertThat(app.source().helm().valueFiles()).containsExactly("values-prod.yaml");
    assertThat(app.source().helm().parameters()).containsEntry("image.tag", "1.4.2");
    assertThat(app.destination().cluster()).isEqualTo("https://kubernetes.default.svc");
    assertThat(app.syncPolicy().automated()).isFalse();
    assertThat(app.syncPolicy().retry().maxDuration()).isEqualTo(Duration.ofMinutes(90));
  }

  @Test
  void pathLeavingTheRepositoryIsRefusedNamingTheField() {
    assertThatThrownBy(() -> parse("invalid-path-escapes.yaml"))
        .isInstanceOf(InvalidApplicationException.class)
        .hasMessageStartingWith("invalid-path-escapes.yaml: spec.source.path must be relative");
  }

  @Test
  void missingRepositoryIsRefusedNamingTheField() {
    assertThatThrownBy(() -> parse("invalid-missing-repo.yaml"))
        .hasMessage("invalid-missing-repo.yaml: spec.source.repoURL is required");
  }

  @Test
  void malformedYamlIsRefusedNamingTheDocument() {
    assertThatThrownBy(() -> parser.parse("spec: [unclosed", "apps/bad.yaml"))
        .isInstanceOf(InvalidApplicationException.class)
        .hasMessageStartingWith("apps/bad.yaml: not valid YAML");
  }

  @Test
  void trackingIdRoundTrips() {
    ObjectKey key = new ObjectKey("apps", "Deployment", "shop", "web");
    assertThat(key.trackingId("shop")).isEqualTo("shop:apps/Deployment:shop/web");
    assertThat(ObjectKey.parseTrackingId("shop:apps/Deployment:shop/web"))
        .isEqualTo(new ObjectKey.TrackedBy("shop", key));
    ObjectKey ns = new ObjectKey("", "Namespace", "", "shop");
    assertThat(ObjectKey.parseTrackingId(ns.trackingId("a"))).isEqualTo(new ObjectKey.TrackedBy("a", ns));
    assertThat(ObjectKey.parseTrackingId("garbage")).isNull();
  }
}
