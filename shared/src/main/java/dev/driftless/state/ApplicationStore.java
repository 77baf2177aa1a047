package dev.driftless.state;

import static dev.driftless.state.Items.key;
import static dev.driftless.state.Items.s;

import dev.driftless.model.Application;
import dev.driftless.model.ApplicationParser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Registered Applications: the document as given (Driftless or Argo CD form) with a version for optimistic
 * locking, an index partition ({@code APPS}) listing names for paginated scans, the index from a
 * repository URL to the Applications on it, the index from a project to the Applications that name it, and the
 * index from a destination cluster to the Applications on it ({@code APPS_ON#<cluster>}, for the cluster scan).
 * A write invalidates the Application's scan projection ({@link ScanProjectionCodec}) in the same transaction.
 */
public final class ApplicationStore {

  private static final String PROJECT_INDEX = "APPS_OF#";
  private static final String CLUSTER_INDEX = "APPS_ON#";
  /** Present once every Application registered before the cluster index existed is in it. */
  private static final Map<String, AttributeValue> CLUSTER_INDEX_BUILT = key("INDEX#" + CLUSTER_INDEX, "BUILT");

  /**
   * An Application as stored: its parsed form, the document it came from, its version, and what registered it
   * ({@code application/<parent>} for a child of an app of apps; null when a user did).
   */
  public record Stored(Application application, String document, long version, String owner) {}

  /** One page of names and the token for the next page (null at the end). */
  public record Page(List<String> names, String next) {}

  private final DynamoDbClient ddb;
  private final String table;
  private final VersionedDocuments documents;
  private final ApplicationParser parser = new ApplicationParser();
  private final ApplicationSetStore sets;

  public ApplicationStore(DynamoDbClient ddb, String table, Clock clock) {
    this.ddb = ddb;
    this.table = table;
    this.documents = new VersionedDocuments(ddb, table, clock, "application", "APP#", "APPS");
    this.sets = new ApplicationSetStore(ddb, table, clock);
  }

  /** The ApplicationSets registered in the same table, which own some of these Applications. */
  public ApplicationSetStore sets() {
    return sets;
  }

  /**
   * Creates (expectedVersion 0) or updates (expectedVersion = the stored version) an Application; returns
   * the new version. A lost race is a {@link ConflictException} naming the version found.
   */
  public long put(String document, String origin, long expectedVersion) {
    return put(document, origin, expectedVersion, null);
  }

  /**
   * As above, for an Application that {@code owner} registers (null: a user), listed in the owner's index; the
   * caller has checked, at {@code expectedVersion}, that the stored one (if any) has the same owner.
   */
  public long put(String document, String origin, long expectedVersion, String owner) {
    Application app = parser.parse(document, origin);
    String repo = normalizeRepo(app.source().repoURL());
    Set<String> repos = repositories(app);
    Optional<Stored> previous = expectedVersion == 0 ? Optional.empty() : get(app.name());
    List<TransactWriteItem> writes = new ArrayList<>();
    for (String r : repos) {
      writes.add(TransactWriteItem.builder().put(p -> p.tableName(table)
          .item(Map.of("pk", s("REPO#" + r), "sk", s("APP#" + app.name())))).build());
    }
    previous.map(Stored::application).map(ApplicationStore::repositories).orElse(Set.of()).stream()
        .filter(r -> !repos.contains(r))
        .forEach(old -> writes.add(TransactWriteItem.builder().delete(d -> d.tableName(table)
            .key(key("REPO#" + old, "APP#" + app.name()))).build()));
    writes.add(TransactWriteItem.builder().put(p -> p.tableName(table)
        .item(Map.of("pk", s(PROJECT_INDEX + app.project()), "sk", s("APP#" + app.name())))).build());
    previous.map(Stored::application).map(Application::project).filter(old -> !old.equals(app.project()))
        .ifPresent(old -> writes.add(TransactWriteItem.builder().delete(d -> d.tableName(table)
            .key(key(PROJECT_INDEX + old, "APP#" + app.name()))).build()));
    writes.add(TransactWriteItem.builder().put(p -> p.tableName(table)
        .item(key(CLUSTER_INDEX + app.destination().cluster(), "APP#" + app.name()))).build());
    previous.map(Stored::application).map(a -> a.destination().cluster())
        .filter(old -> !old.equals(app.destination().cluster()))
        .ifPresent(old -> writes.add(TransactWriteItem.builder().delete(d -> d.tableName(table)
            .key(key(CLUSTER_INDEX + old, "APP#" + app.name()))).build()));
    writes.addAll(ScanProjections.moved(table,
        previous.map(st -> st.application().destination().cluster()).orElse(null), app.destination().cluster(),
        app.name()));
    return documents.put(app.name(), document, Map.of("repoURL", s(repo)), expectedVersion, writes, owner);
  }

  /** The owner recorded on the children an app of apps {@code parent} registers. */
  public static String parentOwner(String parent) {
    return "application/" + parent;
  }

  /** The owner recorded on the Applications an ApplicationSet {@code set} generates. */
  public static String setOwner(String set) {
    return "applicationset/" + set;
  }

  /** The names of the Applications that {@code owner} registered, in name order. */
  public List<String> ownedBy(String owner) {
    return documents.ownedBy(owner);
  }

  public Optional<Stored> get(String name) {
    return documents.get(name).map(found -> new Stored(parser.parse(found.document(), "application " + name),
        found.document(), found.version(), found.owner()));
  }

  /** The Application a {@code SPEC} item read elsewhere (a batch) holds; empty when it holds none. */
  Optional<Stored> fromItem(String name, Map<String, AttributeValue> item) {
    String document = Items.str(item, "document");
    if (document == null) return Optional.empty();
    return Optional.of(new Stored(parser.parse(document, "application " + name), document,
        Items.num(item, "version", 0), Items.str(item, "owner")));
  }

  public void delete(String name) {
    List<TransactWriteItem> writes = new ArrayList<>();
    Optional<Stored> stored = get(name);
    stored.ifPresent(st -> {
      for (String repo : repositories(st.application())) {
        writes.add(TransactWriteItem.builder().delete(d -> d.tableName(table)
            .key(key("REPO#" + repo, "APP#" + name))).build());
      }
      writes.add(TransactWriteItem.builder().delete(d -> d.tableName(table)
          .key(key(PROJECT_INDEX + st.application().project(), "APP#" + name))).build());
      writes.add(TransactWriteItem.builder().delete(d -> d.tableName(table)
          .key(key(CLUSTER_INDEX + st.application().destination().cluster(), "APP#" + name))).build());
      writes.add(ScanProjections.removal(table, st.application().destination().cluster(), name));
      writes.add(OperationIndex.removal(table, name));
    });
    documents.delete(name, stored.map(Stored::owner).orElse(null), writes);
  }

  /** One page of Application names, in name order. */
  public Page list(String pageToken, int limit) {
    VersionedDocuments.Names page = documents.list(pageToken, limit);
    return new Page(page.names(), page.next());
  }

  /**
   * Up to {@code limit} Applications that name {@code project}, in name order (those registered since the index
   * {@code APPS_OF#<project>} exists).
   */
  public List<String> byProject(String project, int limit) {
    QueryResponse r = ddb.query(q -> q.tableName(table).keyConditionExpression("pk = :p")
        .expressionAttributeValues(Map.of(":p", s(PROJECT_INDEX + project))).limit(limit));
    return r.items().stream().map(i -> i.get("sk").s().substring("APP#".length())).toList();
  }

  /**
   * One page of the Applications whose destination is {@code cluster}, in name order, from the index
   * {@code APPS_ON#<cluster>}. Applications registered before that index existed are in it once
   * {@link #indexCluster} ran for each (see {@link #clusterIndexBuilt}).
   */
  public Page byCluster(String cluster, String pageToken, int limit) {
    String pk = CLUSTER_INDEX + cluster;
    QueryResponse r = ddb.query(q -> q.tableName(table).keyConditionExpression("pk = :p")
        .expressionAttributeValues(Map.of(":p", s(pk))).limit(limit)
        .exclusiveStartKey(pageToken == null ? null : key(pk, "APP#" + pageToken)));
    List<String> names = r.items().stream().map(i -> i.get("sk").s().substring("APP#".length())).toList();
    String next = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty()
        ? r.lastEvaluatedKey().get("sk").s().substring("APP#".length()) : null;
    return new Page(names, next);
  }

  /** True once every Application registered before the cluster index existed has been added to it. */
  public boolean clusterIndexBuilt() {
    Map<String, AttributeValue> i = ddb.getItem(r -> r.tableName(table).key(CLUSTER_INDEX_BUILT)).item();
    return i != null && !i.isEmpty();
  }

  /** Records that the cluster index lists every Application: {@link #indexCluster} need not run again. */
  public void markClusterIndexBuilt() {
    ddb.putItem(r -> r.tableName(table).item(CLUSTER_INDEX_BUILT));
  }

  /**
   * Adds a stored Application to the index of its destination cluster, in one transaction with a check that
   * its version is still the one read: an update that moved it since wrote its own index item. A missing or
   * changed Application is left alone.
   */
  public void indexCluster(String name) {
    Optional<Stored> found = get(name);
    if (found.isEmpty()) return;
    Stored st = found.get();
    try {
      ddb.transactWriteItems(t -> t.transactItems(
          TransactWriteItem.builder().conditionCheck(c -> c.tableName(table).key(key("APP#" + name, "SPEC"))
              .conditionExpression("version = :v").expressionAttributeValues(Map.of(":v", Items.n(st.version()))))
              .build(),
          TransactWriteItem.builder().put(p -> p.tableName(table)
              .item(key(CLUSTER_INDEX + st.application().destination().cluster(), "APP#" + name))).build()));
    } catch (TransactionCanceledException e) {
      // Changed or deleted since it was read: that write kept the index itself.
    }
  }

  /** The Applications whose source is the given repository. */
  public List<String> byRepository(String repoURL) {
    return Items.queryAll(ddb, q -> q.tableName(table).keyConditionExpression("pk = :p")
        .expressionAttributeValues(Map.of(":p", s("REPO#" + normalizeRepo(repoURL))))).stream()
        .map(i -> i.get("sk").s().substring("APP#".length())).toList();
  }

  /**
   * The one spelling of a repository that every URL form of it shares, used as the index key and in webhook
   * secret names: {@code host/path}, lower-cased as a whole (GitHub, GitLab, Bitbucket and Gitea treat owner
   * and repository names without case), with no scheme, no user or password, no port, no trailing slash and
   * no {@code .git}. So {@code https://GitHub.com/Acme/Deploy.git}, {@code http://github.com/acme/deploy/},
   * {@code git@github.com:acme/deploy.git}, {@code ssh://git@github.com:22/acme/deploy.git} and
   * {@code git://github.com/acme/deploy} all give {@code github.com/acme/deploy}. {@code file:} URLs and
   * plain paths give {@code local/<path>} (lower-cased, without {@code .git}).
   */
  /** Every repository the Application's sources name, normalized: a push to any of them may concern it. */
  private static Set<String> repositories(Application app) {
    Set<String> repos = new LinkedHashSet<>();
    app.sources().forEach(s -> repos.add(normalizeRepo(s.repoURL())));
    return repos;
  }

  public static String normalizeRepo(String url) {
    String u = url.strip();
    String rest;
    int scheme = u.indexOf("://");
    if (scheme > 0 && u.substring(0, scheme).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
      if (u.substring(0, scheme).equalsIgnoreCase("file")) {
        return local(u.substring(scheme + 3));
      }
      rest = u.substring(scheme + 3);
      int slash = rest.indexOf('/');
      String authority = slash < 0 ? rest : rest.substring(0, slash);
      String path = slash < 0 ? "" : rest.substring(slash);
      authority = authority.substring(authority.lastIndexOf('@') + 1);
      int colon = authority.lastIndexOf(':');
      if (colon >= 0 && !authority.endsWith("]")) {
        authority = authority.substring(0, colon);
      }
      rest = authority + path;
    } else if (!u.startsWith("[") && u.matches("(?:[^@/:]+@)?[^/:]+:.*") && !u.matches("[A-Za-z]:[\\\\/].*")) {
      // scp-like ssh: [user@]host:path (a drive letter such as C:\ is a local path, not a host)
      int at = u.indexOf('@');
      int colon = u.indexOf(':', at + 1);
      String path = u.substring(colon + 1);
      rest = u.substring(at + 1, colon) + (path.startsWith("/") ? "" : "/") + path;
    } else if (u.startsWith("/") || u.startsWith("./") || u.startsWith("../") || u.matches("[A-Za-z]:[\\\\/].*")) {
      return local(u);
    } else {
      // Already in the normalised form (host/path or local/path): normalising is idempotent.
      return trimRepoPath(u).toLowerCase(Locale.ROOT);
    }
    return trimRepoPath(rest).toLowerCase(Locale.ROOT);
  }

  /**
   * A repository on the local disk (a {@code file://} URL or a path): {@code local/<path>}, so that both
   * forms agree and the result is a valid Secrets Manager name segment, as host-based forms are.
   */
  private static String local(String path) {
    String p = trimRepoPath(path.replace('\\', '/'));
    while (p.startsWith("/")) p = p.substring(1);
    return ("local/" + p).toLowerCase(Locale.ROOT);
  }

  private static String trimRepoPath(String u) {
    String s = u;
    while (s.endsWith("/")) s = s.substring(0, s.length() - 1);
    if (s.toLowerCase(Locale.ROOT).endsWith(".git")) s = s.substring(0, s.length() - 4);
    while (s.endsWith("/")) s = s.substring(0, s.length() - 1);
    return s;
  }
}
