package dev.driftless.functions.webhook;

import java.time.Clock;

/**
 * How many Secrets Manager lookups a container may make for repositories it has not cached: a token bucket
 * that holds at most {@code perSecond} lookups and refills at {@code perSecond} a second. The repository a
 * delivery names is the sender's choice, and nothing is verified before its secret is known, so without this
 * bound every request naming a new repository would cost a call.
 */
final class SecretLookupBudget {

  private final Clock clock;
  private final int perSecond;
  private double tokens;
  private long lastMillis;

  SecretLookupBudget(Clock clock, int perSecond) {
    this.clock = clock;
    this.perSecond = perSecond;
    this.tokens = perSecond;
    this.lastMillis = clock.millis();
  }

  /** Takes one lookup from the budget; false when it is spent for now. */
  synchronized boolean take() {
    long now = clock.millis();
    if (now > lastMillis) {
      tokens = Math.min(perSecond, tokens + (now - lastMillis) * perSecond / 1000.0);
      lastMillis = now;
    }
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
