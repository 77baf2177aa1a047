package dev.driftless.access;

import dev.driftless.state.AccessStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one policy module every API route asks: resolves a caller to its {@link Grants} and decides checks
 * before anything is done, logging each decision (caller, principal, permission, object, allow or deny; never
 * a body). Bootstrap admins (the deployment's {@code DRIFTLESS_ADMINS}) are admins whatever the table says,
 * and are recognised without reading it.
 */
public final class AccessControl {

  public static final String ADMINS_ENV = "DRIFTLESS_ADMINS";
  private static final Logger LOG = LoggerFactory.getLogger(AccessControl.class);

  private final Supplier<AccessPolicy> policy;
  private final Runnable invalidate;
  private final List<PrincipalPattern> bootstrapAdmins;

  AccessControl(Supplier<AccessPolicy> policy, Runnable invalidate, List<PrincipalPattern> bootstrapAdmins) {
    this.policy = policy;
    this.invalidate = invalidate;
    this.bootstrapAdmins = List.copyOf(bootstrapAdmins);
  }

  /** Over the stored policy (cached per {@link PolicyCache#LIFETIME}) with the bootstrap admins given. */
  public static AccessControl over(AccessStore store, List<PrincipalPattern> bootstrapAdmins, Clock clock) {
    PolicyCache cache = new PolicyCache(store, clock);
    return new AccessControl(cache, cache::invalidate, bootstrapAdmins);
  }

  /** Parses {@code DRIFTLESS_ADMINS}: comma-separated principal globs; null or blank is none. */
  public static List<PrincipalPattern> bootstrapAdmins(String list) {
    List<PrincipalPattern> out = new ArrayList<>();
    if (list == null || list.isBlank()) return out;
    String[] entries = list.split(",");
    for (int i = 0; i < entries.length; i++) {
      if (entries[i].isBlank()) continue;
      try {
        out.add(PrincipalPattern.parse(entries[i]));
      } catch (InvalidAccessPolicyException e) {
        throw new InvalidAccessPolicyException(ADMINS_ENV + " entry " + (i + 1) + ": " + e.getMessage());
      }
    }
    return out;
  }

  public Grants grants(String caller) {
    Principal p = Principal.resolve(caller);
    if (bootstrapAdmins.stream().anyMatch(b -> b.matches(p))) return new Grants(caller, p, true, List.of());
    if (p.anonymous()) return new Grants(caller, p, false, List.of());
    return new Grants(caller, p, false, policy.get().bindingsOf(p));
  }

  /** Decides every check, in order; the first one refused throws, so nothing is done on a refusal. */
  public void require(Grants g, List<AccessCheck> checks) {
    for (AccessCheck c : checks) {
      boolean allowed = g.allows(c);
      LOG.info("access: caller {} principal {} {} {} -> {}", g.caller(), g.principal(), c.permission(),
          object(c), allowed ? "allow" : "deny");
      if (!allowed) throw new AccessDeniedException(g.principal().toString(), g.missing(c));
    }
  }

  /**
   * A refusal a route decides beyond its checks (a project admin's update that widens the project), logged as
   * every decision is; the caller throws it.
   */
  public AccessDeniedException refused(Grants g, Permission permission, String object, String missing) {
    LOG.info("access: caller {} principal {} {} {} -> deny", g.caller(), g.principal(), permission, object);
    return new AccessDeniedException(g.principal().toString(), missing);
  }

  /**
   * Refuses a policy that would lock every caller out: no admin binding while no bootstrap admin is set.
   */
  public void checkNotLockedOut(AccessPolicy p) {
    if (!p.hasAdmin() && bootstrapAdmins.isEmpty()) {
      throw new InvalidAccessPolicyException("bindings: no binding has role admin and no bootstrap admin is set ("
          + ADMINS_ENV + "), so nobody could change this policy again; keep an admin binding");
    }
  }

  /** The stored policy changed here: the next decision reads it again. */
  public void policyChanged() {
    invalidate.run();
  }

  private static String object(AccessCheck c) {
    return switch (c.scope()) {
      case GLOBAL -> c.object() == null ? "(global)" : c.object();
      case PROJECT -> "project " + c.project() + (c.object() == null ? "" : " " + c.object());
      case UNKNOWN_PROJECT -> c.object() + " (not found)";
    };
  }
}
