package dev.driftless.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.apply.Action;
import dev.driftless.apply.Change;
import dev.driftless.apply.ChangeSet;
import dev.driftless.apply.Outcome;
import dev.driftless.model.ObjectKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan comment's body: marker, per-Application summary, folded diffs, escaping and the size bound. */
class PlanCommentTest {

  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

  private static Change change(Action action, String kind, String name, String diff) {
    return new Change(new ObjectKey("", kind, "web", name), "v1", action, Outcome.PLANNED, diff, null, null, null,
        null, 0, false, null);
  }

  @Test
  void startsWithTheMarkerAndSummarisesCountsRejectionsAndViolationsPerApplication() {
    ChangeSet cs = new ChangeSet(List.of(change(Action.CONFIGURE, "ConfigMap", "a", "-x: 1\n+x: 2\n"),
        change(Action.CREATE, "Service", "b", "+kind: Service\n"),
        change(Action.CONFIGURE, "Service", "c", "").with(Outcome.FAILED, "field is immutable", null),
        change(Action.UNCHANGED, "Service", "d", "")));
    String body = PlanComment.render(SHA, List.of(AppPlan.planned("web", "prod", cs),
        AppPlan.refused("ops", "prod", "ClusterRole reader is not permitted by project team")), PlanComment.LIMIT);
    assertThat(body).startsWith(PlanComment.MARKER + "\n");
    assertThat(body).contains("**web** on cluster prod: 1 to create, 2 to configure, 0 to prune, 1 rejected, 0 policy")
        .contains("- rejected: Service web/c: field is immutable")
        .contains("**ops** on cluster prod: no plan, 0 rejected, 1 policy violation(s)")
        .contains("- policy violation: ClusterRole reader is not permitted by project team")
        .contains("<details><summary>web: configure ConfigMap web/a</summary>\n\n```diff\n-x: 1\n+x: 2\n```\n</details>")
        .doesNotContain("Service web/d");
  }

  @Test
  void aDiffHoldingBackticksOrHtmlCannotCloseItsFold() {
    ChangeSet cs = new ChangeSet(List.of(change(Action.CREATE, "ConfigMap", "evil</summary>",
        "+data: \"```\\n</details><img src=x>\"\n")));
    String body = PlanComment.render(SHA, List.of(AppPlan.planned("web", "prod", cs)), PlanComment.LIMIT);
    assertThat(body).contains("<summary>web: create ConfigMap web/evil&lt;/summary&gt;</summary>")
        .contains("\n````diff\n").contains("\n````\n</details>");
  }

  @Test
  void isCutAtTheLimitWithANoteCountingTheDiffsLeftOut() {
    List<Change> many = new ArrayList<>();
    for (int i = 0; i < 50; i++) many.add(change(Action.CREATE, "ConfigMap", "m" + i, "+x\n".repeat(100)));
    String body = PlanComment.render(SHA, List.of(AppPlan.planned("web", "prod", new ChangeSet(many))), 4_000);
    assertThat(body.length()).isLessThanOrEqualTo(4_000);
    assertThat(body).containsPattern("_\\d+ object diff\\(s\\) left out: the comment is cut at 4000 characters");
    assertThat(body).contains("50 to create");
  }
}
