package dev.driftless.state;

import static dev.driftless.state.Items.key;
import static dev.driftless.state.Items.s;

import dev.driftless.cluster.ClusterRegistration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Cluster registrations: references only (server, CA, auth method, secret id), never credentials. */
public final class ClusterStore {

  private final DynamoDbClient ddb;
  private final String table;

  public ClusterStore(DynamoDbClient ddb, String table) {
    this.ddb = ddb;
    this.table = table;
  }

  public void put(ClusterRegistration c) {
    Map<String, AttributeValue> i = new HashMap<>(key("CLUSTER#" + c.name(), "SPEC"));
    i.put("auth", s(c.auth().name()));
    Items.putIf(i, "server", c.server());
    Items.putIf(i, "caData", c.caData());
    Items.putIf(i, "secretId", c.secretId());
    Items.putIf(i, "eksClusterName", c.eksClusterName());
    Items.putIf(i, "roleArn", c.roleArn());
    Items.putIf(i, "region", c.region());
    if (!c.labels().isEmpty()) {
      Map<String, AttributeValue> labels = new HashMap<>();
      c.labels().forEach((k, v) -> labels.put(k, s(v)));
      i.put("labels", AttributeValue.fromM(labels));
    }
    ddb.putItem(r -> r.tableName(table).item(i));
    ddb.putItem(r -> r.tableName(table).item(Map.of("pk", s("CLUSTERS"), "sk", s(c.name()))));
  }

  public Optional<ClusterRegistration> get(String name) {
    Map<String, AttributeValue> i = ddb.getItem(r -> r.tableName(table).key(key("CLUSTER#" + name, "SPEC"))
        .consistentRead(true)).item();
    if (i == null || i.isEmpty()) return Optional.empty();
    return Optional.of(new ClusterRegistration(name, Items.str(i, "server"), Items.str(i, "caData"),
        ClusterRegistration.Auth.valueOf(Items.str(i, "auth").toUpperCase(Locale.ROOT)), Items.str(i, "secretId"),
        Items.str(i, "eksClusterName"), Items.str(i, "roleArn"), Items.str(i, "region"), labels(i)));
  }

  private static Map<String, String> labels(Map<String, AttributeValue> item) {
    AttributeValue v = item.get("labels");
    Map<String, String> out = new HashMap<>();
    if (v != null && v.hasM()) v.m().forEach((k, x) -> out.put(k, x.s()));
    return out;
  }

  public List<String> names() {
    return ddb.query(q -> q.tableName(table).keyConditionExpression("pk = :p")
        .expressionAttributeValues(Map.of(":p", s("CLUSTERS")))).items().stream().map(i -> i.get("sk").s()).toList();
  }

  /**
   * What the scans last found of a cluster: whether they reached it (null: none recorded yet), why not, its
   * Kubernetes version (the last one seen, kept while it is unreachable), and when this last changed.
   */
  public record Reachability(Boolean reachable, String unreachable, String version, Instant checkedAt) {
    static final Reachability UNKNOWN = new Reachability(null, null, null, null);
  }

  /** What the scans last found of the cluster. */
  public Reachability reachability(String name) {
    Map<String, AttributeValue> i = ddb.getItem(r -> r.tableName(table).key(key("CLUSTER#" + name, "REACH"))).item();
    if (i == null || i.isEmpty()) return Reachability.UNKNOWN;
    String why = Items.str(i, "unreachable");
    String since = Items.str(i, "since");
    return new Reachability(why == null, why, Items.str(i, "version"), since == null ? null : Instant.parse(since));
  }

  /** Why the last scan of the cluster could not reach it (empty: it could, or none recorded). */
  public Optional<String> unreachable(String name) {
    return Optional.ofNullable(reachability(name).unreachable());
  }

  /**
   * Records once per cluster, not per Application, that a scan could not reach it ({@code why}), or that it can
   * ({@code why} null) and serves Kubernetes {@code version} (null: not known, the last one seen is kept); written
   * only when one of them changes, so a scan that finds the cluster as before writes nothing.
   */
  public void recordReachability(String name, String why, String version, Instant at) {
    Reachability before = reachability(name);
    String keptVersion = version == null ? before.version() : version;
    if (before.reachable() != null && Objects.equals(before.unreachable(), why)
        && Objects.equals(before.version(), keptVersion)) {
      return;
    }
    Map<String, AttributeValue> i = new HashMap<>(key("CLUSTER#" + name, "REACH"));
    Items.putIf(i, "unreachable", why);
    Items.putIf(i, "version", keptVersion);
    i.put("since", s(at.toString()));
    ddb.putItem(r -> r.tableName(table).item(i));
  }

  public void delete(String name) {
    ddb.deleteItem(r -> r.tableName(table).key(key("CLUSTER#" + name, "REACH")));
    ddb.deleteItem(r -> r.tableName(table).key(key("CLUSTER#" + name, "SPEC")));
    ddb.deleteItem(r -> r.tableName(table).key(key("CLUSTERS", name)));
  }
}
