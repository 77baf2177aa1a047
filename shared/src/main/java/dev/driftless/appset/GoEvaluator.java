package dev.driftless.appset;

import dev.driftless.appset.GoExpression.Command;
import dev.driftless.appset.GoExpression.Field;
import dev.driftless.appset.GoExpression.Function;
import dev.driftless.appset.GoExpression.Literal;
import dev.driftless.appset.GoExpression.Operand;
import dev.driftless.appset.GoExpression.Pipeline;
import dev.driftless.appset.GoExpression.Sub;
import dev.driftless.appset.GoTemplate.Node;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a parsed Go template: text is copied, actions print their value as Go prints it, {@code if} and {@code with}
 * test Go's truth (false, 0, nil, empty string, list or map are false), {@code range} iterates lists in order and
 * maps in key order. Output is bounded, so a template cannot grow without end.
 */
final class GoEvaluator {

  private static final int MAX_OUTPUT = 256 * 1024;
  static final String NO_VALUE = "<no value>";

  private final String source;
  private final boolean missingKeyError;
  private final Deque<Map<String, Object>> scopes = new ArrayDeque<>();

  GoEvaluator(String source, Object root, boolean missingKeyError) {
    this.source = source;
    this.missingKeyError = missingKeyError;
    Map<String, Object> top = new HashMap<>();
    top.put("$", root);
    scopes.push(top);
  }

  void run(List<Node> nodes, Object dot, StringBuilder out) {
    for (Node n : nodes) {
      if (out.length() > MAX_OUTPUT) throw error("the output is larger than " + MAX_OUTPUT + " characters");
      if (n instanceof GoTemplate.Text t) {
        out.append(t.text());
      } else if (n instanceof GoTemplate.Output o) {
        out.append(print(pipeline(o.pipeline(), dot)));
      } else if (n instanceof GoTemplate.Declare d) {
        declare(d.variable(), pipeline(d.pipeline(), dot));
      } else if (n instanceof GoTemplate.If i) {
        boolean yes = truth(pipeline(i.condition(), dot));
        scoped(() -> run(yes ? i.then() : i.otherwise(), dot, out));
      } else if (n instanceof GoTemplate.With w) {
        Object v = pipeline(w.value(), dot);
        scoped(() -> run(truth(v) ? w.body() : w.otherwise(), truth(v) ? v : dot, out));
      } else if (n instanceof GoTemplate.Range r) {
        range(r, dot, out);
      }
    }
  }

  private void range(GoTemplate.Range r, Object dot, StringBuilder out) {
    Object over = pipeline(r.over(), dot);
    List<Map.Entry<Object, Object>> items = new ArrayList<>();
    if (over instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) items.add(Map.entry(i, list.get(i) == null ? NO_VALUE : list.get(i)));
    } else if (over instanceof Map<?, ?> map) {
      new TreeMap<>(map).forEach((k, v) -> items.add(Map.entry(k, v == null ? NO_VALUE : v)));
    } else if (over instanceof Number n) {
      for (long i = 0; i < n.longValue(); i++) items.add(Map.entry(i, i));
    } else if (over != null) {
      throw error("range can't iterate over " + print(over));
    }
    if (items.isEmpty()) {
      scoped(() -> run(r.otherwise(), dot, out));
      return;
    }
    for (Map.Entry<Object, Object> e : items) {
      scoped(() -> {
        if (r.keyVar() != null) declare(r.keyVar(), e.getKey());
        if (r.valueVar() != null) declare(r.valueVar(), e.getValue());
        run(r.body(), e.getValue(), out);
      });
    }
  }

  private void scoped(Runnable body) {
    scopes.push(new HashMap<>());
    try {
      body.run();
    } finally {
      scopes.pop();
    }
  }

  private void declare(String name, Object value) {
    scopes.peek().put(name, value);
  }

  Object pipeline(Pipeline p, Object dot) {
    Object last = null;
    boolean first = true;
    for (Command c : p.commands()) {
      last = command(c, dot, first ? null : new Object[] {last});
      first = false;
    }
    return last;
  }

  private Object command(Command c, Object dot, Object[] piped) {
    Operand head = c.args().get(0);
    if (head instanceof Function f) {
      List<Object> args = new ArrayList<>();
      for (Operand o : c.args().subList(1, c.args().size())) args.add(operand(o, dot));
      if (piped != null) args.add(piped[0]);
      return TemplateFunctions.call(f.name(), args, this);
    }
    if (c.args().size() > 1 || piped != null) {
      throw error("can't give arguments to a value that is not a function");
    }
    return operand(head, dot);
  }

  private Object operand(Operand o, Object dot) {
    if (o instanceof Literal l) return l.value();
    if (o instanceof Field f) return walk(f.variable() == null ? dot : variable(f.variable()), f.chain());
    if (o instanceof Sub s) return walk(pipeline(s.pipeline(), dot), s.chain());
    return TemplateFunctions.call(((Function) o).name(), List.of(), this);
  }

  private Object variable(String name) {
    for (Map<String, Object> scope : scopes) {
      if (scope.containsKey(name)) return scope.get(name);
    }
    throw error("undefined variable " + name);
  }

  private Object walk(Object from, List<String> chain) {
    Object v = from;
    for (String key : chain) {
      if (v instanceof Map<?, ?> m) {
        if (!m.containsKey(key)) {
          if (missingKeyError) throw error("map has no entry for key \"" + key + "\"");
          return null;
        }
        v = m.get(key);
      } else if (v == null) {
        if (missingKeyError) throw error("nil pointer evaluating ." + key);
        return null;
      } else {
        throw error("can't evaluate field " + key + " in a " + TemplateFunctions.typeName(v));
      }
    }
    return v;
  }

  /** Go's truth: false, zero, nil, and empty strings, lists and maps are false. */
  static boolean truth(Object v) {
    if (v == null) return false;
    if (v instanceof Boolean b) return b;
    if (v instanceof Number n) return n.doubleValue() != 0;
    if (v instanceof String s) return !s.isEmpty();
    if (v instanceof List<?> l) return !l.isEmpty();
    if (v instanceof Map<?, ?> m) return !m.isEmpty();
    return true;
  }

  /** A value as Go's fmt prints it with %v. */
  static String print(Object v) {
    if (v == null) return NO_VALUE;
    if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) return String.valueOf(d.longValue());
    if (v instanceof List<?> l) return "[" + String.join(" ", l.stream().map(GoEvaluator::print).toList()) + "]";
    if (v instanceof Map<?, ?> m) {
      return "map[" + String.join(" ", new TreeMap<>(m).entrySet().stream()
          .map(e -> e.getKey() + ":" + print(e.getValue())).toList()) + "]";
    }
    return String.valueOf(v);
  }

  TemplateException error(String problem) {
    return new TemplateException("template " + shorten(source) + ": " + problem);
  }

  /** The template text for messages: quoted, cut at 80 characters. */
  static String shorten(String text) {
    String t = text.length() > 80 ? text.substring(0, 77) + "..." : text;
    return "\"" + t.replace("\n", "\\n") + "\"";
  }
}
