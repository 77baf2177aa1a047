package dev.driftless.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RoleTest {

  private static Set<String> held(Role r) {
    return Arrays.stream(Permission.values()).filter(r::holds).map(Permission::toString).collect(Collectors.toSet());
  }

  @Test
  void viewerReadsApplicationsHistoryProjectsAndClustersButNotDiffs() {
    assertThat(held(Role.VIEWER)).containsExactlyInAnyOrder("applications/get", "applications/history",
        "projects/get", "clusters/get");
  }

  @Test
  void deployerAddsDiffSyncAndRollback() {
    assertThat(held(Role.DEPLOYER)).containsExactlyInAnyOrder("applications/get", "applications/history",
        "projects/get", "clusters/get", "applications/diff", "applications/sync", "applications/rollback");
  }

  @Test
  void projectAdminManagesApplicationsAndUpdatesItsProjectButNeverClustersProjectsListOrPolicy() {
    assertThat(held(Role.PROJECT_ADMIN)).containsExactlyInAnyOrder("applications/get", "applications/history",
        "projects/get", "clusters/get", "applications/diff", "applications/sync", "applications/rollback",
        "applications/create", "applications/update", "applications/delete", "projects/update");
  }

  @Test
  void adminHoldsEverything() {
    assertThat(EnumSet.allOf(Permission.class)).allMatch(Role.ADMIN::holds);
  }
}
