package dev.driftless.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A stable SHA-256 digest of an object's canonical JSON (map keys sorted), as {@code sha256:<hex>}. */
public final class ObjectDigest {

  private static final ObjectMapper CANONICAL = new ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
      .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true);

  private ObjectDigest() {}

  public static String of(Object value) {
    try {
      // Through a tree first, so that typed objects and maps with the same content digest alike.
      Object tree = CANONICAL.convertValue(value, Object.class);
      return sha256(CANONICAL.writeValueAsBytes(tree));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new DriftlessException("cannot digest object: " + e.getClass().getSimpleName());
    }
  }

  public static String sha256(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }
}
