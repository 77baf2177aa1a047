package dev.driftless.apply;

import dev.driftless.model.ObjectKey;
import dev.driftless.model.Redaction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plan or the result of a sync: one {@link Change} per object. Drift scans stop at the plan; syncs
 * apply it and get back the same type with each change's outcome filled in.
 */
public record ChangeSet(List<Change> changes) {

  public ChangeSet {
    changes = List.copyOf(changes);
  }

  public Map<Action, Integer> countsByAction() {
    Map<Action, Integer> counts = new EnumMap<>(Action.class);
    for (Change c : changes) counts.merge(c.action(), 1, Integer::sum);
    return Collections.unmodifiableMap(counts);
  }

  public int count(Action a) {
    return countsByAction().getOrDefault(a, 0);
  }

  /** True when nothing is to be created, configured or pruned. */
  public boolean inSync() {
    return changes.stream().noneMatch(c -> c.action().isDrift());
  }

  public boolean failed() {
    return changes.stream().anyMatch(c -> c.outcome().isFailure());
  }

  public List<Change> failures() {
    return changes.stream().filter(c -> c.outcome().isFailure()).toList();
  }

  public List<Change> with(Action a) {
    return changes.stream().filter(c -> c.action() == a).toList();
  }

  public Optional<Change> find(ObjectKey key) {
    return changes.stream().filter(c -> c.key().equals(key)).findFirst();
  }

  /** The same changes with every diff and message passed through {@code redaction}. */
  public ChangeSet redacted(Redaction redaction) {
    return redaction == Redaction.NONE ? this : new ChangeSet(changes.stream().map(c -> c.redacted(redaction)).toList());
  }

  public ChangeSet plus(List<Change> more) {
    List<Change> all = new ArrayList<>(changes);
    all.addAll(more);
    return new ChangeSet(all);
  }

  /** One line per change that writes, then counts: what a CLI or a log shows. */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    for (Change c : changes) {
      if (c.action() != Action.UNCHANGED) sb.append(c).append('\n');
    }
    sb.append(countsByAction());
    return sb.toString();
  }
}
