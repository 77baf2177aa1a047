package dev.driftless.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.driftless.model.ObjectDigest;
import dev.driftless.model.Redaction;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces resolved secret values, and their base64 forms (as they stand in a Secret's {@code data}), with
 * {@code *** (sha256:<first 12 hex>)}: the digest shows that a value changed without showing it. For diffs,
 * messages and anything else that leaves the apply call.
 */
public final class SecretMasker implements Redaction {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization(new ObjectMapper(), false);

  /** Text to replace, longest first (so a value containing another is replaced whole), with its mask. */
  private final List<Map.Entry<String, String>> replacements;

  private SecretMasker(List<Map.Entry<String, String>> replacements) {
    this.replacements = replacements;
  }

  public static SecretMasker of(Collection<String> values) {
    Map<String, String> masks = new LinkedHashMap<>();
    for (String v : values) {
      if (v == null || v.isEmpty()) {
        continue;
      }
      String mask = placeholder(v);
      masks.putIfAbsent(v, mask);
      masks.putIfAbsent(Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8)), mask);
    }
    List<Map.Entry<String, String>> list = new ArrayList<>(masks.entrySet());
    list.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
    return new SecretMasker(List.copyOf(list));
  }

  /** The mask of one value: {@code *** (sha256:<first 12 hex of its SHA-256>)}. */
  public static String placeholder(String value) {
    return "*** (" + ObjectDigest.sha256(value).substring(0, "sha256:".length() + 12) + ")";
  }

  @Override
  public String redact(String text) {
    return mask(text);
  }

  @Override
  public boolean reveals(String text) {
    if (text == null) {
      return false;
    }
    for (Map.Entry<String, String> r : replacements) {
      if (text.contains(r.getKey())) {
        return true;
      }
    }
    return false;
  }

  public String mask(String text) {
    if (text == null || replacements.isEmpty()) {
      return text;
    }
    String out = text;
    for (Map.Entry<String, String> r : replacements) {
      out = out.replace(r.getKey(), r.getValue());
    }
    return out;
  }

  /** A copy of the object with every string value masked (keys are left as they are). */
  public GenericKubernetesResource mask(GenericKubernetesResource object) {
    JsonNode tree = SERIALIZATION.convertValue(object, JsonNode.class);
    return SERIALIZATION.convertValue(maskTree(tree), GenericKubernetesResource.class);
  }

  private JsonNode maskTree(JsonNode node) {
    if (node.isTextual()) {
      return TextNode.valueOf(mask(node.asText()));
    }
    if (node instanceof ObjectNode obj) {
      obj.properties().forEach(e -> e.setValue(maskTree(e.getValue())));
    } else if (node instanceof ArrayNode arr) {
      for (int i = 0; i < arr.size(); i++) {
        arr.set(i, maskTree(arr.get(i)));
      }
    }
    return node;
  }

  @Override
  public String toString() {
    return "SecretMasker[" + replacements.size() + " masked forms]";
  }
}
