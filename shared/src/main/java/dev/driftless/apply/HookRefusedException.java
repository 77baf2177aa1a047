package dev.driftless.apply;

/**
 * A hook names an object that is not this Application's own earlier hook (another Application's object, one
 * of this Application's regular objects, or an object Driftless did not create): nothing was deleted or
 * written. The message names the object and its owner.
 */
public class HookRefusedException extends PlanException {

  private static final long serialVersionUID = 1L;

  public HookRefusedException(String message) {
    super(message);
  }
}
