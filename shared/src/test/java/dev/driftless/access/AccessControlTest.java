package dev.driftless.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AccessControlTest {

  private static final String CI = "arn:aws:sts::111122223333:assumed-role/team-a-ci/run-1";
  private static final AccessPolicy POLICY = new AccessPolicyParser().parse("""
      bindings:
        - {principal: "arn:aws:iam::111122223333:role/platform-*", role: admin}
        - {principal: "arn:aws:iam::111122223333:role/team-a-ci", role: deployer, projects: [team-a]}
        - {principal: "arn:aws:iam::111122223333:role/auditor", role: viewer, projects: ["*"]}
      """);

  private static AccessControl control(AccessPolicy policy, String admins) {
    return new AccessControl(() -> policy, () -> { }, AccessControl.bootstrapAdmins(admins));
  }

  @Test
  void aDeployerSyncsInItsProjectOnlyAndTheRefusalNamesWhatIsMissing() {
    AccessControl ac = control(POLICY, null);
    Grants g = ac.grants(CI);
    ac.require(g, List.of(AccessCheck.onProject(Permission.APPLICATIONS_SYNC, "team-a", "application web")));
    assertThatThrownBy(() -> ac.require(g, List.of(AccessCheck.onProject(Permission.APPLICATIONS_CREATE, "team-a",
        "application web")))).isInstanceOf(AccessDeniedException.class)
        .extracting(e -> ((AccessDeniedException) e).missing())
        .isEqualTo("applications/create on project team-a (application web)");
  }

  @Test
  void aRefusalNamesAProjectOnlyToACallerHoldingARoleOnIt() {
    Grants g = control(POLICY, null).grants(CI);
    assertThat(g.missing(AccessCheck.onProject(Permission.APPLICATIONS_GET, "team-b", "application pay")))
        .isEqualTo("applications/get on application pay");
    assertThat(g.missing(AccessCheck.unknownProject(Permission.APPLICATIONS_GET, "application pay")))
        .isEqualTo("applications/get on application pay");
  }

  @Test
  void anObjectOfUnknownProjectPassesOnlyForCallersHoldingThePermissionOnEveryProject() {
    AccessControl ac = control(POLICY, null);
    AccessCheck missing = AccessCheck.unknownProject(Permission.APPLICATIONS_GET, "application nope");
    assertThat(ac.grants(CI).allows(missing)).isFalse();
    assertThat(ac.grants("arn:aws:sts::111122223333:assumed-role/auditor/s1").allows(missing)).isTrue();
    assertThat(ac.grants("arn:aws:sts::111122223333:assumed-role/platform-ops/s1").allows(missing)).isTrue();
  }

  @Test
  void bootstrapAdminsAreAdminsWithoutReadingThePolicy() {
    AccessControl ac = new AccessControl(() -> {
      throw new IllegalStateException("policy read");
    }, () -> { }, AccessControl.bootstrapAdmins(" arn:aws:iam::111122223333:user/root-ops ,arn:aws:iam::1:role/x"));
    Grants g = ac.grants("arn:aws:iam::111122223333:user/root-ops");
    assertThat(g.admin()).isTrue();
    assertThat(g.allows(AccessCheck.global(Permission.ACCESS_UPDATE))).isTrue();
  }

  @Test
  void aMalformedBootstrapAdminEntryIsRefusedNamingTheEntry() {
    assertThatThrownBy(() -> AccessControl.bootstrapAdmins("arn:aws:iam::1:root,bob"))
        .hasMessageStartingWith("DRIFTLESS_ADMINS entry 2: must be an IAM ARN");
  }

  @Test
  void anonymousAndUnboundCallersHoldNothing() {
    AccessControl ac = control(POLICY, null);
    for (String caller : new String[] {null, "garbage", "arn:aws:iam::111122223333:user/nobody"}) {
      Grants g = ac.grants(caller);
      assertThat(g.admin()).isFalse();
      assertThat(g.allows(AccessCheck.global(Permission.CLUSTERS_GET))).isFalse();
    }
  }

  @Test
  void aPolicyWithoutAdminIsALockOutUnlessABootstrapAdminIsSet() {
    AccessPolicy noAdmin = new AccessPolicyParser().parse(
        "bindings: [{principal: '*', role: viewer, projects: ['*']}]");
    assertThatThrownBy(() -> control(POLICY, null).checkNotLockedOut(noAdmin))
        .isInstanceOf(InvalidAccessPolicyException.class)
        .hasMessageStartingWith("bindings: no binding has role admin and no bootstrap admin is set");
    control(POLICY, null).checkNotLockedOut(POLICY);
    control(POLICY, "arn:aws:iam::111122223333:user/root-ops").checkNotLockedOut(noAdmin);
  }
}
