package dev.driftless.bench;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The size DynamoDB bills an item by: each attribute's name in UTF-8 bytes plus its value (a string's UTF-8 bytes,
 * a number's significant digits two to a byte plus one, a binary's bytes, one byte for a boolean or null, three
 * bytes plus one per element and the elements for a map or list). Capacity units are counted from it because the
 * table emulator (moto) answers ReturnConsumedCapacity with fixed figures (1 per key read, 1 per write), whatever
 * the size or the read's consistency.
 */
final class ItemSize {

  private ItemSize() {}

  /** Bytes of an item, by DynamoDB's rules. */
  static long of(Map<String, AttributeValue> item) {
    long size = 0;
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      size += utf8(e.getKey()) + of(e.getValue());
    }
    return size;
  }

  static long of(AttributeValue v) {
    return switch (v.type()) {
      case S -> utf8(v.s());
      case N -> number(v.n());
      case B -> v.b().asByteArray().length;
      case SS -> v.ss().stream().mapToLong(ItemSize::utf8).sum();
      case NS -> v.ns().stream().mapToLong(ItemSize::number).sum();
      case BS -> v.bs().stream().mapToLong(b -> b.asByteArray().length).sum();
      case M -> 3 + v.m().entrySet().stream().mapToLong(e -> 1 + utf8(e.getKey()) + of(e.getValue())).sum();
      case L -> 3 + v.l().stream().mapToLong(e -> 1 + of(e)).sum();
      case BOOL, NUL -> 1;
      case UNKNOWN_TO_SDK_VERSION -> 0;
    };
  }

  private static long utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** Significant digits, two to a byte, plus one byte. */
  private static long number(String n) {
    String digits = n.replaceAll("[^0-9]", "").replaceAll("^0+", "").replaceAll("0+$", "");
    return (digits.length() + 1) / 2 + 1;
  }
}
