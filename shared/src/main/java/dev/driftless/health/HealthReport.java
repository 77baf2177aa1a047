package dev.driftless.health;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The outcome of a health wait: the last health seen of every object (in the order asked), whether the
 * deadline ended the wait, and when the objects were last read. The aggregate is the worst health of all;
 * {@link #progressing()} are the objects still worth waiting for, so a caller out of time can wait again
 * later for just those. When the last round of reads could not reach the API server, {@link #unreachable()}
 * says why ({@code cluster unreachable: ...}): the objects it could not read are Progressing, never Missing.
 */
public record HealthReport(List<ObjectHealth> objects, boolean deadlinePassed, Instant assessedAt,
    String unreachable) {

  public HealthReport {
    objects = List.copyOf(objects);
    Objects.requireNonNull(assessedAt, "assessedAt");
  }

  /** A report whose reads all reached the server. */
  public HealthReport(List<ObjectHealth> objects, boolean deadlinePassed, Instant assessedAt) {
    this(objects, deadlinePassed, assessedAt, null);
  }

  /** The least healthy status of all objects; {@link HealthStatus#HEALTHY} when there are none. */
  public HealthStatus aggregate() {
    return HealthStatus.worst(objects.stream().map(ObjectHealth::status).toList());
  }

  /** The objects still Progressing: the ones a later wait should continue with. */
  public List<ObjectRef> progressing() {
    return objects.stream().filter(o -> !o.health().isTerminal()).map(ObjectHealth::ref).toList();
  }

  /**
   * The objects still Progressing, each named with its health's message, at most {@code max} of them and how
   * many more: what a sync waiting on them says it waits for.
   */
  public String describeProgressing(int max) {
    List<ObjectHealth> waiting = objects.stream().filter(o -> !o.health().isTerminal()).toList();
    String shown = waiting.stream().limit(max)
        .map(o -> o.ref() + (o.health().message().isEmpty() ? "" : " (" + o.health().message() + ")"))
        .collect(Collectors.joining(", "));
    return waiting.size() > max ? shown + " and " + (waiting.size() - max) + " more" : shown;
  }

  /** True when no object is still Progressing (each is Healthy or in another terminal state). */
  public boolean isSettled() {
    return objects.stream().allMatch(o -> o.health().isTerminal());
  }

  /** The objects whose status is the given one. */
  public List<ObjectHealth> withStatus(HealthStatus status) {
    return objects.stream().filter(o -> o.status() == status).toList();
  }

  public Optional<Health> healthOf(ObjectRef ref) {
    return objects.stream().filter(o -> o.ref().equals(ref)).map(ObjectHealth::health).findFirst();
  }

  @Override
  public String toString() {
    return aggregate().displayName() + " (" + objects.size() + " objects, " + progressing().size()
        + " progressing" + (deadlinePassed ? ", deadline passed" : "") + (unreachable == null ? "" : ", " + unreachable)
        + ")";
  }
}
