package dev.driftless.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.appset.ApplicationSet;
import dev.driftless.appset.ApplicationSetEvaluator;
import dev.driftless.appset.GeneratorInputs;
import dev.driftless.apply.ChangeSet;
import dev.driftless.cluster.ClusterRegistration;
import dev.driftless.model.Application;
import dev.driftless.model.DesiredObject;
import dev.driftless.model.DriftlessException;
import dev.driftless.project.ProjectRules;
import dev.driftless.source.SourceException;
import dev.driftless.state.ApplicationSetStore;
import dev.driftless.state.ApplicationStore;
import dev.driftless.state.LeaseStore;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Brings an ApplicationSet's Applications in line with what it generates now: runs its generators (a Git
 * generator's repository is checked against the set's project and the source rules before it is fetched), renders
 * the template, and registers, updates or removes the Applications it owns as an app of apps does its children
 * ({@link ChildPlanner}, {@link ChildRegistrar}): each generated Application is checked as an API registration,
 * stays in the set's project, and never takes over another's name. A set that is gone removes all it owned (its
 * objects stay unless the Applications carry the resources finalizer). One evaluation at a time per set: it holds
 * the lease {@code applicationset/<name>} (a name no Application can have).
 */
public final class ApplicationSetSync {

  /** What one evaluation changed; {@code registered} are the Applications to reconcile now. */
  public record Result(String set, ChangeSet changes, List<String> registered) {}

  private final Reconciler.Parts parts;
  private final ReconcilerOptions options;
  private final Clock clock;
  private final ApplicationSetStore sets;

  ApplicationSetSync(Reconciler.Parts parts, ReconcilerOptions options, Clock clock, ApplicationSetStore sets) {
    this.parts = parts;
    this.options = options;
    this.clock = clock;
    this.sets = sets;
  }

  /**
   * Evaluates the set and records how it ended beside it; a failure (a template, a generator, a refused
   * Application) is recorded and thrown, having registered nothing.
   */
  public Result evaluate(String name, Instant deadline) {
    String owner = ApplicationStore.setOwner(name);
    LeaseStore.Lease lease = parts.leases().acquire(owner, "evaluate/" + UUID.randomUUID(), options.leasePeriod());
    try {
      Result r = evaluateHeld(name, owner, deadline);
      if (sets.get(name).isPresent()) {
        sets.recordEvaluation(name, new ApplicationSetStore.Evaluation(clock.instant().toString(),
            r.changes().failed(), r.changes().summary()));
      }
      return r;
    } catch (DriftlessException e) {
      sets.recordEvaluation(name, new ApplicationSetStore.Evaluation(clock.instant().toString(), true,
          e.getMessage()));
      throw e;
    } finally {
      parts.leases().release(lease);
    }
  }

  /** A set that is gone (deleted since this evaluation was queued) prunes what it still owns. */
  private Result evaluateHeld(String name, String owner, Instant deadline) {
    Optional<ApplicationSetStore.Stored> stored = sets.get(name);
    ChildOwner childOwner = stored.map(s -> ChildOwner.of(s.set()))
        .orElseGet(() -> new ChildOwner(owner, "applicationset " + name, name, null, null, true, false, false));
    List<DesiredObject> docs = new ArrayList<>();
    ProjectRules rules = null;
    if (stored.isPresent()) {
      ApplicationSet set = stored.get().set();
      rules = parts.projects().rules(set.project(), parts.secrets().referencePrefix());
      for (ObjectNode app : new ApplicationSetEvaluator(inputs(set, rules)).evaluate(set)) {
        docs.add(DesiredObject.of(Serialization.unmarshal(app.toString(), GenericKubernetesResource.class),
            "applicationset " + name));
      }
    }
    ChildPlan plan = new ChildPlanner(parts).plan(childOwner, rules, null, docs);
    ChangeSet changes = new ChangeSet(new ChildRegistrar(parts, new ResourceDeletion(parts, options, clock))
        .apply(childOwner, plan, deadline));
    return new Result(name, changes, ChildDocuments.registered(changes));
  }

  /**
   * Removes a set: its Applications go first (each with its objects when it carries the resources finalizer and the
   * set does not preserve resources), then the set; a set whose Applications could not all be removed stays, so
   * that removing it again finishes the job.
   */
  public Result delete(String name, Instant deadline) {
    ApplicationSetStore.Stored stored = sets.get(name)
        .orElseThrow(() -> new DriftlessException("applicationset " + name + " is not registered"));
    ChildOwner owner = ChildOwner.of(stored.set());
    LeaseStore.Lease lease = parts.leases().acquire(owner.id(), "delete/" + UUID.randomUUID(), options.leasePeriod());
    try {
      ChildPlan plan = new ChildPlanner(parts).plan(owner, null, null, List.of());
      ChangeSet changes = new ChangeSet(new ChildRegistrar(parts, new ResourceDeletion(parts, options, clock))
          .apply(owner, plan, deadline));
      if (!changes.failed()) sets.delete(name);
      return new Result(name, changes, List.of());
    } finally {
      parts.leases().release(lease);
    }
  }

  private GeneratorInputs inputs(ApplicationSet set, ProjectRules rules) {
    return new GeneratorInputs() {
      @Override
      public List<ClusterRegistration> clusters() {
        List<ClusterRegistration> out = new ArrayList<>();
        for (String c : parts.clusters().names()) parts.clusters().get(c).ifPresent(out::add);
        return out;
      }

      @Override
      public Path checkout(String repoURL, String revision, String credentials) {
        String what = "applicationset " + set.name() + ": git generator " + repoURL;
        if (!rules.sourcePermitted(repoURL)) {
          throw new DriftlessException(what + ": not permitted by sourceRepos of project " + set.project());
        }
        try {
          parts.source().rules().checkRepository(repoURL);
          parts.source().rules().checkCredentialsName(repoURL, credentials);
          return parts.source().fetch(new Application.Source(repoURL, revision, ".", credentials, null, null, null))
              .root();
        } catch (SourceException e) {
          throw new DriftlessException(what + ": " + e.getMessage());
        }
      }
    };
  }
}
