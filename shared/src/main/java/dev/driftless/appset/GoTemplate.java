package dev.driftless.appset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The subset of Go's text/template that ApplicationSet templates use ({@code goTemplate: true}): text and actions,
 * trim markers ({@code {{-}} and {@code -}}}), comments, field chains ({@code .path.basename}, {@code $.x},
 * {@code $v.y}), pipelines ({@code .a | lower | quote}), parenthesised pipelines, string, raw string, number,
 * boolean and nil literals, variables ({@code $x := ...}), {@code if}/{@code else if}/{@code else}, {@code range}
 * (over lists and maps, with {@code $i, $v :=}), {@code with}, and the functions of {@link TemplateFunctions}.
 * Parsed once; {@link #execute} evaluates it over the generator's parameters.
 */
public final class GoTemplate {

  /** A parsed node: text, an output action, a control structure or a variable declaration. */
  interface Node {}

  record Text(String text) implements Node {}

  record Output(GoExpression.Pipeline pipeline) implements Node {}

  record Declare(String variable, GoExpression.Pipeline pipeline) implements Node {}

  record If(GoExpression.Pipeline condition, List<Node> then, List<Node> otherwise) implements Node {}

  record Range(String keyVar, String valueVar, GoExpression.Pipeline over, List<Node> body, List<Node> otherwise)
      implements Node {}

  record With(GoExpression.Pipeline value, List<Node> body, List<Node> otherwise) implements Node {}

  private final String source;
  private final List<Node> nodes;

  private GoTemplate(String source, List<Node> nodes) {
    this.source = source;
    this.nodes = nodes;
  }

  /** Parses {@code source}; a syntax error is a {@link TemplateException} naming the template and the problem. */
  public static GoTemplate parse(String source) {
    return new GoTemplate(source, new GoParser(source).parse());
  }

  /**
   * The template's output over {@code data} (maps, lists, strings, numbers, booleans); with {@code missingKeyError}
   * a key missing from a map fails (Argo CD's {@code missingkey=error}), otherwise it prints {@code <no value>}.
   */
  public String execute(Map<String, Object> data, boolean missingKeyError) {
    StringBuilder out = new StringBuilder();
    new GoEvaluator(source, data, missingKeyError).run(nodes, data, out);
    return out.toString();
  }

  /** Whether {@code text} holds an action at all: text without one is its own output. */
  public static boolean hasActions(String text) {
    return text.contains("{{");
  }

  static List<Node> list() {
    return new ArrayList<>();
  }
}
