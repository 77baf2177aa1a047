package dev.driftless.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.model.DesiredObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlainRenderTest {

  private final Renderer renderer = new Renderer();
  private final RenderOptions options = RenderOptions.defaults();

  @Test
  void rendersEveryManifestFileRecursivelyInPathThenDocumentOrderExpandingLists() {
    List<DesiredObject> objects = renderer.render(Fixtures.dir("plain-multi"), Fixtures.app("."), options);

    assertThat(objects).extracting(o -> o.key().toString()).containsExactly(
        "ConfigMap first", "Service web", "ConfigMap item-one", "ConfigMap other/item-two", "Deployment.apps web");
    assertThat(objects).extracting(DesiredObject::origin)
        .containsExactly("a.yaml", "a.yaml", "b/list.yaml", "b/list.yaml", "c.json");
  }

  @Test
  void keepsTimestampsAndYesAsTheStringsTheyAreWritten() {
    DesiredObject cm = renderer.render(Fixtures.dir("plain-multi"), Fixtures.app("."), options).get(0);

    assertThat(cm.object().getMetadata().getAnnotations()).containsEntry("released", "2024-01-02");
    assertThat(cm.object().getAdditionalProperties().get("data").toString()).contains("enabled=yes");
  }

  @Test
  void leavesNamespacesAsWrittenForTheApplyEngineToDefault() {
    List<DesiredObject> objects = renderer.render(Fixtures.dir("plain-multi"), Fixtures.app("."), options);

    assertThat(objects.get(0).key().namespace()).isEmpty();
    assertThat(objects.get(3).key().namespace()).isEqualTo("other");
  }

  @Test
  void refusesAnAliasBombNamingTheFile() {
    assertThatThrownBy(() -> renderer.render(Fixtures.dir("plain-alias-bomb"), Fixtures.app("."), options))
        .isInstanceOf(RenderException.class)
        .hasMessageStartingWith("bomb.yaml document 1: refused: more than 50 aliases");
  }

  @Test
  void refusesAnAliasExpansionUnderTheAliasLimitByItsExpandedSize() {
    assertThatThrownBy(() -> renderer.render(Fixtures.dir("plain-laughs-under-alias-limit"), Fixtures.app("."),
        options))
        .isInstanceOf(RenderException.class)
        .hasMessage("laughs.yaml document 1: refused: larger than the limit of 5242880 bytes per document"
            + " (aliases expanded)");
  }

  @Test
  void refusesARecursiveDocument() {
    assertThatThrownBy(() -> renderer.render(Fixtures.dir("plain-recursive"), Fixtures.app("."), options))
        .isInstanceOf(RenderException.class)
        .hasMessageStartingWith("recursive.yaml document 1: refused: nested deeper than 100 levels");
  }

  @Test
  void refusesAnObjectWithoutANameNamingFileAndDocument() {
    assertThatThrownBy(() -> renderer.render(Fixtures.dir("plain-missing-name"), Fixtures.app("."), options))
        .isInstanceOf(RenderException.class)
        .hasMessage("deployment.yaml document 2: metadata.name is required");
  }

  @Test
  void refusesTwoObjectsWithTheSameKeyNamingBothFiles() {
    assertThatThrownBy(() -> renderer.render(Fixtures.dir("plain-duplicate"), Fixtures.app("."), options))
        .isInstanceOf(RenderException.class)
        .hasMessage("duplicate object Deployment.apps shop/web: in one.yaml document 1 and in two.yaml document 2");
  }

  @Test
  void refusesInvalidYamlWithItsPosition() {
    assertThatThrownBy(() -> renderer.render(Fixtures.dir("plain-invalid-yaml"), Fixtures.app("."), options))
        .isInstanceOf(RenderException.class)
        .hasMessageStartingWith("broken.yaml document 1: not valid YAML: ")
        .hasMessageContaining("line 5");
  }

  @Test
  void refusesADuplicateKey() {
    assertThatThrownBy(() -> renderer.render(Fixtures.dir("plain-duplicate-key"), Fixtures.app("."), options))
        .isInstanceOf(RenderException.class)
        .hasMessageStartingWith("dup.yaml document 1: not valid YAML: found duplicate key a");
  }

  @Test
  void refusesADocumentThatIsNotAnObject() {
    assertThatThrownBy(() -> renderer.render(Fixtures.dir("plain-list-not-object"), Fixtures.app("."), options))
        .isInstanceOf(RenderException.class)
        .hasMessage("scalar.yaml document 1: expected a Kubernetes object, found a list");
  }

  @Test
  void refusesADocumentOverTheDocumentLimit(@TempDir Path repo) throws IOException {
    Files.writeString(repo.resolve("big.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  x: \""
        + "a".repeat(4000) + "\"\n");

    assertThatThrownBy(() -> renderer.render(repo, Fixtures.app("."), options.withSizeLimits(1024, 1 << 20)))
        .isInstanceOf(RenderException.class)
        .hasMessageStartingWith("big.yaml document 1: refused: larger than the limit of 1024 bytes per document");
  }

  @Test
  void refusesManifestsOverTheRenderLimit(@TempDir Path repo) throws IOException {
    for (int i = 0; i < 5; i++) {
      Files.writeString(repo.resolve("cm-" + i + ".yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-"
          + i + "}\ndata:\n  x: \"" + "a".repeat(800) + "\"\n");
    }

    assertThatThrownBy(() -> renderer.render(repo, Fixtures.app("."), options.withSizeLimits(1024, 3000)))
        .isInstanceOf(RenderException.class)
        .hasMessageStartingWith("application path .: refused: the manifests are larger than the render limit of 3000 bytes");
  }

  @Test
  void refusesAnApplicationPathThatClimbsOutOfTheRepository() {
    assertThatThrownBy(() -> renderer.render(Fixtures.dir("plain-multi"), Fixtures.app("b/../../plain-duplicate"),
        options))
        .isInstanceOf(RenderException.class)
        .hasMessage("application path b/../../plain-duplicate: must be relative and stay inside the repository");
  }

  @Test
  void refusesAnAbsoluteApplicationPath() {
    assertThatThrownBy(() -> renderer.render(Fixtures.dir("plain-multi"), Fixtures.app("/etc"), options))
        .isInstanceOf(RenderException.class)
        .hasMessage("application path /etc: must be relative and stay inside the repository");
  }

  @Test
  void refusesAMissingApplicationPath() {
    assertThatThrownBy(() -> renderer.render(Fixtures.dir("plain-multi"), Fixtures.app("nowhere"), options))
        .isInstanceOf(RenderException.class)
        .hasMessage("application path nowhere: does not exist in the repository");
  }

  @Test
  void refusesAnApplicationPathThatIsALinkOutOfTheRepository(@TempDir Path tmp) throws IOException {
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");
    Files.createSymbolicLink(repo.resolve("app"), outside);

    assertThatThrownBy(() -> renderer.render(repo, Fixtures.app("app"), options))
        .isInstanceOf(RenderException.class)
        .hasMessage("application path app: resolves outside the repository (through a symbolic link)");
  }

  @Test
  void refusesAManifestThatIsALinkOutOfTheRepository(@TempDir Path tmp) throws IOException {
    Path repo = Files.createDirectories(tmp.resolve("repo/app"));
    Path secret = Files.writeString(tmp.resolve("host-file.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");
    Files.createSymbolicLink(repo.resolve("cm.yaml"), secret);

    assertThatThrownBy(() -> renderer.render(tmp.resolve("repo"), Fixtures.app("app"), options))
        .isInstanceOf(RenderException.class)
        .hasMessage("file app/cm.yaml: resolves outside the repository (through a symbolic link)");
  }
}
