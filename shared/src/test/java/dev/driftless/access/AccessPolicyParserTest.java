package dev.driftless.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AccessPolicyParserTest {

  private final AccessPolicyParser parser = new AccessPolicyParser();

  private void refused(String doc, String message) {
    assertThatThrownBy(() -> parser.parse(doc)).isInstanceOf(InvalidAccessPolicyException.class).hasMessage(message);
  }

  @Test
  void readsBindingsFromYamlAndJson() {
    AccessPolicy p = parser.parse("""
        bindings:
          - principal: arn:aws:iam::111122223333:role/platform-*
            role: admin
          - principal: arn:aws:iam::111122223333:role/team-a-ci
            role: deployer
            projects: [team-a, shared-*]
        """);
    assertThat(p.bindings()).hasSize(2);
    assertThat(p.hasAdmin()).isTrue();
    assertThat(p.bindings().get(1).role()).isEqualTo(Role.DEPLOYER);
    assertThat(p.bindings().get(1).projectNames()).containsExactly("team-a", "shared-*");
    assertThat(parser.parse("{\"bindings\": []}").bindings()).isEmpty();
  }

  @Test
  void errorsNameTheField() {
    refused("bindings:\n  - {principal: 'arn:aws:iam::1:root', role: admin}\n  - {principal: x, role: viewer, "
        + "projects: [a]}", "bindings[1].principal must be an IAM ARN (arn:aws:iam::ACCOUNT:role/NAME, :user/NAME or "
        + ":root) or *, not x");
    refused("bindings:\n  - {principal: '*', role: owner, projects: [a]}",
        "bindings[0].role must be admin, project-admin, deployer or viewer, not owner");
    refused("bindings:\n  - {principal: '*', role: viewer}",
        "bindings[0].projects is required for role viewer: a list of project names or globs");
    refused("bindings:\n  - {principal: '*', role: admin, projects: [a]}",
        "bindings[0].projects must be absent for role admin (admin holds every project)");
    refused("bindings:\n  - {principal: '*', role: viewer, projects: ['Team A']}",
        "bindings[0].projects[0] must be a project name or a glob of one (lowercase letters, digits, '-' and '*'), "
            + "not \"Team A\"");
    refused("bindings:\n  - {principal: '*', role: viewer, project: [a]}",
        "bindings[0].project is not a known field (known: principal, projects, role)");
    refused("binding: []", "binding is not a known field (known: bindings)");
    refused("bindings: {}", "bindings is required: a list of {principal, role, projects}");
    refused("bindings: [", "access policy is not valid YAML or JSON at line 1");
    refused("bindings:\n  - {role: viewer, projects: [a]}", "bindings[0].principal is required");
  }
}
