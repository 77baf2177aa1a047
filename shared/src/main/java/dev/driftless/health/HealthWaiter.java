package dev.driftless.health;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The engine's one way to wait on live objects, always until a deadline the caller gives. A sync's wait
 * ({@link Until#SETTLED}), like Argo CD's, waits only on Progressing: an object that is Healthy, Degraded,
 * Suspended, Missing or Unknown is done, so a wait ends early on the first failure of every object rather than
 * at the deadline. The apply's own waits ask for more: a CustomResourceDefinition to be Established
 * ({@link Until#HEALTHY}), a deleted object to be gone ({@link Until#GONE}).
 *
 * <p>Each round reads the objects still Progressing (a GET per object, or a LIST per kind and namespace when
 * there are several, see {@link LiveReader}), re-assesses only those whose resourceVersion changed, and tells
 * the {@link Observer} of every change of health. Between rounds it waits the poll interval, never past the
 * deadline, read from the given {@link Clock}. It always reads once, even with a deadline already passed,
 * so {@code await(refs, clock.instant())} is a one-shot assessment. The report lists the objects still
 * Progressing when the deadline ended the wait: a Lambda short of time persists them and continues later.
 * An object that could not be read because the API server was unreachable stays Progressing (nothing is known
 * of it, so it is neither Missing nor done), and the report names the cause.
 */
public final class HealthWaiter {

  /** Told each time an object's health is first seen or changes. Called on the waiting thread. */
  @FunctionalInterface
  public interface Observer {
    void observed(ObjectRef ref, Health health);
  }

  /** What a wait waits for: the wait ends when every object has reached it, or at the deadline. */
  public enum Until {
    /** Nothing Progressing: each object Healthy or in another state that waiting will not change. */
    SETTLED,
    /** Every object Healthy (a CRD reads Degraded until it is Established). */
    HEALTHY,
    /** Every object gone: its deletion has propagated. */
    GONE;

    boolean reached(Health health) {
      return switch (this) {
        case SETTLED -> health.isTerminal();
        case HEALTHY -> health.status() == HealthStatus.HEALTHY;
        case GONE -> health.status() == HealthStatus.MISSING;
      };
    }
  }

  /**
   * How often to read the objects still Progressing, who to tell about changes, and the assessor (the
   * deployment's custom health rules over the built-in ones).
   */
  public record Options(Duration pollInterval, Observer observer, HealthAssessor assessor) {

    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

    public Options {
      pollInterval = pollInterval == null ? DEFAULT_POLL_INTERVAL : pollInterval;
      if (pollInterval.isNegative() || pollInterval.isZero()) {
        throw new IllegalArgumentException("health wait poll interval must be positive, got " + pollInterval);
      }
      observer = observer == null ? (ref, health) -> { } : observer;
      assessor = assessor == null ? new HealthAssessor() : assessor;
    }

    /** Options with the built-in health rules. */
    public Options(Duration pollInterval, Observer observer) {
      this(pollInterval, observer, null);
    }

    public static Options defaults() {
      return new Options(DEFAULT_POLL_INTERVAL, null);
    }

    public Options withPollInterval(Duration interval) {
      return new Options(interval, observer, assessor);
    }

    public Options withObserver(Observer newObserver) {
      return new Options(pollInterval, newObserver, assessor);
    }

    public Options withAssessor(HealthAssessor newAssessor) {
      return new Options(pollInterval, observer, newAssessor);
    }
  }

  private final KubernetesClient client;
  private final Clock clock;
  private final Options options;

  public HealthWaiter(KubernetesClient client, Clock clock) {
    this(client, clock, Options.defaults());
  }

  public HealthWaiter(KubernetesClient client, Clock clock, Options options) {
    this.client = Objects.requireNonNull(client, "client");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** Reads and assesses the objects until none is Progressing or the deadline passes: a sync's wait. */
  public HealthReport await(List<ObjectRef> refs, Instant deadline) {
    return await(refs, Until.SETTLED, deadline);
  }

  /**
   * Reads and assesses the objects until each has reached {@code until} or the deadline passes. An interrupted
   * wait returns at once with what it has seen, the thread's interrupt flag set again.
   */
  public HealthReport await(List<ObjectRef> refs, Until until, Instant deadline) {
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(deadline, "deadline");
    List<ObjectRef> all = new ArrayList<>(new LinkedHashSet<>(refs));
    Map<ObjectRef, Health> current = new LinkedHashMap<>();
    Map<ObjectRef, String> versions = new HashMap<>();
    LiveReader reader = new LiveReader(client);
    List<ObjectRef> pending = all;
    while (true) {
      Map<ObjectRef, LiveReader.Lookup> lookups = reader.read(pending);
      Instant readAt = clock.instant();
      String unreachable = null;
      for (ObjectRef ref : pending) {
        LiveReader.Lookup lookup = lookups.get(ref);
        update(ref, lookup, current, versions);
        if (unreachable == null && lookup != null) {
          unreachable = lookup.unreachable();
        }
      }
      pending = all.stream().filter(ref -> !until.reached(current.get(ref))).toList();
      if (pending.isEmpty()) {
        return report(all, current, false, readAt, unreachable);
      }
      Duration left = Duration.between(clock.instant(), deadline);
      if (left.isNegative() || left.isZero()) {
        return report(all, current, true, readAt, unreachable);
      }
      try {
        Thread.sleep(Math.max(1, Math.min(options.pollInterval().toMillis(), left.toMillis())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return report(all, current, false, readAt, unreachable);
      }
    }
  }

  private void update(ObjectRef ref, LiveReader.Lookup lookup, Map<ObjectRef, Health> current,
      Map<ObjectRef, String> versions) {
    Health health;
    if (lookup == null) {
      health = Health.unknown("Not read");
    } else if (lookup.problem() != null) {
      health = lookup.problem();
      versions.remove(ref);
    } else if (lookup.live() == null) {
      health = options.assessor().assess(null);
      versions.remove(ref);
    } else {
      GenericKubernetesResource live = lookup.live();
      String version = live.getMetadata().getResourceVersion();
      if (version != null && version.equals(versions.get(ref)) && current.containsKey(ref)) {
        return;
      }
      versions.put(ref, version);
      health = options.assessor().assess(live);
    }
    Health before = current.put(ref, health);
    if (!health.equals(before)) {
      options.observer().observed(ref, health);
    }
  }

  private static HealthReport report(List<ObjectRef> all, Map<ObjectRef, Health> current, boolean deadlinePassed,
      Instant at, String unreachable) {
    List<ObjectHealth> objects = all.stream().map(ref -> new ObjectHealth(ref, current.get(ref))).toList();
    return new HealthReport(objects, deadlinePassed, at, unreachable);
  }
}
