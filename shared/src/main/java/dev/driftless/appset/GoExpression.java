package dev.driftless.appset;

import java.util.List;

/** The expressions inside a Go template action: pipelines of commands, each a function or operand with arguments. */
final class GoExpression {

  private GoExpression() {}

  /** {@code a | f b | g}: each command after the first gets the previous result as its last argument. */
  record Pipeline(List<Command> commands) {}

  /** A function with its arguments, or one operand alone. */
  record Command(List<Operand> args) {}

  interface Operand {}

  /** {@code .a.b} (variable null), {@code $} or {@code $x.y} (variable {@code $} or {@code $x}); chain may be empty. */
  record Field(String variable, List<String> chain) implements Operand {}

  record Literal(Object value) implements Operand {}

  record Function(String name) implements Operand {}

  /** {@code (pipeline).a.b}. */
  record Sub(Pipeline pipeline, List<String> chain) implements Operand {}
}
