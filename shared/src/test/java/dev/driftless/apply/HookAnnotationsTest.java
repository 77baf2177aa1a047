package dev.driftless.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.model.ObjectKey;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

/** Helm's hook annotations read as Argo CD reads them, and hooks named by generateName. */
class HookAnnotationsTest {

  private static GenericKubernetesResource job(String metadata) {
    return Serialization.unmarshal("apiVersion: batch/v1\nkind: Job\nmetadata: " + metadata,
        GenericKubernetesResource.class);
  }

  @Test
  void helmInstallAndUpgradeHooksRunAsPreSyncAndPostSync() {
    assertThat(Hooks.phases(job("{name: j, annotations: {helm.sh/hook: 'pre-install,pre-upgrade'}}")))
        .containsExactly(Hooks.Phase.PRE_SYNC);
    assertThat(Hooks.phases(job("{name: j, annotations: {helm.sh/hook: 'post-install, post-upgrade'}}")))
        .containsExactly(Hooks.Phase.POST_SYNC);
  }

  @Test
  void helmTestAndOtherHooksArgoCdHasNoPhaseForNeverRun() {
    for (String hook : new String[] {"test", "test-success", "pre-delete", "post-rollback", "crd-install"}) {
      GenericKubernetesResource obj = job("{name: j, annotations: {helm.sh/hook: " + hook + "}}");
      assertThat(Hooks.isHook(obj)).as(hook).isTrue();
      assertThat(Hooks.runsNever(obj)).as(hook).isTrue();
    }
  }

  @Test
  void anArgoCdHookAnnotationWinsOverHelms() {
    GenericKubernetesResource obj = job("{name: j, annotations: {helm.sh/hook: test, argocd.argoproj.io/hook: Sync}}");
    assertThat(Hooks.phases(obj)).containsExactly(Hooks.Phase.SYNC);
  }

  @Test
  void helmDeletePoliciesMapToArgoCds() {
    assertThat(Hooks.deletePolicies(job("{name: j, annotations: {helm.sh/hook: pre-install, "
        + "helm.sh/hook-delete-policy: 'before-hook-creation,hook-succeeded,hook-failed'}}")))
        .containsExactly(Hooks.DeletePolicy.BEFORE_HOOK_CREATION, Hooks.DeletePolicy.HOOK_SUCCEEDED,
            Hooks.DeletePolicy.HOOK_FAILED);
    assertThatThrownBy(() -> Hooks.deletePolicies(job("{name: j, annotations: {helm.sh/hook: pre-install, "
        + "helm.sh/hook-delete-policy: sometimes}}")))
        .hasMessage("Job j: unknown hook delete policy sometimes in helm.sh/hook-delete-policy");
  }

  @Test
  void helmHookWeightIsTheWaveUnlessASyncWaveIsGiven() {
    ObjectKey key = new ObjectKey("batch", "Job", "x", "j");
    assertThat(SyncOrder.wave(job("{name: j, annotations: {helm.sh/hook-weight: '-5'}}"), key)).isEqualTo(-5);
    assertThat(SyncOrder.wave(job("{name: j, annotations: {helm.sh/hook-weight: '-5', "
        + "argocd.argoproj.io/sync-wave: '2'}}"), key)).isEqualTo(2);
    assertThatThrownBy(() -> SyncOrder.wave(job("{name: j, annotations: {helm.sh/hook-weight: soon}}"), key))
        .hasMessage("Job.batch x/j: helm.sh/hook-weight is not an integer: soon");
  }

  @Test
  void aHookNamedByGenerateNameOnlyIsToldApart() {
    assertThat(Hooks.generatesName(job("{generateName: migrate-, annotations: {argocd.argoproj.io/hook: PreSync}}")))
        .isTrue();
    assertThat(Hooks.generatesName(job("{name: migrate, generateName: migrate-}"))).isFalse();
  }
}
