package dev.driftless.functions;

import dev.driftless.feedback.AppPlan;
import dev.driftless.feedback.PlanComment;
import dev.driftless.feedback.PlanComments;
import dev.driftless.model.Application;
import dev.driftless.model.DriftlessException;
import dev.driftless.project.ProjectViolationException;
import dev.driftless.project.Violation;
import dev.driftless.reconcile.Preview;
import dev.driftless.reconcile.Reconciler;
import dev.driftless.state.ApplicationStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans a pull request's head for each Application its message names, read-only ({@link Reconciler#preview}: no
 * lease, no status, no history, secret values masked), and keeps the plan as one comment on the pull request. An
 * Application no longer registered, or no longer on the message's repository, is left out. A project refusal is
 * listed as violations; any other failure to plan (a render error, the server rejecting the dry run) as a
 * rejection, with its already masked message.
 */
final class PullRequestPlans {

  private final Reconciler reconciler;
  private final ApplicationStore applications;
  private final PlanComments comments;

  PullRequestPlans(Reconciler reconciler, ApplicationStore applications, PlanComments comments) {
    this.reconciler = reconciler;
    this.applications = applications;
    this.comments = comments;
  }

  PlanComments.Posted run(PlanMessage msg) {
    String repo = ApplicationStore.normalizeRepo(msg.repository());
    List<AppPlan> plans = new ArrayList<>();
    for (String name : msg.applications()) {
      Optional<Application> app = applications.get(name).map(ApplicationStore.Stored::application)
          .filter(a -> a.sources().stream().anyMatch(s -> ApplicationStore.normalizeRepo(s.repoURL()).equals(repo)));
      app.filter(a -> touched(a, msg.head())).ifPresent(a -> plans.add(plan(a, msg.head())));
    }
    return comments.post(msg.repository(), msg.number(), PlanComment.render(msg.head(), plans, PlanComment.LIMIT));
  }

  private AppPlan plan(Application app, String head) {
    String cluster = app.destination().cluster();
    try {
      Preview p = reconciler.preview(app.name(), head);
      return new AppPlan(app.name(), cluster, p.changes(), texts(p.violations()), List.of());
    } catch (ProjectViolationException e) {
      return new AppPlan(app.name(), cluster, null, texts(e.violations()), List.of());
    } catch (DriftlessException e) {
      return AppPlan.rejected(app.name(), cluster, e.getMessage());
    }
  }

  /** Whether the head changes what the Application renders from; planned when that cannot be told. */
  private boolean touched(Application app, String head) {
    try {
      return reconciler.touches(app.name(), head);
    } catch (RuntimeException e) {
      return true; // the plan itself names what fails
    }
  }

  private static List<String> texts(List<Violation> violations) {
    return violations.stream().map(Violation::toString).toList();
  }
}
