package dev.driftless.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.driftless.inventory.Inventory;
import dev.driftless.model.ObjectKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The inventory as stored: a gzip-compressed JSON array of rows (group, kind, namespace, name, apiVersion,
 * digest, resourceVersion, wave, owned-fields digest; rows written before the last column existed lack it),
 * about 60 bytes per object compressed, nearly all of it the two random digests. {@link InventoryStore} cuts
 * the bytes into parts of one item each.
 */
final class InventoryCodec {

  private static final ObjectMapper JSON = new ObjectMapper();

  private InventoryCodec() {}

  static byte[] encode(Inventory inventory) {
    ArrayNode rows = JSON.createArrayNode();
    inventory.entries().forEach((k, e) -> rows.addArray().add(k.group()).add(k.kind()).add(k.namespace())
        .add(k.name()).add(e.apiVersion()).add(e.digest()).add(e.resourceVersion()).add(e.wave())
        .add(e.owned()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      JSON.writeValue(gz, rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static Inventory decode(byte[] bytes) {
    if (bytes == null || bytes.length == 0) return Inventory.EMPTY;
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      Map<ObjectKey, Inventory.Entry> entries = new HashMap<>();
      for (JsonNode r : JSON.readTree(in)) {
        entries.put(new ObjectKey(r.get(0).asText(), r.get(1).asText(), r.get(2).asText(), r.get(3).asText()),
            new Inventory.Entry(r.get(4).asText(), text(r.get(5)), text(r.get(6)), text(r.get(8)),
                r.get(7).asInt()));
      }
      return new Inventory(entries);
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable inventory", e);
    }
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }
}
