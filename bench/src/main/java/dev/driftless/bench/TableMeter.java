package dev.driftless.bench;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Meters a DynamoDB client's table traffic as an execution interceptor: requests by operation, the capacity the
 * table reports (every request asks for {@code ReturnConsumedCapacity=TOTAL}), the read and write request units
 * on-demand DynamoDB would bill by its rules (from the sizes of the items read and put, see {@link ItemSize}), and
 * the bytes of write requests' payloads.
 *
 * <p>The billed units are exact for reads by key, Query and Scan without projections, and puts. An update or delete
 * is billed by the size of the item it touches, which its request does not carry: each is counted as one unit, a
 * lower bound (a put that replaces a larger item likewise). The status and inventory items a scan writes are puts.
 */
final class TableMeter implements ExecutionInterceptor {

  private static final Set<String> READS = Set.of("GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems");
  private static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
      "TransactWriteItems");
  private static final double READ_CHUNK = 4096;
  private static final double WRITE_CHUNK = 1024;

  /** What was metered up to a moment. */
  record Totals(Map<String, Long> requests, Map<String, Double> units, double reportedReadUnits,
      double reportedWriteUnits, long bytesWritten) {

    /** Read request units billed, by DynamoDB's rules. */
    double readUnits() {
      return units.entrySet().stream().filter(e -> READS.contains(e.getKey())).mapToDouble(Map.Entry::getValue).sum();
    }

    /** Write request units billed, by DynamoDB's rules (updates and deletes at their minimum). */
    double writeUnits() {
      return units.entrySet().stream().filter(e -> WRITES.contains(e.getKey())).mapToDouble(Map.Entry::getValue)
          .sum();
    }

    long reads() {
      return requests.entrySet().stream().filter(e -> READS.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    long writes() {
      return requests.entrySet().stream().filter(e -> WRITES.contains(e.getKey())).mapToLong(Map.Entry::getValue)
          .sum();
    }

    Totals minus(Totals before) {
      Map<String, Long> delta = new TreeMap<>();
      requests.forEach((k, v) -> {
        long d = v - before.requests.getOrDefault(k, 0L);
        if (d != 0) delta.put(k, d);
      });
      Map<String, Double> unitDelta = new TreeMap<>();
      units.forEach((k, v) -> {
        double d = v - before.units.getOrDefault(k, 0.0);
        if (d != 0) unitDelta.put(k, d);
      });
      return new Totals(delta, unitDelta, reportedReadUnits - before.reportedReadUnits,
          reportedWriteUnits - before.reportedWriteUnits, bytesWritten - before.bytesWritten);
    }
  }

  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final DoubleAdder reportedRead = new DoubleAdder();
  private final DoubleAdder reportedWrite = new DoubleAdder();
  private final Map<String, DoubleAdder> units = new ConcurrentHashMap<>();
  private final LongAdder bytesWritten = new LongAdder();

  @Override
  public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
    SdkRequest request = context.request();
    Optional<SdkField<?>> field = request.sdkFields().stream()
        .filter(f -> f.memberName().equals("ReturnConsumedCapacity")).findFirst();
    if (field.isEmpty()) return request;
    SdkRequest.Builder builder = request.toBuilder();
    field.get().set(builder, "TOTAL");
    return builder.build();
  }

  @Override
  public void afterMarshalling(Context.AfterMarshalling context, ExecutionAttributes attributes) {
    if (WRITES.contains(operation(attributes))) {
      bytesWritten.add(context.requestBody().flatMap(RequestBody::optionalContentLength).orElse(0L));
    }
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    String op = operation(attributes);
    requests.computeIfAbsent(op, k -> new LongAdder()).increment();
    double reported = reported(context.response());
    if (READS.contains(op)) {
      reportedRead.add(reported);
      units.computeIfAbsent(op, k -> new DoubleAdder()).add(readUnits(context.request(), context.response()));
    } else if (WRITES.contains(op)) {
      reportedWrite.add(reported);
      units.computeIfAbsent(op, k -> new DoubleAdder()).add(writeUnits(context.request()));
    }
  }

  Totals snapshot() {
    Map<String, Long> counts = new TreeMap<>();
    requests.forEach((k, v) -> counts.put(k, v.sum()));
    Map<String, Double> billed = new TreeMap<>();
    units.forEach((k, v) -> billed.put(k, v.sum()));
    return new Totals(counts, billed, reportedRead.sum(), reportedWrite.sum(), bytesWritten.sum());
  }

  private static String operation(ExecutionAttributes attributes) {
    return attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
  }

  /** The capacity units the response reports: one ConsumedCapacity, or one per table. */
  private static double reported(SdkPojo response) {
    for (SdkField<?> f : response.sdkFields()) {
      if (!f.memberName().equals("ConsumedCapacity")) continue;
      Object value = f.getValueOrDefault(response);
      if (value instanceof ConsumedCapacity c) return units(c);
      if (value instanceof List<?> list) {
        return list.stream().filter(ConsumedCapacity.class::isInstance)
            .mapToDouble(c -> units((ConsumedCapacity) c)).sum();
      }
    }
    return 0;
  }

  private static double units(ConsumedCapacity c) {
    return c.capacityUnits() == null ? 0 : c.capacityUnits();
  }

  private static double readUnits(SdkRequest request, Object response) {
    if (request instanceof GetItemRequest r && response instanceof GetItemResponse a) {
      return chunks(a.hasItem() ? ItemSize.of(a.item()) : 0, READ_CHUNK) * factor(r.consistentRead());
    }
    if (request instanceof BatchGetItemRequest r && response instanceof BatchGetItemResponse a) {
      double units = 0;
      for (Map.Entry<String, KeysAndAttributes> table : r.requestItems().entrySet()) {
        List<Map<String, AttributeValue>> items = a.responses().getOrDefault(table.getKey(), List.of());
        int unprocessed = a.unprocessedKeys().containsKey(table.getKey())
            ? a.unprocessedKeys().get(table.getKey()).keys().size() : 0;
        // A key asked for and not found costs the minimum, as a GetItem of it would.
        long misses = Math.max(0, table.getValue().keys().size() - items.size() - unprocessed);
        double chunks = misses + items.stream().mapToDouble(i -> chunks(ItemSize.of(i), READ_CHUNK)).sum();
        units += chunks * factor(table.getValue().consistentRead());
      }
      return units;
    }
    if (request instanceof QueryRequest r && response instanceof QueryResponse a) {
      return chunks(a.items().stream().mapToLong(ItemSize::of).sum(), READ_CHUNK) * factor(r.consistentRead());
    }
    if (request instanceof ScanRequest r && response instanceof ScanResponse a) {
      return chunks(a.items().stream().mapToLong(ItemSize::of).sum(), READ_CHUNK) * factor(r.consistentRead());
    }
    if (response instanceof TransactGetItemsResponse a) {
      return 2 * a.responses().stream().mapToDouble(i -> chunks(i.hasItem() ? ItemSize.of(i.item()) : 0,
          READ_CHUNK)).sum();
    }
    return 0;
  }

  private static double writeUnits(SdkRequest request) {
    if (request instanceof PutItemRequest r) return chunks(ItemSize.of(r.item()), WRITE_CHUNK);
    if (request instanceof BatchWriteItemRequest r) {
      return r.requestItems().values().stream().flatMap(List::stream).mapToDouble(TableMeter::writeUnits).sum();
    }
    if (request instanceof TransactWriteItemsRequest r) {
      return 2 * r.transactItems().stream().mapToDouble(TableMeter::writeUnits).sum();
    }
    return 1; // UpdateItem, DeleteItem: at least one unit (see the class comment)
  }

  private static double writeUnits(WriteRequest w) {
    return w.putRequest() != null ? chunks(ItemSize.of(w.putRequest().item()), WRITE_CHUNK) : 1;
  }

  private static double writeUnits(TransactWriteItem t) {
    return t.put() != null ? chunks(ItemSize.of(t.put().item()), WRITE_CHUNK) : 1;
  }

  /** Whole chunks of a size, at least one (DynamoDB bills an empty answer as one chunk). */
  private static double chunks(long bytes, double chunk) {
    return Math.max(1, Math.ceil(bytes / chunk));
  }

  /** Eventually consistent reads cost half. */
  private static double factor(Boolean consistent) {
    return Boolean.TRUE.equals(consistent) ? 1 : 0.5;
  }
}
