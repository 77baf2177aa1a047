package dev.driftless.access;

import dev.driftless.state.AccessStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stored policy, read at most once per {@link #LIFETIME} per container, so a change reaches every container
 * within that time. A stored document that no longer parses grants nothing (fails closed) and is logged.
 */
final class PolicyCache implements Supplier<AccessPolicy> {

  static final Duration LIFETIME = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(PolicyCache.class);

  private record Read(AccessPolicy policy, Instant until) {}

  private final AccessStore store;
  private final Clock clock;
  private final AccessPolicyParser parser = new AccessPolicyParser();
  private volatile Read last;

  PolicyCache(AccessStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public AccessPolicy get() {
    Read r = last;
    Instant now = clock.instant();
    if (r != null && now.isBefore(r.until())) return r.policy();
    AccessPolicy policy = store.get().map(s -> parse(s.document())).orElse(AccessPolicy.EMPTY);
    last = new Read(policy, now.plus(LIFETIME));
    return policy;
  }

  void invalidate() {
    last = null;
  }

  private AccessPolicy parse(String document) {
    try {
      return parser.parse(document);
    } catch (InvalidAccessPolicyException e) {
      LOG.error("stored access policy: {}; granting nothing but bootstrap admins until it is replaced", e.getMessage());
      return AccessPolicy.EMPTY;
    }
  }
}
