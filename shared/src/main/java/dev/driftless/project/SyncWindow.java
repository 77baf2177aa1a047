package dev.driftless.project;

import dev.driftless.glob.Glob;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A sync window of a project: while a {@code deny} window is active, automated syncs of the Applications it
 * matches wait; where {@code allow} windows match, automated syncs wait outside them. {@code manualSync} lets
 * manual syncs through. A window is active at t when one of its schedule's fire times s (in {@code timeZone})
 * has s <= t < s + duration. It matches an Application by name, destination namespace or destination cluster
 * (name or server), any one of the lists ({@code andOperator}: each list given). {@code syncOverrun} and
 * {@code description} are kept, not enforced.
 */
public record SyncWindow(Kind kind, String schedule, Duration duration, List<String> applications,
    List<String> namespaces, List<String> clusters, boolean manualSync, ZoneId timeZone, boolean andOperator,
    String description, boolean syncOverrun) {

  public enum Kind {
    ALLOW, DENY;

    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public SyncWindow {
    applications = applications == null ? List.of() : List.copyOf(applications);
    namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
    clusters = clusters == null ? List.of() : List.copyOf(clusters);
    timeZone = timeZone == null ? ZoneId.of("UTC") : timeZone;
    CronSchedule.parse(schedule);
  }

  /** What a window is matched against: the Application's name and its destination. */
  public record Target(String application, String namespace, String cluster, String server) {}

  public boolean matches(Target t) {
    boolean app = anyMatches(applications, t.application());
    boolean ns = anyMatches(namespaces, t.namespace());
    boolean cluster = anyMatches(clusters, t.cluster()) || anyMatches(clusters, t.server());
    if (!andOperator) return app || ns || cluster;
    boolean any = !applications.isEmpty() || !namespaces.isEmpty() || !clusters.isEmpty();
    return any && (applications.isEmpty() || app) && (namespaces.isEmpty() || ns) && (clusters.isEmpty() || cluster);
  }

  /** When the window is active at {@code at}, when it closes (the last fire time at or before it, plus duration). */
  public Optional<Instant> closesAfter(Instant at) {
    return cron().previousAtOrBefore(at, at.minus(duration), timeZone).map(s -> s.plus(duration));
  }

  public boolean activeAt(Instant at) {
    return closesAfter(at).isPresent();
  }

  /** The next time the window opens after {@code at}; empty when its schedule never fires again. */
  public Optional<Instant> opensAfter(Instant at) {
    return cron().nextAtOrAfter(at.plusNanos(1), timeZone);
  }

  private CronSchedule cron() {
    return CronSchedule.parse(schedule);
  }

  private static boolean anyMatches(List<String> patterns, String value) {
    return value != null && patterns.stream().anyMatch(p -> Glob.matches(p, value));
  }

  /** {@code deny 0 22 * * * 1h (UTC)}: kind, schedule, duration and zone, as messages name a window. */
  @Override
  public String toString() {
    return kind.word() + " " + schedule + " " + goDuration(duration) + " (" + timeZone.getId() + ")";
  }

  /** A duration as Go (and Argo CD) writes it: {@code 1h}, {@code 30m}, {@code 1h30m}. */
  static String goDuration(Duration d) {
    if (d.isZero()) return "0s";
    StringBuilder sb = new StringBuilder();
    if (d.toHours() > 0) sb.append(d.toHours()).append('h');
    if (d.toMinutesPart() > 0) sb.append(d.toMinutesPart()).append('m');
    if (d.toSecondsPart() > 0) sb.append(d.toSecondsPart()).append('s');
    if (d.toMillisPart() > 0) sb.append(d.toMillisPart()).append("ms");
    return sb.toString();
  }
}
