package dev.driftless.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Small helpers to build and read DynamoDB attribute maps by hand (no reflection-built schemas). */
final class Items {

  private Items() {}

  static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  static AttributeValue n(long v) {
    return AttributeValue.fromN(Long.toString(v));
  }

  static AttributeValue b(byte[] v) {
    return AttributeValue.fromB(SdkBytes.fromByteArray(v));
  }

  static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of(StateTable.PK, s(pk), StateTable.SK, s(sk));
  }

  static void putIf(Map<String, AttributeValue> item, String name, String value) {
    if (value != null) item.put(name, s(value));
  }

  static void putIf(Map<String, AttributeValue> item, String name, Instant value) {
    if (value != null) item.put(name, s(value.toString()));
  }

  static String str(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  static long num(Map<String, AttributeValue> item, String name, long dflt) {
    AttributeValue v = item.get(name);
    return v == null || v.n() == null ? dflt : Long.parseLong(v.n());
  }

  static Instant instant(Map<String, AttributeValue> item, String name) {
    String v = str(item, name);
    return v == null ? null : Instant.parse(v);
  }

  static byte[] bytes(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.b() == null ? null : v.b().asByteArray();
  }

  /** Every item a Query returns, page after page (DynamoDB's 1 MB each), in a list the caller may change. */
  static List<Map<String, AttributeValue>> queryAll(DynamoDbClient ddb, Consumer<QueryRequest.Builder> query) {
    List<Map<String, AttributeValue>> out = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      QueryResponse r = ddb.query(q -> {
        query.accept(q);
        q.exclusiveStartKey(from);
      });
      out.addAll(r.items());
      start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
    } while (start != null);
    return out;
  }
}
