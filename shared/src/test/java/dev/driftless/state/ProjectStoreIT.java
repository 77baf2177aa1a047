package dev.driftless.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.fixture.TestClock;
import dev.driftless.project.InvalidProjectException;
import dev.driftless.project.Project;
import dev.driftless.project.ProjectNotFoundException;
import dev.driftless.project.Projects;
import dev.driftless.testkit.LocalAws;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@LocalAws
class ProjectStoreIT {

  private final DynamoDbClient ddb = DynamoDbClient.create();
  private final TestClock clock = new TestClock(Instant.parse("2026-12-06T07:00:00Z"));
  private ProjectStore projects;

  private static String doc(String name, String namespace) {
    return """
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata: {name: %s}
        spec:
          sourceRepos: ['*']
          destinations: [{name: c1, namespace: %s}]
          roles: [{name: viewer, policies: ['p, proj:%s:viewer, applications, get, %s/*, allow']}]
        """.formatted(name, namespace, name, name);
  }

  @BeforeEach
  void table() {
    String table = "projects-" + UUID.randomUUID();
    StateTable.create(ddb, table);
    projects = new ProjectStore(ddb, table, clock);
  }

  @Test
  void projectsAreStoredAsGivenWithOptimisticLocking() {
    assertThat(projects.put(doc("team-a", "team-a"), "team-a.yaml", 0)).isEqualTo(1);
    assertThatThrownBy(() -> projects.put(doc("team-a", "other"), "team-a.yaml", 0))
        .isInstanceOf(ConflictException.class).hasMessage("project team-a: expected version 0 but found 1");
    assertThat(projects.put(doc("team-a", "team-a-v2"), "team-a.yaml", 1)).isEqualTo(2);
    assertThatThrownBy(() -> projects.put(doc("team-a", "x"), "team-a.yaml", 1))
        .hasMessage("project team-a: expected version 1 but found 2");

    ProjectStore.Stored stored = projects.get("team-a").orElseThrow();
    assertThat(stored.version()).isEqualTo(2);
    assertThat(stored.document()).as("the document as given, unenforced roles included").isEqualTo(
        doc("team-a", "team-a-v2"));
    assertThat(stored.project().destinations()).extracting(Project.Destination::namespace).containsExactly("team-a-v2");
  }

  @Test
  void anInvalidProjectIsRefusedAndNothingIsWritten() {
    assertThatThrownBy(() -> projects.put(doc("team-a", "team-a").replace("sourceRepos: ['*']", "sourceRepos: 3"),
        "team-a.yaml", 0)).isInstanceOf(InvalidProjectException.class)
        .hasMessage("team-a.yaml: spec.sourceRepos must be a list of strings");
    assertThat(projects.get("team-a")).isEmpty();
    assertThat(projects.list(null, 10).names()).isEmpty();
  }

  @Test
  void projectsAreListedPageByPageAndDeletedWithTheirIndexEntry() {
    for (String name : List.of("c", "a", "b")) {
      projects.put(doc(name, name), name, 0);
    }
    List<String> seen = new ArrayList<>();
    String token = null;
    do {
      ProjectStore.Page page = projects.list(token, 2);
      seen.addAll(page.names());
      token = page.next();
    } while (token != null);
    assertThat(seen).containsExactly("a", "b", "c");

    projects.delete("b");
    assertThat(projects.get("b")).isEmpty();
    assertThat(projects.list(null, 10).names()).containsExactly("a", "c");
  }

  @Test
  void theLookupReadsProjectsFreshAndFallsBackToTheImplicitDefault() {
    Projects permissive = new Projects(projects, Projects.ImplicitDefault.PERMISSIVE);
    Projects restricted = new Projects(projects, Projects.ImplicitDefault.RESTRICTED);

    assertThat(permissive.get("default").sourceRepos()).containsExactly("*");
    assertThat(restricted.get("default").sourceRepos()).isEmpty();
    assertThatThrownBy(() -> permissive.get("team-z")).isInstanceOf(ProjectNotFoundException.class)
        .hasMessage("project team-z does not exist");

    projects.put(doc("default", "only-this"), "default.yaml", 0);
    assertThat(restricted.get("default").destinations()).as("a stored default replaces the implicit one")
        .extracting(Project.Destination::namespace).containsExactly("only-this");
    projects.put(doc("default", "changed"), "default.yaml", 1);
    assertThat(permissive.get("default").destinations()).extracting(Project.Destination::namespace)
        .containsExactly("changed");
  }
}
