package dev.driftless.state;

import dev.driftless.project.Project;
import dev.driftless.project.ProjectParser;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Registered AppProjects: {@code PROJECT#<name>} / {@code SPEC} holds the document as given (Argo CD or Driftless
 * form), parsed on read, with a version for optimistic locking; the index partition {@code PROJECTS} lists the
 * names page by page.
 */
public final class ProjectStore {

  /**
   * A project as stored: its parsed form, the document it came from, its version, and what registered it
   * ({@code application/<parent>} for one an app of apps renders; null when a user did).
   */
  public record Stored(Project project, String document, long version, String owner) {}

  /** One page of names and the token for the next page (null at the end). */
  public record Page(List<String> names, String next) {}

  private final VersionedDocuments documents;
  private final ProjectParser parser = new ProjectParser();

  public ProjectStore(DynamoDbClient ddb, String table, Clock clock) {
    this.documents = new VersionedDocuments(ddb, table, clock, "project", "PROJECT#", "PROJECTS");
  }

  /**
   * Creates (expectedVersion 0) or updates (expectedVersion = the stored version) a project; returns the new
   * version. An invalid document is refused before anything is written; a lost race is a
   * {@link ConflictException} naming the version found.
   */
  public long put(String document, String origin, long expectedVersion) {
    return put(document, origin, expectedVersion, null);
  }

  /** As above, for a project that {@code owner} registers (null: a user), listed in the owner's index. */
  public long put(String document, String origin, long expectedVersion, String owner) {
    Project project = parser.parse(document, origin);
    return documents.put(project.name(), document, Map.of(), expectedVersion, List.of(), owner);
  }

  /** The names of the projects that {@code owner} registered, in name order. */
  public List<String> ownedBy(String owner) {
    return documents.ownedBy(owner);
  }

  public Optional<Stored> get(String name) {
    return documents.get(name).map(found -> new Stored(parser.parse(found.document(), "project " + name),
        found.document(), found.version(), found.owner()));
  }

  public void delete(String name) {
    documents.delete(name, get(name).map(Stored::owner).orElse(null), List.of());
  }

  /** One page of project names, in name order. */
  public Page list(String pageToken, int limit) {
    VersionedDocuments.Names page = documents.list(pageToken, limit);
    return new Page(page.names(), page.next());
  }
}
