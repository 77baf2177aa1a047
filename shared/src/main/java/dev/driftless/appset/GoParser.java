package dev.driftless.appset;

import dev.driftless.appset.GoExpression.Command;
import dev.driftless.appset.GoExpression.Field;
import dev.driftless.appset.GoExpression.Function;
import dev.driftless.appset.GoExpression.Literal;
import dev.driftless.appset.GoExpression.Operand;
import dev.driftless.appset.GoExpression.Pipeline;
import dev.driftless.appset.GoExpression.Sub;
import dev.driftless.appset.GoTemplate.Node;
import java.util.ArrayList;
import java.util.List;

/** Parses a Go template into nodes: the text between actions, and each action's structure and pipeline. */
final class GoParser {

  private final String src;
  private int pos;
  /** The action being read: its text, and the position within it. */
  private String action;
  private int at;

  GoParser(String src) {
    this.src = src;
  }

  List<Node> parse() {
    List<Node> nodes = new ArrayList<>();
    String end = block(nodes);
    if (end != null) throw error("{{" + end + "}} without a matching if, range or with");
    return nodes;
  }

  /** Reads nodes up to an {@code else...} or {@code end} action, which it returns (null at the end of the text). */
  private String block(List<Node> nodes) {
    while (pos < src.length()) {
      int open = src.indexOf("{{", pos);
      if (open < 0) {
        nodes.add(new GoTemplate.Text(src.substring(pos)));
        pos = src.length();
        break;
      }
      int close = src.indexOf("}}", open + 2);
      if (close < 0) throw error("an action is not closed with }}");
      String inner = src.substring(open + 2, close);
      if (inner.strip().equals("-")) throw error("an empty action");
      boolean trimLeft = inner.startsWith("- ") || inner.equals("-");
      boolean trimRight = inner.endsWith(" -") || inner.equals("-");
      String text = src.substring(pos, open);
      if (trimLeft) text = text.stripTrailing();
      if (!text.isEmpty()) nodes.add(new GoTemplate.Text(text));
      pos = close + 2;
      if (trimRight) {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) pos++;
      }
      String body = inner.substring(trimLeft ? 2 : 0, inner.length() - (trimRight && inner.length() > 1 ? 2 : 0))
          .strip();
      if (body.startsWith("/*")) {
        if (!body.endsWith("*/")) throw error("a comment is not closed with */");
        continue;
      }
      String keyword = body.split("\\s+", 2)[0];
      switch (keyword) {
        case "end", "else" -> {
          return body;
        }
        case "if" -> nodes.add(ifNode(body.substring(2)));
        case "range" -> nodes.add(range(body.substring(5)));
        case "with" -> nodes.add(with(body.substring(4)));
        case "define", "template", "block", "break", "continue" ->
            throw error("{{" + keyword + "}} is not supported");
        default -> nodes.add(statement(body));
      }
    }
    return null;
  }

  private Node statement(String body) {
    start(body);
    if (peek() == '$') {
      int save = at;
      String var = variable();
      skipSpace();
      if (action.startsWith(":=", at) || action.startsWith("=", at) && !action.startsWith("==", at)) {
        at += action.startsWith(":=", at) ? 2 : 1;
        return new GoTemplate.Declare(var, pipelineToEnd());
      }
      at = save;
    }
    return new GoTemplate.Output(pipelineToEnd());
  }

  private Node ifNode(String condition) {
    start(condition);
    Pipeline p = pipelineToEnd();
    List<Node> then = GoTemplate.list();
    String end = block(then);
    List<Node> otherwise = GoTemplate.list();
    if (end == null) throw error("{{if}} without {{end}}");
    if (end.startsWith("else if ") || end.startsWith("else if\t")) {
      otherwise.add(ifNode(end.substring("else if".length())));
      return new GoTemplate.If(p, then, otherwise);
    }
    if (end.equals("else")) {
      end = block(otherwise);
      if (!"end".equals(end)) throw error("{{if}} ... {{else}} without {{end}}");
    } else if (!end.equals("end")) {
      throw error("unexpected {{" + end + "}} in {{if}}");
    }
    return new GoTemplate.If(p, then, otherwise);
  }

  private Node range(String rest) {
    start(rest);
    String keyVar = null;
    String valueVar = null;
    if (peek() == '$') {
      int save = at;
      String first = variable();
      skipSpace();
      String second = null;
      if (peek() == ',') {
        at++;
        skipSpace();
        second = variable();
        skipSpace();
      }
      if (action.startsWith(":=", at)) {
        at += 2;
        keyVar = second == null ? null : first;
        valueVar = second == null ? first : second;
      } else {
        at = save;
      }
    }
    Pipeline over = pipelineToEnd();
    List<Node> body = GoTemplate.list();
    List<Node> otherwise = GoTemplate.list();
    closeBlock("range", body, otherwise);
    return new GoTemplate.Range(keyVar, valueVar, over, body, otherwise);
  }

  private Node with(String rest) {
    start(rest);
    Pipeline value = pipelineToEnd();
    List<Node> body = GoTemplate.list();
    List<Node> otherwise = GoTemplate.list();
    closeBlock("with", body, otherwise);
    return new GoTemplate.With(value, body, otherwise);
  }

  private void closeBlock(String what, List<Node> body, List<Node> otherwise) {
    String end = block(body);
    if ("else".equals(end)) end = block(otherwise);
    if (!"end".equals(end)) throw error("{{" + what + "}} without {{end}}");
  }

  // ---- pipelines within one action ----

  private void start(String text) {
    action = text;
    at = 0;
    skipSpace();
  }

  private Pipeline pipelineToEnd() {
    Pipeline p = pipeline();
    skipSpace();
    if (at < action.length()) throw error("unexpected " + action.substring(at) + " in {{" + action.strip() + "}}");
    return p;
  }

  private Pipeline pipeline() {
    List<Command> commands = new ArrayList<>();
    commands.add(command());
    skipSpace();
    while (peek() == '|') {
      at++;
      commands.add(command());
      skipSpace();
    }
    return new Pipeline(commands);
  }

  private Command command() {
    List<Operand> args = new ArrayList<>();
    skipSpace();
    while (at < action.length() && peek() != '|' && peek() != ')') {
      args.add(operand());
      skipSpace();
    }
    if (args.isEmpty()) throw error("missing value in {{" + action.strip() + "}}");
    return new Command(args);
  }

  private Operand operand() {
    char c = peek();
    if (c == '.') return new Field(null, chain());
    if (c == '$') {
      String var = variable();
      return new Field(var, peek() == '.' ? chain() : List.of());
    }
    if (c == '"') return new Literal(quoted());
    if (c == '`') {
      int end = action.indexOf('`', at + 1);
      if (end < 0) throw error("a raw string is not closed");
      String s = action.substring(at + 1, end);
      at = end + 1;
      return new Literal(s);
    }
    if (c == '(') {
      at++;
      Pipeline p = pipeline();
      skipSpace();
      if (peek() != ')') throw error("missing ) in {{" + action.strip() + "}}");
      at++;
      return new Sub(p, peek() == '.' ? chain() : List.of());
    }
    if (c == '-' || c == '+' || Character.isDigit(c)) return new Literal(number());
    String word = word();
    return switch (word) {
      case "true" -> new Literal(Boolean.TRUE);
      case "false" -> new Literal(Boolean.FALSE);
      case "nil" -> new Literal(null);
      case "" -> throw error("unexpected " + c + " in {{" + action.strip() + "}}");
      default -> new Function(word);
    };
  }

  /** {@code .a.b.c} as [a, b, c]; a lone {@code .} as []. */
  private List<String> chain() {
    List<String> out = new ArrayList<>();
    while (peek() == '.') {
      at++;
      String w = word();
      if (w.isEmpty()) {
        if (!out.isEmpty()) throw error("a field name is missing after . in {{" + action.strip() + "}}");
        break;
      }
      out.add(w);
    }
    return out;
  }

  private String variable() {
    at++;
    return "$" + word();
  }

  private String word() {
    int s = at;
    while (at < action.length() && (Character.isLetterOrDigit(action.charAt(at)) || action.charAt(at) == '_')) at++;
    return action.substring(s, at);
  }

  private Object number() {
    int s = at;
    at++;
    while (at < action.length() && (Character.isLetterOrDigit(action.charAt(at)) || action.charAt(at) == '.')) at++;
    String n = action.substring(s, at);
    try {
      return n.contains(".") ? (Object) Double.parseDouble(n) : (Object) Long.decode(n);
    } catch (NumberFormatException e) {
      throw error("not a number: " + n);
    }
  }

  private String quoted() {
    StringBuilder sb = new StringBuilder();
    at++;
    while (at < action.length() && action.charAt(at) != '"') {
      char c = action.charAt(at++);
      if (c == '\\' && at < action.length()) {
        char e = action.charAt(at++);
        sb.append(switch (e) {
          case 'n' -> '\n';
          case 't' -> '\t';
          default -> e;
        });
      } else {
        sb.append(c);
      }
    }
    if (at >= action.length()) throw error("a string is not closed");
    at++;
    return sb.toString();
  }

  private char peek() {
    return at < action.length() ? action.charAt(at) : '\0';
  }

  private void skipSpace() {
    while (at < action.length() && Character.isWhitespace(action.charAt(at))) at++;
  }

  private TemplateException error(String problem) {
    return new TemplateException("template " + GoEvaluator.shorten(src) + ": " + problem);
  }
}
