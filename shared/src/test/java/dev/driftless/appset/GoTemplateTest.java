package dev.driftless.appset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GoTemplateTest {

  private static final Map<String, Object> DATA = Map.of(
      "name", "in-cluster",
      "server", "https://kubernetes.default.svc",
      "path", Map.of("path", "apps/guest-book", "basename", "guest-book", "basenameNormalized", "guest-book",
          "segments", List.of("apps", "guest-book")),
      "metadata", Map.of("labels", Map.of("env", "prod", "app.kubernetes.io/name", "web")),
      "replicas", 3L,
      "tags", List.of("a", "b"),
      "empty", "");

  private static String run(String template) {
    return GoTemplate.parse(template).execute(DATA, false);
  }

  /** Expected after {@code ->}; each template is one Argo CD users write. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " -> ", quoteCharacter = '\'', textBlock = """
      '{{.path.basename}}' -> 'guest-book'
      '{{ .name }}-{{ .path.basenameNormalized }}' -> 'in-cluster-guest-book'
      '{{ index .metadata.labels "app.kubernetes.io/name" }}' -> 'web'
      '{{ index .path.segments 1 }}' -> 'guest-book'
      '{{ .name | upper }}' -> 'IN-CLUSTER'
      '{{ .path.basename | replace "-" "_" | lower }}' -> 'guest_book'
      '{{ trunc 5 .name }}' -> 'in-cl'
      '{{ .missing | default "fallback" }}' -> 'fallback'
      '{{ .empty | default "fallback" }}' -> 'fallback'
      '{{ .name | quote }}' -> '"in-cluster"'
      '{{ if eq .metadata.labels.env "prod" }}production{{ else }}other{{ end }}' -> 'production'
      '{{ if ne .metadata.labels.env "prod" }}x{{ else if eq .name "in-cluster" }}local{{ else }}y{{ end }}' -> 'local'
      '{{ range $i, $t := .tags }}{{ $i }}={{ $t }};{{ end }}' -> '0=a;1=b;'
      '{{ range .tags }}[{{ . }}]{{ else }}none{{ end }}' -> '[a][b]'
      '{{- $env := .metadata.labels.env -}} {{ $env }}' -> 'prod'
      '{{ with .path }}{{ .basename }}{{ end }}' -> 'guest-book'
      '{{ printf "%s-%d" .name .replicas }}' -> 'in-cluster-3'
      '{{ if and (gt .replicas 2) (hasPrefix "in" .name) }}big{{ end }}' -> 'big'
      '{{ len .tags }}' -> '2'
      '{{ join "," .tags }}' -> 'a,b'
      '{{ .path.segments | toJson }}' -> '["apps","guest-book"]'
      '{{ normalize "Guest_Book" }}' -> 'guest-book'
      '{{/* a comment */}}ok' -> 'ok'
      '{{ $.name }}' -> 'in-cluster'
      'no action' -> 'no action'
      """)
  void argoCdUsersTemplatesRenderAsGoRendersThem(String template, String expected) {
    assertThat(run(template)).isEqualTo(expected);
  }

  @Test
  void aMissingKeyPrintsNoValueByDefaultAndFailsWithMissingKeyError() {
    assertThat(run("{{ .nope }}")).isEqualTo("<no value>");
    assertThatThrownBy(() -> GoTemplate.parse("{{ .path.nope }}").execute(DATA, true))
        .isInstanceOf(TemplateException.class)
        .hasMessage("template \"{{ .path.nope }}\": map has no entry for key \"nope\"");
  }

  @Test
  void toYamlWritesANestedValue() {
    assertThat(run("{{ .metadata.labels | toYaml }}")).isEqualTo("app.kubernetes.io/name: web\nenv: prod");
  }

  @Test
  void anUnknownFunctionIsRefusedNamingIt() {
    assertThatThrownBy(() -> run("{{ .name | shout }}")).isInstanceOf(TemplateException.class)
        .hasMessageContaining("function \"shout\" not defined");
  }

  @Test
  void syntaxErrorsNameTheTemplate() {
    assertThatThrownBy(() -> GoTemplate.parse("{{ if .name }}x")).isInstanceOf(TemplateException.class)
        .hasMessage("template \"{{ if .name }}x\": {{if}} without {{end}}");
    assertThatThrownBy(() -> GoTemplate.parse("{{ .name ")).hasMessageContaining("not closed with }}");
    assertThatThrownBy(() -> GoTemplate.parse("{{ template \"x\" }}")).hasMessageContaining("is not supported");
  }

  @Test
  void outputIsBounded() {
    Map<String, Object> many = Map.of("n", 100000L);
    assertThatThrownBy(() -> GoTemplate.parse("{{ range .n }}{{ range $.n }}xxxxxxxx{{ end }}{{ end }}")
        .execute(many, false)).hasMessageContaining("the output is larger than");
  }

  @Test
  void fastTemplateReplacesKnownNamesAndLeavesOthers() {
    assertThat(FastTemplate.render("{{path.basename}}-{{ name }}-{{unknown}}",
        Map.of("path.basename", "web", "name", "c1"))).isEqualTo("web-c1-{{unknown}}");
  }
}
