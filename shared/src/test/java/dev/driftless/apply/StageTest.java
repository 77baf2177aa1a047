package dev.driftless.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StageTest {

  @Test
  void stagesRunPhaseFirstThenWaveWithNegativeWavesBeforeZero() {
    List<Stage> stages = new ArrayList<>(List.of(new Stage(1, 2), new Stage(1, -3), new Stage(0, 5),
        new Stage(1, 0), new Stage(0, -1)));
    stages.sort(null);
    assertThat(stages).containsExactly(new Stage(0, -1), new Stage(0, 5), new Stage(1, -3), new Stage(1, 0),
        new Stage(1, 2));
  }

  @Test
  void changesOfTheSamePhaseAndWaveShareOneStage() {
    Change crd = change("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
        + "metadata: {name: w.e.com, annotations: {argocd.argoproj.io/sync-wave: \"3\"}}");
    Change early = change("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: x, annotations: "
        + "{driftless.dev/sync-wave: \"-1\"}}");
    Change plain = change("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, namespace: x}");
    Change secret = change("apiVersion: v1\nkind: Secret\nmetadata: {name: c, namespace: x}");

    TreeMap<Stage, List<Change>> stages = new TreeMap<>();
    for (Change c : List.of(plain, secret, early, crd)) {
      stages.computeIfAbsent(Stage.of(c), k -> new ArrayList<>()).add(c);
    }

    assertThat(stages.keySet()).containsExactly(new Stage(0, 3), new Stage(1, -1), new Stage(1, 0));
    assertThat(stages.get(new Stage(1, 0))).containsExactly(plain, secret);
  }

  private static Change change(String yaml) {
    var d = Manifests.parse(yaml).get(0);
    return Change.planned(d, Action.CREATE, "", null, SyncOrder.waveOf(d));
  }
}
