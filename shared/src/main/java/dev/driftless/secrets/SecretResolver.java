package dev.driftless.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.model.DesiredObject;
import dev.driftless.model.ObjectKey;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Resolves Secrets Manager references in desired objects, just before apply: every
 * {@code {{resolve:secretsmanager:...}}} in a string value (whole or embedded; keys are left alone), and
 * Secrets annotated {@code driftless.dev/secretsmanager: <id>}, whose JSON secret's keys become
 * {@code stringData} entries (keys written in the manifest win). A reference that is the whole of a Secret's
 * {@code data} value is base64-encoded.
 *
 * <p>Each distinct secret version is fetched once per call (batched by the client) and kept in a cache with
 * a stated lifetime across calls. All or nothing: one missing secret or JSON key fails the call with a
 * {@link SecretResolutionException} naming the object, field and reference, and no object is returned.
 * Resolved objects are re-digested, so a rotated secret changes the digest. Values never reach messages.
 */
public final class SecretResolver {

  public static final String ANNOTATION = "driftless.dev/secretsmanager";

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization(new ObjectMapper(), false);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SecretsClient client;
  private final SecretCache cache;
  private final String referencePrefix;

  public SecretResolver(SecretsClient client, Clock clock, SecretResolverOptions options) {
    SecretResolverOptions o = options == null ? SecretResolverOptions.defaults() : options;
    this.client = client;
    this.cache = new SecretCache(clock, o.cacheLifetime());
    this.referencePrefix = o.referencePrefix();
  }

  /** The objects with every reference resolved; objects without references come back as they were. */
  public List<DesiredObject> resolve(List<DesiredObject> objects) {
    return resolveAll(objects).objects();
  }

  /** The resolved objects and a masker for the values that went into them (for diffs and messages). */
  public Resolution resolveAll(List<DesiredObject> objects) {
    return resolveAll(objects, null);
  }

  /**
   * As {@link #resolveAll(List)}, every reference also held to {@code scope} (a project's prefixes; null: the
   * reference prefix alone), checked with the prefix before any secret is read.
   */
  public Resolution resolveAll(List<DesiredObject> objects, ReferenceScope scope) {
    return resolveAll(objects, scope, false);
  }

  /**
   * As {@link #resolveAll(List, ReferenceScope)}; with {@code revalidate}, a cached value is used only while the
   * version id it was read at is still the current one (see {@link SecretCache#fetch}).
   */
  public Resolution resolveAll(List<DesiredObject> objects, ReferenceScope scope, boolean revalidate) {
    List<ObjectNode> trees = new ArrayList<>();
    List<ReferenceScan.Use> uses = new ArrayList<>();
    List<ReferenceScan.Whole> wholes = new ArrayList<>();
    Set<SecretVersion> versions = new LinkedHashSet<>();
    for (int i = 0; i < objects.size(); i++) {
      DesiredObject o = objects.get(i);
      ObjectNode tree = SERIALIZATION.convertValue(o.object(), ObjectNode.class);
      trees.add(tree);
      ReferenceScan scan = ReferenceScan.of(i, o.key(), tree);
      uses.addAll(scan.uses());
      scan.uses().forEach(u -> u.refs().forEach(r -> {
        checkAllowed(u.object(), u.field(), r.text(), r.secretId(), scope);
        versions.add(r.version());
      }));
      scan.annotation().ifPresent(w -> {
        checkAllowed(w.object(), w.field(), null, w.secretId(), scope);
        wholes.add(w);
        versions.add(SecretVersion.current(w.secretId()));
      });
    }
    if (versions.isEmpty()) {
      return new Resolution(List.copyOf(objects), SecretMasker.of(List.of()), Map.of());
    }
    SecretValues values = cache.fetch(versions, client, revalidate);
    List<String> used = new ArrayList<>();
    boolean[] changed = new boolean[objects.size()];
    for (ReferenceScan.Use use : uses) {
      use.set(substitute(use, values, used));
      changed[use.objectIndex()] = true;
    }
    for (ReferenceScan.Whole w : wholes) {
      fillStringData(w, trees.get(w.objectIndex()), values, used);
      changed[w.objectIndex()] = true;
    }
    List<DesiredObject> out = new ArrayList<>(objects.size());
    for (int i = 0; i < objects.size(); i++) {
      out.add(changed[i]
          ? objects.get(i).withObject(SERIALIZATION.convertValue(trees.get(i), GenericKubernetesResource.class))
          : objects.get(i));
    }
    return new Resolution(List.copyOf(out), SecretMasker.of(used), SecretVersionIds.readAt(versions, values));
  }

  /**
   * A reference may name only a secret under the reference prefix, by name or by ARN, and within the scope of
   * the Application's project; checked for every reference before any secret is read, so a refused one costs
   * no Secrets Manager call.
   */
  private void checkAllowed(ObjectKey object, String field, String ref, String secretId, ReferenceScope scope) {
    String name = secretName(secretId);
    if (!SecretLayout.isUnder(referencePrefix, name)) {
      throw new SecretResolutionException(object, field, ref, "secret " + secretId + " is outside "
          + referencePrefix + ": references may name only secrets under that prefix");
    }
    if (scope != null && !scope.allows(name)) {
      throw new SecretResolutionException(object, field, ref, "secret " + secretId + " is outside the reference "
          + "prefixes of " + scope.owner() + " " + scope.prefixes() + ": references may name only secrets under them");
    }
  }

  /** The deployment's reference prefix ({@code <prefix>refs/}), the area every reference stays in. */
  public String referencePrefix() {
    return referencePrefix;
  }

  /** The secret's name: the id itself, or the resource part of an ARN (name plus Secrets Manager's suffix). */
  static String secretName(String secretId) {
    if (!secretId.startsWith("arn:")) {
      return secretId;
    }
    int at = secretId.indexOf(":secret:");
    return at < 0 ? "" : secretId.substring(at + ":secret:".length());
  }

  private static String substitute(ReferenceScan.Use use, SecretValues values, List<String> used) {
    String text = use.text();
    if (use.isSecretData()) {
      if (!SecretReference.isWhole(text)) {
        throw new SecretResolutionException(use.object(), use.field(), use.refs().get(0).text(),
            "a reference in a Secret's data must be the whole value (data values are base64); use stringData");
      }
      String value = value(use, use.refs().get(0), values);
      used.add(value);
      return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
    StringBuilder sb = new StringBuilder();
    Matcher m = SecretReference.ANY.matcher(text);
    Iterator<SecretReference> refs = use.refs().iterator();
    while (m.find()) {
      String value = value(use, refs.next(), values);
      used.add(value);
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** The value a reference stands for: the whole secret string, or one key of its JSON. */
  private static String value(ReferenceScan.Use use, SecretReference ref, SecretValues values) {
    String secret = values.get(ref.version()).orElseThrow(() -> new SecretResolutionException(use.object(),
        use.field(), ref.text(), "secret " + ref.version() + " not found"));
    if (ref.jsonKey() == null) {
      return secret;
    }
    JsonNode value = jsonObject(secret, use.object(), use.field(), ref.text(), ref.version()).get(ref.jsonKey());
    if (value == null || value.isNull()) {
      throw new SecretResolutionException(use.object(), use.field(), ref.text(),
          "JSON key " + ref.jsonKey() + " not found in secret " + ref.version());
    }
    return value.isValueNode() ? value.asText() : value.toString();
  }

  private static void fillStringData(ReferenceScan.Whole w, ObjectNode tree, SecretValues values, List<String> used) {
    SecretVersion version = SecretVersion.current(w.secretId());
    String secret = values.get(version).orElseThrow(() -> new SecretResolutionException(w.object(),
        w.field(), null, "secret " + version + " not found"));
    ObjectNode json = jsonObject(secret, w.object(), w.field(), null, version);
    JsonNode data = tree.path("data");
    ObjectNode stringData = tree.has("stringData") && tree.get("stringData").isObject()
        ? (ObjectNode) tree.get("stringData") : tree.putObject("stringData");
    for (Map.Entry<String, JsonNode> e : json.properties()) {
      if (stringData.has(e.getKey()) || data.has(e.getKey())) {
        continue;
      }
      String value = e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString();
      used.add(value);
      stringData.put(e.getKey(), value);
    }
  }

  private static ObjectNode jsonObject(String secret, ObjectKey object, String field, String ref, SecretVersion v) {
    JsonNode json;
    try {
      json = JSON.readTree(secret);
    } catch (Exception e) {
      // The parser's message quotes the text: never pass it on.
      json = null;
    }
    if (!(json instanceof ObjectNode obj)) {
      throw new SecretResolutionException(object, field, ref, "secret " + v + " is not a JSON object");
    }
    return obj;
  }

  /**
   * The version ids the secrets of render bases ({@link SecretVersionIds} keys) point at now, asked through the
   * resolver's own client (the one that may read references), for ids only.
   */
  public Map<String, String> currentVersionIds(Collection<String> keys) {
    // Only names under the reference prefix are asked about; any other is left out, so taken for rotated.
    return SecretVersionIds.current(keys.stream()
        .filter(k -> SecretLayout.isUnder(referencePrefix, secretName(SecretVersionIds.parse(k).id()))).toList(), client);
  }

  /**
   * Resolved objects, the masker for the values in them, and the version ids they were read at
   * ({@link SecretVersionIds}); prints no value.
   */
  public record Resolution(List<DesiredObject> objects, SecretMasker masker, Map<String, String> versionIds) {}
}
