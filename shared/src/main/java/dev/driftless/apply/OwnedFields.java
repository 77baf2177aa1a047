package dev.driftless.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A digest of the fields an object's live copy says Driftless owns: its field manager's {@code Apply} entry in
 * managedFields (API version, time and field set). It is how the plan tells a write by a controller from
 * drift without a dry run. Server-side apply moves a field out of Driftless's set whenever anyone else changes
 * or removes it (an Update takes the field over; a forced Apply takes it over; a removal empties it), and
 * Driftless's own writes change the entry's time; so while the digest stays the same, every field Driftless
 * applied still holds the value it applied, whatever else moved the resourceVersion (status, a controller's
 * annotation, another manager's own fields).
 */
public final class OwnedFields {

  private static final ObjectMapper CANONICAL = new ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private OwnedFields() {}

  /** The digest of {@code manager}'s Apply entry on {@code obj}; null when it has none. */
  public static String digest(HasMetadata obj, String manager) {
    return digest(entry(obj, manager));
  }

  /** The digest of one managedFields entry; null for none. */
  static String digest(ManagedFieldsEntry e) {
    if (e == null) return null;
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(String.valueOf(e.getApiVersion()).getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(String.valueOf(e.getTime()).getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(CANONICAL.writeValueAsBytes(CANONICAL.convertValue(e.getFieldsV1(), Object.class)));
      return HexFormat.of().formatHex(sha.digest(), 0, 8); // 64 bits: a change detector, short for the inventory
    } catch (NoSuchAlgorithmException | JsonProcessingException ex) {
      throw new IllegalStateException("cannot digest managed fields", ex);
    }
  }

  /**
   * True when {@code manager} owns on {@code live} exactly the field set it would own after applying: the
   * dry-run result {@code wouldBe}. False when it lost fields to another manager, even if their values are
   * back to what Git says; then the digest of the live entry must not vouch for those fields.
   */
  public static boolean same(HasMetadata live, HasMetadata wouldBe, String manager) {
    ManagedFieldsEntry a = entry(live, manager);
    ManagedFieldsEntry b = entry(wouldBe, manager);
    return a != null && b != null && Objects.equals(a.getApiVersion(), b.getApiVersion())
        && CANONICAL.convertValue(a.getFieldsV1(), Object.class)
            .equals(CANONICAL.convertValue(b.getFieldsV1(), Object.class));
  }

  /** {@code manager}'s Apply entry on {@code obj} (not a subresource's); null when it has none. */
  static ManagedFieldsEntry entry(HasMetadata obj, String manager) {
    List<ManagedFieldsEntry> all = obj == null || obj.getMetadata() == null ? null
        : obj.getMetadata().getManagedFields();
    if (all == null) return null;
    for (ManagedFieldsEntry e : all) {
      if (manager.equals(e.getManager()) && "Apply".equals(e.getOperation())
          && (e.getSubresource() == null || e.getSubresource().isEmpty())) {
        return e;
      }
    }
    return null;
  }
}
