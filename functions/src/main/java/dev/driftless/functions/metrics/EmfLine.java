package dev.driftless.functions.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One CloudWatch embedded-metric-format record: metrics that share one set of dimensions, the dimensions' values,
 * and properties (searchable in the log, not metrics: the Application, the operation). CloudWatch Logs turns the
 * line into metrics as it ingests it; no PutMetricData call, no client, no added latency.
 */
public final class EmfLine {

  /** The namespace of every Driftless metric; the CDK app's alarms and dashboard read it. */
  public static final String NAMESPACE = "Driftless";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Instant at;
  private final Map<String, String> dimensions = new LinkedHashMap<>();
  private final Map<String, Unit> units = new LinkedHashMap<>();
  private final Map<String, Long> values = new LinkedHashMap<>();
  private final Map<String, String> properties = new LinkedHashMap<>();

  public EmfLine(Instant at) {
    this.at = at;
  }

  public EmfLine dimension(String name, String value) {
    dimensions.put(name, value);
    return this;
  }

  public EmfLine metric(String name, Unit unit, long value) {
    units.put(name, unit);
    values.put(name, value);
    return this;
  }

  /** A property; null values are left out. */
  public EmfLine property(String name, String value) {
    if (value != null) properties.put(name, value);
    return this;
  }

  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode directive = root.putObject("_aws").put("Timestamp", at.toEpochMilli())
        .putArray("CloudWatchMetrics").addObject().put("Namespace", NAMESPACE);
    ArrayNode set = directive.putArray("Dimensions").addArray();
    dimensions.keySet().forEach(set::add);
    ArrayNode metrics = directive.putArray("Metrics");
    units.forEach((name, unit) -> metrics.addObject().put("Name", name).put("Unit", unit.word()));
    properties.forEach(root::put);
    dimensions.forEach(root::put);
    values.forEach((name, v) -> root.put(name, v));
    return root.toString();
  }
}
