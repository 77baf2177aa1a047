package dev.driftless.health;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelErrorCode;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.Map;

/**
 * The health of a kind from Flux's {@code healthCheckExprs} (RFC 0009): three CEL expressions over the object,
 * whose top-level fields ({@code metadata}, {@code spec}, {@code status}, ...) are the variables. An object whose
 * {@code status.observedGeneration} differs from its {@code metadata.generation} is Progressing; otherwise
 * {@code inProgress}, then {@code failed}, then {@code current} is evaluated, and the first that is true gives
 * Progressing, Degraded or Healthy; none true is Progressing.
 *
 * <p>As in Flux, the expressions are parsed, not type-checked (custom resources differ in their top-level fields),
 * and an expression that cannot be evaluated (a field the controller has not written yet) leaves the object
 * Progressing with the reason: waiting may change it. Each evaluation is bounded by a total of
 * {@value #MAX_ITERATIONS} comprehension iterations (CEL has no other loops; its regular expressions are RE2,
 * linear in their input); an expression that reaches the bound gives Unknown.
 */
final class CelHealth implements KindHealth {

  /** Comprehension iterations ({@code exists}, {@code all}, {@code filter}, {@code map}) per evaluation. */
  static final int MAX_ITERATIONS = 10_000;
  /** The longest expression accepted. */
  static final int MAX_EXPRESSION_LENGTH = 4096;

  private static final Cel CEL = CelFactory.plannerCelBuilder()
      .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
      .setOptions(CelOptions.current()
          .enableHeterogeneousNumericComparisons(true)
          .enableOptionalSyntax(true)
          .comprehensionMaxIterations(MAX_ITERATIONS)
          .maxRegexProgramSize(1000)
          .build())
      .addCompilerLibraries(CelExtensions.optional(), CelExtensions.strings(), CelExtensions.sets(
          CelOptions.DEFAULT), CelExtensions.encoders())
      .addRuntimeLibraries(CelExtensions.optional(), CelExtensions.strings(), CelExtensions.sets(
          CelOptions.DEFAULT), CelExtensions.encoders())
      .build();

  /** One compiled expression and its source, for messages. */
  private record Expression(String field, String source, CelRuntime.Program program) {}

  private final Expression current;
  private final Expression failed;
  private final Expression inProgress;

  private CelHealth(Expression current, Expression failed, Expression inProgress) {
    this.current = current;
    this.failed = failed;
    this.inProgress = inProgress;
  }

  /**
   * Compiles the expressions once; {@code failed} and {@code inProgress} may be null. {@code where} names the
   * entry in errors ({@code health[0] (cert-manager.io/Certificate)}).
   */
  static CelHealth compile(String where, String current, String failed, String inProgress) {
    if (current == null) {
      throw new InvalidHealthConfigException(where + ": cel.current is required");
    }
    return new CelHealth(expression(where, "current", current), expression(where, "failed", failed),
        expression(where, "inProgress", inProgress));
  }

  private static Expression expression(String where, String field, String source) {
    if (source == null) {
      return null;
    }
    if (source.length() > MAX_EXPRESSION_LENGTH) {
      throw new InvalidHealthConfigException(where + ": cel." + field + " is longer than "
          + MAX_EXPRESSION_LENGTH + " characters");
    }
    try {
      return new Expression(field, source, CEL.createProgram(CEL.parse(source).getAst()));
    } catch (CelValidationException | CelEvaluationException e) {
      throw new InvalidHealthConfigException(where + ": cel." + field + " is not a valid CEL expression: "
          + e.getMessage());
    }
  }

  @Override
  public Health assess(LiveObject live) {
    Long observed = live.number("status", "observedGeneration");
    if (observed != null && observed != live.generation()) {
      return Health.progressing("Waiting for the controller to observe generation " + live.generation()
          + " (observed " + observed + ")");
    }
    Map<String, Object> variables = live.content();
    try {
      if (holds(inProgress, variables)) {
        return Health.progressing("inProgress holds: " + inProgress.source());
      }
      if (holds(failed, variables)) {
        return Health.degraded("failed holds: " + failed.source());
      }
      if (holds(current, variables)) {
        return Health.healthy("current holds: " + current.source());
      }
      return Health.progressing("current does not hold yet: " + current.source());
    } catch (CostExceeded e) {
      return Health.unknown(e.getMessage());
    } catch (NotEvaluated e) {
      return Health.progressing(e.getMessage());
    }
  }

  private static boolean holds(Expression e, Map<String, Object> variables) {
    if (e == null) {
      return false;
    }
    Object result;
    try {
      result = e.program().eval(variables);
    } catch (CelEvaluationException ex) {
      if (ex.getErrorCode() == CelErrorCode.ITERATION_BUDGET_EXCEEDED) {
        throw new CostExceeded("CEL " + e.field() + " exceeded " + MAX_ITERATIONS + " iterations: " + e.source());
      }
      throw new NotEvaluated("CEL " + e.field() + " cannot be evaluated yet (" + ex.getMessage() + "): "
          + e.source());
    }
    if (result instanceof Boolean b) {
      return b;
    }
    throw new NotEvaluated("CEL " + e.field() + " gave " + result.getClass().getSimpleName()
        + ", not a bool: " + e.source());
  }

  /** An expression that could not give a bool this time: Progressing, as Flux keeps waiting. */
  private static final class NotEvaluated extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotEvaluated(String message) {
      super(message, null, false, false);
    }
  }

  /** An expression that reached the iteration bound: it will again, so Unknown. */
  private static final class CostExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CostExceeded(String message) {
      super(message, null, false, false);
    }
  }
}
