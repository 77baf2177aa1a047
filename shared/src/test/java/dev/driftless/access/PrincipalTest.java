package dev.driftless.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrincipalTest {

  @Test
  void anAssumedRoleSessionResolvesToItsRoleWithoutPath() {
    assertThat(Principal.resolve("arn:aws:sts::111122223333:assumed-role/team-a-ci/gh-run-42").arn())
        .isEqualTo("arn:aws:iam::111122223333:role/team-a-ci");
    assertThat(Principal.resolve("arn:aws-cn:sts::111122223333:assumed-role/ops/ada@example.com").arn())
        .isEqualTo("arn:aws-cn:iam::111122223333:role/ops");
  }

  @Test
  void aRoleArnLosesItsPathAndUsersAndRootStayAsGiven() {
    assertThat(Principal.resolve("arn:aws:iam::111122223333:role/ci/deploy/team-a-ci").arn())
        .isEqualTo("arn:aws:iam::111122223333:role/team-a-ci");
    assertThat(Principal.resolve("arn:aws:iam::111122223333:user/dev/ada").arn())
        .isEqualTo("arn:aws:iam::111122223333:user/dev/ada");
    assertThat(Principal.resolve("arn:aws:iam::111122223333:root").arn()).isEqualTo("arn:aws:iam::111122223333:root");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "anonymous", "AROAEXAMPLE:session", "arn:aws:sts::111122223333:federated-user/bob",
      "arn:aws:sts::1111:assumed-role/r/s", "arn:aws:iam::111122223333:role/", "arn:aws:iam::111122223333:user/a b",
      "arn:aws:sts::111122223333:assumed-role/only-role", "arn:evil:iam::111122223333:root",
      "arn:aws:iam::111122223333:root/extra", "arn:aws:iam::111122223333:role/a*"})
  void anythingUnparsableIsAnonymousAndMatchesNoBinding(String caller) {
    Principal p = Principal.resolve(caller);
    assertThat(p.anonymous()).isTrue();
    assertThat(PrincipalPattern.parse("*").matches(p)).isFalse();
  }

  @Test
  void aPathedRoleBindingMatchesTheAssumedRoleOfThatNameOnly() {
    PrincipalPattern pathed = PrincipalPattern.parse("arn:aws:iam::111122223333:role/some/path/deployer");
    assertThat(pathed.matches(Principal.resolve("arn:aws:sts::111122223333:assumed-role/deployer/s1"))).isTrue();
    assertThat(pathed.matches(Principal.resolve("arn:aws:sts::111122223333:assumed-role/deployer2/s1"))).isFalse();
    assertThat(pathed.matches(Principal.resolve("arn:aws:sts::999999999999:assumed-role/deployer/s1"))).isFalse();
    assertThat(pathed.matches(Principal.resolve("arn:aws:iam::111122223333:user/some/path/deployer"))).isFalse();
  }

  @Test
  void globsMatchRoleNamesWhateverTheirPathAndNeverCrossAccountsOrKinds() {
    PrincipalPattern platform = PrincipalPattern.parse("arn:aws:iam::111122223333:role/platform-*");
    assertThat(platform.matches(Principal.resolve("arn:aws:sts::111122223333:assumed-role/platform-ops/x1"))).isTrue();
    assertThat(platform.matches(Principal.resolve("arn:aws:iam::111122223333:role/p/platform-ops"))).isTrue();
    assertThat(platform.matches(Principal.resolve("arn:aws:sts::111122223334:assumed-role/platform-ops/x1")))
        .isFalse();
    assertThat(platform.matches(Principal.resolve("arn:aws:iam::111122223333:user/platform-ops"))).isFalse();
    PrincipalPattern users = PrincipalPattern.parse("arn:aws:iam::111122223333:user/*");
    assertThat(users.matches(Principal.resolve("arn:aws:iam::111122223333:user/dev/ada"))).isTrue();
    assertThat(users.matches(Principal.resolve("arn:aws:iam::111122223333:root"))).isFalse();
  }

  @Test
  void onlyStarIsAGlobInAPrincipalPatternSoItMatchesNoMoreThanItsText() {
    Principal ciA = Principal.resolve("arn:aws:iam::111122223333:role/ci-a");
    assertThat(PrincipalPattern.parse("arn:aws:iam::111122223333:role/ci-?").matches(ciA)).isFalse();
    assertThat(PrincipalPattern.parse("arn:aws:iam::111122223333:role/ci-[ab]").matches(ciA)).isFalse();
    assertThat(PrincipalPattern.parse("arn:aws:iam::111122223333:role/{ci-a,ops}").matches(ciA)).isFalse();
    assertThat(PrincipalPattern.parse("arn:aws:iam::111122223333:role/ci-*").matches(ciA)).isTrue();
  }

  @Test
  void aGlobInOrAfterARolePathIsRefusedBecauseItWouldMatchRolesOutsideThePath() {
    assertThatThrownBy(() -> PrincipalPattern.parse("arn:aws:iam::111122223333:role/team-a/*"))
        .isInstanceOf(InvalidAccessPolicyException.class)
        .hasMessageContaining("role path cannot hold or precede a glob");
    assertThatThrownBy(() -> PrincipalPattern.parse("arn:aws:iam::111122223333:role/te*/ci"))
        .hasMessageContaining("role path cannot hold or precede a glob");
  }

  @Test
  void sessionsAndNonIamArnsAreRefusedAsBindingPrincipals() {
    assertThatThrownBy(() -> PrincipalPattern.parse("arn:aws:sts::111122223333:assumed-role/ci/s"))
        .hasMessageStartingWith("name the role (arn:aws:iam::111122223333:role/NAME)");
    assertThatThrownBy(() -> PrincipalPattern.parse("arn:aws:s3:::bucket/x")).hasMessageContaining("IAM ARN");
    assertThatThrownBy(() -> PrincipalPattern.parse("team-a")).hasMessageContaining("must be an IAM ARN");
  }
}
