package dev.driftless.state;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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
}
