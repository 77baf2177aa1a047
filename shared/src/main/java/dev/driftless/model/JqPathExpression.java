package dev.driftless.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.Function;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.PathOutput;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Version;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;

/**
 * One {@code ignoreDifferences[].jqPathExpressions} entry, as Argo CD applies it: the object less every path the
 * expression selects ({@code del(<expression>)}). The expression comes from the Application's author, so it runs
 * with bounds: its text is at most {@link #MAX_LENGTH} characters, and one evaluation may take at most
 * {@link #TIME_BOUND} (Argo CD's default jq timeout) and emit at most {@link #MAX_EMITS} values. Every jq function
 * call and every value a function emits checks both, so an expression that recurses or generates without end
 * ({@code [range(1e12)]}, {@code [repeat(.)]}) stops with {@link JqBoundException}, which jq's {@code try} cannot
 * catch; so does one that recurses past the stack. The builtins are loaded once
 * per container; a compiled expression is immutable and may be shared.
 */
public final class JqPathExpression {

  public static final int MAX_LENGTH = 1024;
  public static final Duration TIME_BOUND = Duration.ofSeconds(1);
  public static final long MAX_EMITS = 1_000_000;

  private static final Version VERSION = Versions.JQ_1_6;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ThreadLocal<Budget> BUDGET = new ThreadLocal<>();
  private static final Scope ROOT = boundedBuiltins();

  private final String source;
  private final JsonQuery deletion;

  private JqPathExpression(String source, JsonQuery deletion) {
    this.source = source;
    this.deletion = deletion;
  }

  /** The expression compiled; {@link IllegalArgumentException} saying why when it is too long or not jq. */
  public static JqPathExpression compile(String expression) {
    if (expression.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("is longer than " + MAX_LENGTH + " characters");
    }
    try {
      return new JqPathExpression(expression, JsonQuery.compile("del(" + expression + ")", VERSION));
    } catch (JsonQueryException e) {
      throw new IllegalArgumentException("is not a jq path expression: " + e.getMessage(), e);
    }
  }

  public String source() {
    return source;
  }

  /**
   * {@code tree} less the paths the expression selects. An expression that selects nothing leaves it as it is;
   * one that fails on this object (a path into a string, say) leaves it too, as Argo CD does. Past a bound,
   * {@link JqBoundException}.
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> delete(Map<String, Object> tree) {
    JsonNode in = JSON.valueToTree(tree);
    List<JsonNode> out = new ArrayList<>(1);
    Budget budget = new Budget(System.nanoTime() + TIME_BOUND.toNanos());
    Budget outer = BUDGET.get();
    BUDGET.set(budget);
    try {
      deletion.apply(Scope.newChildScope(ROOT), in, v -> {
        budget.spend();
        out.add(v);
      });
    } catch (JsonQueryException e) {
      return tree;
    } catch (StackOverflowError e) {
      throw new JqBoundException("recursed deeper than the stack allows");
    } finally {
      if (outer == null) BUDGET.remove();
      else BUDGET.set(outer);
    }
    if (out.size() != 1 || !out.get(0).isObject()) return tree;
    return JSON.convertValue(out.get(0), LinkedHashMap.class);
  }

  /** The builtins, each wrapped to spend from the evaluation's budget on every call and every value it emits. */
  private static Scope boundedBuiltins() {
    Scope root = Scope.newEmptyScope();
    Map<String, Function> builtins = BuiltinFunctionLoader.getInstance().listFunctions(VERSION, root);
    builtins.forEach((nameAndArity, f) -> root.addFunction(nameAndArity, bounded(f)));
    return root;
  }

  private static Function bounded(Function f) {
    return (scope, args, in, path, output, version) -> {
      Budget budget = BUDGET.get();
      if (budget == null) {
        f.apply(scope, args, in, path, output, version);
        return;
      }
      budget.spend();
      PathOutput counted = (value, p) -> {
        budget.spend();
        output.emit(value, p);
      };
      f.apply(scope, args, in, path, counted, version);
    };
  }

  /** What one evaluation may still spend. */
  private static final class Budget {
    private final long deadlineNanos;
    private long emits;

    Budget(long deadlineNanos) {
      this.deadlineNanos = deadlineNanos;
    }

    /** Unchecked on purpose: jq's {@code try} and {@code ?} catch only jq's own errors, so no expression can. */
    void spend() {
      // A CPU bound on one evaluation, not a point in the domain's time: hence the monotonic clock.
      if (++emits > MAX_EMITS) {
        throw new JqBoundException("produced more than " + MAX_EMITS + " values");
      }
      if (System.nanoTime() - deadlineNanos > 0) {
        throw new JqBoundException("ran longer than " + TIME_BOUND.toMillis() + " ms");
      }
    }
  }

  /** An evaluation stopped at a bound; the message says which. */
  public static final class JqBoundException extends RuntimeException {
    JqBoundException(String message) {
      super(message);
    }
  }
}
