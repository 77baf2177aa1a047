package dev.driftless.state;

import static dev.driftless.state.Items.key;
import static dev.driftless.state.Items.s;

import dev.driftless.appset.ApplicationSet;
import dev.driftless.appset.ApplicationSetParser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Registered ApplicationSets: {@code APPSET#<name>} / {@code SPEC} holds the document as given with a version, the
 * index partition {@code APPSETS} lists the names, and {@code APPSETS_ON#<repository>} / {@code APPSET#<name>} lists
 * the sets whose Git generators read a repository, for pushes to it.
 */
public final class ApplicationSetStore {

  private static final String REPO_INDEX = "APPSETS_ON#";

  /** A set as stored: its parsed form, the document and its version. */
  public record Stored(ApplicationSet set, String document, long version) {}

  /** One page of names and the token for the next page (null at the end). */
  public record Page(List<String> names, String next) {}

  private final DynamoDbClient ddb;
  private final String table;
  private final VersionedDocuments documents;
  private final ApplicationSetParser parser = new ApplicationSetParser();

  public ApplicationSetStore(DynamoDbClient ddb, String table, Clock clock) {
    this.ddb = ddb;
    this.table = table;
    this.documents = new VersionedDocuments(ddb, table, clock, "applicationset", "APPSET#", "APPSETS");
  }

  /** Creates (0) or updates (the stored version) a set; an invalid document is refused before any write. */
  public long put(String document, String origin, long expectedVersion) {
    ApplicationSet set = parser.parse(document, origin);
    Set<String> repos = repositories(set);
    List<TransactWriteItem> writes = new ArrayList<>();
    repos.forEach(r -> writes.add(TransactWriteItem.builder().put(p -> p.tableName(table)
        .item(key(REPO_INDEX + r, "APPSET#" + set.name()))).build()));
    if (expectedVersion != 0) {
      get(set.name()).ifPresent(old -> repositories(old.set()).stream().filter(r -> !repos.contains(r))
          .forEach(r -> writes.add(TransactWriteItem.builder().delete(d -> d.tableName(table)
              .key(key(REPO_INDEX + r, "APPSET#" + set.name()))).build())));
    }
    return documents.put(set.name(), document, Map.of(), expectedVersion, writes);
  }

  public Optional<Stored> get(String name) {
    return documents.get(name).map(f -> new Stored(parser.parse(f.document(), "applicationset " + name),
        f.document(), f.version()));
  }

  public void delete(String name) {
    List<TransactWriteItem> writes = new ArrayList<>();
    get(name).ifPresent(old -> repositories(old.set()).forEach(r -> writes.add(TransactWriteItem.builder()
        .delete(d -> d.tableName(table).key(key(REPO_INDEX + r, "APPSET#" + name))).build())));
    writes.add(TransactWriteItem.builder().delete(d -> d.tableName(table).key(key("APPSET#" + name, "STATUS")))
        .build());
    documents.delete(name, null, writes);
  }

  public Page list(String pageToken, int limit) {
    VersionedDocuments.Names page = documents.list(pageToken, limit);
    return new Page(page.names(), page.next());
  }

  /** The sets whose Git generators read {@code repoURL}. */
  public List<String> byRepository(String repoURL) {
    List<String> out = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      QueryResponse r = ddb.query(q -> q.tableName(table).keyConditionExpression("pk = :p")
          .expressionAttributeValues(Map.of(":p", s(REPO_INDEX + ApplicationStore.normalizeRepo(repoURL))))
          .exclusiveStartKey(from));
      r.items().forEach(i -> out.add(i.get("sk").s().substring("APPSET#".length())));
      start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
    } while (start != null);
    return out;
  }

  /** How the last evaluation of a set ended: when, and what it changed or why it failed (never a value). */
  public record Evaluation(String at, boolean failed, String message) {}

  /** Records how an evaluation ended, beside the set (its document and version are not touched). */
  public void recordEvaluation(String name, Evaluation e) {
    ddb.putItem(r -> r.tableName(table).item(Map.of("pk", s("APPSET#" + name), "sk", s("STATUS"), "at", s(e.at()),
        "failed", AttributeValue.fromBool(e.failed()), "message", s(e.message()))));
  }

  public Optional<Evaluation> lastEvaluation(String name) {
    Map<String, AttributeValue> i = ddb.getItem(r -> r.tableName(table).key(key("APPSET#" + name, "STATUS"))).item();
    if (i == null || i.isEmpty()) return Optional.empty();
    return Optional.of(new Evaluation(Items.str(i, "at"), i.get("failed") != null && i.get("failed").bool(),
        Items.str(i, "message")));
  }

  /** The normalised repositories a set's Git generators read, however deep they are nested. */
  static Set<String> repositories(ApplicationSet set) {
    Set<String> out = new TreeSet<>();
    set.generators().forEach(g -> g.findValues("git").forEach(git -> {
      if (git.path("repoURL").isTextual() && !git.path("repoURL").asText().contains("{{")) {
        out.add(ApplicationStore.normalizeRepo(git.path("repoURL").asText()));
      }
    }));
    return out;
  }
}
