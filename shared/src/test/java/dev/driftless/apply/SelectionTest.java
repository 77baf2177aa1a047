package dev.driftless.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.model.Application;
import dev.driftless.model.ApplicationParser;
import dev.driftless.model.DesiredObject;
import dev.driftless.model.ObjectKey;
import dev.driftless.model.OperationOptions;
import dev.driftless.model.ResourceSelector;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectionTest {

  private static final Application APP = new ApplicationParser().parse("""
      apiVersion: driftless.dev/v1alpha1
      kind: Application
      metadata: {name: web}
      spec:
        source: {repoURL: "https://git.example.com/acme/deploy.git", targetRevision: main, path: apps/web}
        destination: {cluster: c1, namespace: web}
      """, "web.yaml");
  private static final ObjectKey A = new ObjectKey("", "ConfigMap", "web", "a");
  private static final ObjectKey B = new ObjectKey("", "ConfigMap", "web", "b");
  private static final ObjectKey C = new ObjectKey("apps", "Deployment", "web", "c");
  private static final ObjectKey GONE = new ObjectKey("", "ConfigMap", "web", "gone");

  private static Change change(ObjectKey key, Action action) {
    return new Change(key, "v1", action, Outcome.PLANNED, "diff", null, "d", "1", null, 0, false, null);
  }

  private static Plan plan() {
    DesiredObject hook = new DesiredObject(new ObjectKey("batch", "Job", "web", "migrate"),
        new GenericKubernetesResource(), "hook.yaml", "h");
    return new Plan(APP, new ChangeSet(List.of(change(A, Action.CONFIGURE), change(B, Action.CREATE),
        change(C, Action.UNCHANGED), change(GONE, Action.PRUNE))), List.of(hook));
  }

  private static OperationOptions only(ResourceSelector... selected) {
    return new OperationOptions(false, false, List.of(selected));
  }

  @Test
  void onlyTheSelectedObjectsAreWrittenOthersAreSkippedAndNoHookRuns() {
    Plan selected = Selection.of(plan(), only(new ResourceSelector("", "ConfigMap", "", "a")));
    assertThat(selected.changes().find(A).orElseThrow().action()).isEqualTo(Action.CONFIGURE);
    assertThat(selected.changes().find(B).orElseThrow()).satisfies(c -> {
      assertThat(c.action()).isEqualTo(Action.SKIP);
      assertThat(c.message()).isEqualTo("not selected for this sync");
    });
    assertThat(selected.changes().find(C).orElseThrow().action()).isEqualTo(Action.UNCHANGED);
    assertThat(selected.changes().find(GONE).orElseThrow().action()).as("no prune outside the selection")
        .isEqualTo(Action.SKIP);
    assertThat(selected.hooks()).isEmpty();
    assertThat(Selection.leftOutDrift(selected.changes())).isTrue();
  }

  @Test
  void aPruneIsKeptWhenItsObjectIsSelected() {
    Plan selected = Selection.of(plan(), only(new ResourceSelector("", "ConfigMap", "web", "gone"),
        new ResourceSelector("", "ConfigMap", "web", "a"), new ResourceSelector("", "ConfigMap", "web", "b")));
    assertThat(selected.changes().find(GONE).orElseThrow().action()).isEqualTo(Action.PRUNE);
    assertThat(Selection.leftOutDrift(selected.changes())).isFalse();
  }

  @Test
  void aSelectorThatNamesNoObjectFailsThePlan() {
    assertThatThrownBy(() -> Selection.of(plan(), only(new ResourceSelector("", "ConfigMap", "", "a"),
        new ResourceSelector("", "Deployment", "", "c")))).isInstanceOf(PlanException.class)
        .hasMessage("web: :Deployment:c names no object of the application (GROUP:KIND:[NAMESPACE/]NAME, the "
            + "group empty for the core group)");
  }

  @Test
  void withoutASelectionThePlanIsTheSame() {
    Plan all = plan();
    assertThat(Selection.of(all, new OperationOptions(true, false, List.of()))).isSameAs(all);
  }
}
