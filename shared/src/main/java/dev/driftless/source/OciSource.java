package dev.driftless.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.model.Application;
import dev.driftless.secrets.SecretsClient;
import dev.driftless.source.SourceException.Failure;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Fetches a source from an OCI registry: a Helm chart pushed by {@code helm push} (its chart layer) or an artifact
 * of plain manifests (Argo CD's OCI source, Flux's OCIRepository: one tar+gzip layer, as {@code oras push} or
 * {@code flux push artifact} write it). The manifest is read on every call with the caller's own credential, so a
 * cached artifact is never handed to a caller the registry would refuse; the layer is downloaded once per manifest
 * digest, its size bounded before and while downloading and its digest checked, and unpacked into the source
 * cache. The revision is the manifest's digest, which retries and rollbacks pin.
 */
final class OciSource {

  static final long MAX_LAYER_BYTES = 20L << 20;
  static final long MAX_UNPACKED_BYTES = 100L << 20;
  static final String HELM_CHART_LAYER = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
  /** Layers an artifact of manifests may come in: the OCI image layer, Flux's content layer, a Helm chart. */
  static final Set<String> MANIFEST_LAYERS = Set.of("application/vnd.oci.image.layer.v1.tar+gzip",
      "application/vnd.cncf.flux.content.v1.tar+gzip", HELM_CHART_LAYER);
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Layer(String mediaType, String digest, long size) {}

  private final SecretsClient secrets;
  private final RepositoryRules rules;
  private final boolean localRepositories;
  private final GitCache cache;
  private final HttpDownload http;

  OciSource(SecretsClient secrets, SourceOptions options, GitCache cache) {
    this.secrets = secrets;
    this.rules = options.rules();
    this.localRepositories = options.localRepositories();
    this.cache = cache;
    this.http = new HttpDownload(rules, options.fetchTimeout());
  }

  Checkout fetch(Application.Source source) {
    OciReference ref = OciReference.of(source);
    String what = "registry " + ref;
    GitCredentials credentials = RepositoryCredentials.load(secrets, rules, ref.url(), source.credentials(), what);
    boolean plainHttp = localRepositories && RepositoryUrl.parse(ref.url()).isLoopback();
    OciRegistry registry = new OciRegistry(http, rules, ref, credentials, plainHttp);
    String wanted = wanted(registry, source.targetRevision(), what);
    byte[] manifest = registry.manifest(wanted, what);
    String digest = "sha256:" + ChartRepository.sha256(manifest);
    if (OciReference.DIGEST.matcher(wanted).matches() && !wanted.equals(digest)) {
      throw new SourceException(Failure.REFUSED, what + ": refused: the manifest the registry sent for " + wanted
          + " has the digest " + digest);
    }
    String at = what + "@" + digest;
    JsonNode node = parse(manifest, at);
    Layer layer = layer(node, source.isChart(), at);
    String key = "oci " + ref;
    Path dir = cache.checkoutDir(key, GitCache.key(digest));
    ReentrantLock lock = cache.repoLock(key);
    lock.lock();
    try {
      if (!Files.isDirectory(dir) || !Files.isRegularFile(GitCache.metaFile(dir))) {
        produce(registry, layer, source.isChart(), dir, at);
        Files.writeString(GitCache.metaFile(dir), JSON.createObjectNode().put("digest", digest).toString());
      }
      cache.used(dir);
      return new Checkout(revision(source, wanted, digest, node), dir);
    } catch (IOException e) {
      throw new SourceException(Failure.IO, at + ": cache " + dir + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The tag or digest to fetch: a digest or a tag as written ({@code HEAD} is {@code latest}); a semver range that
   * is not one version picks the highest tag in it.
   */
  private static String wanted(OciRegistry registry, String revision, String what) {
    String r = revision == null || revision.isBlank() || revision.equals("HEAD") ? "latest" : revision.strip();
    if (OciReference.DIGEST.matcher(r).matches()) {
      return r;
    }
    boolean range = Semver.parse(r).isEmpty() && SemverRange.parse(r).isPresent();
    if (!range) {
      String tag = r.replace('+', '_'); // helm push writes a version's build metadata with '_' (tags hold no '+')
      if (!OciReference.TAG.matcher(tag).matches()) {
        throw new SourceException(Failure.REVISION_NOT_FOUND, what + ": targetRevision " + r
            + " is neither a tag, a digest nor a semver range");
      }
      return tag;
    }
    SemverRange semver = SemverRange.parse(r).orElseThrow();
    List<String> tags = registry.tags(what);
    return tags.stream()
        .filter(t -> Semver.parse(t.replace('_', '+')).map(semver::matches).orElse(false))
        .max(Comparator.comparing((String t) -> Semver.parse(t.replace('_', '+')).orElseThrow())
            .thenComparing(Comparator.naturalOrder()))
        .orElseThrow(() -> new SourceException(Failure.REVISION_NOT_FOUND, what + ": no tag in range " + r
            + " (the repository lists " + tags.size() + ")"));
  }

  private static JsonNode parse(byte[] manifest, String what) {
    try {
      JsonNode node = JSON.readTree(manifest);
      if (node == null || !node.isObject() || !node.path("layers").isArray()) {
        throw new SourceException(Failure.REFUSED, what + ": refused: not an image manifest with layers (an image"
            + " index or another document); push one manifest");
      }
      return node;
    } catch (IOException e) {
      throw new SourceException(Failure.REFUSED, what + ": refused: the manifest is not JSON");
    }
  }

  /** The one layer to unpack: the chart layer for a chart, else the one tar+gzip layer of manifests. */
  private static Layer layer(JsonNode manifest, boolean chart, String what) {
    List<Layer> candidates = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (JsonNode l : manifest.path("layers")) {
      String type = l.path("mediaType").asText("");
      seen.add(type);
      if (chart ? type.equals(HELM_CHART_LAYER) : MANIFEST_LAYERS.contains(type)) {
        candidates.add(new Layer(type, l.path("digest").asText(""), l.path("size").asLong(-1)));
      }
    }
    if (candidates.size() != 1) {
      throw new SourceException(Failure.REFUSED, what + ": refused: " + (chart ? "a chart needs one layer "
          + HELM_CHART_LAYER : "an artifact needs one layer of " + new TreeSet<>(MANIFEST_LAYERS))
          + ", the manifest has " + seen);
    }
    Layer layer = candidates.get(0);
    if (!OciReference.DIGEST.matcher(layer.digest()).matches()) {
      throw new SourceException(Failure.REFUSED, what + ": refused: the layer's digest is not sha256:<64 hex>");
    }
    if (layer.size() < 0 || layer.size() > MAX_LAYER_BYTES) {
      throw new SourceException(Failure.REFUSED, what + ": refused: the layer's size " + layer.size()
          + " is not between 0 and " + MAX_LAYER_BYTES + " bytes");
    }
    return layer;
  }

  private void produce(OciRegistry registry, Layer layer, boolean chart, Path dir, String what) throws IOException {
    byte[] blob = registry.blob(layer.digest(), layer.size(), what);
    if (!layer.digest().equals("sha256:" + ChartRepository.sha256(blob))) {
      throw new SourceException(Failure.REFUSED, what + ": refused: the layer the registry sent does not match its"
          + " digest " + layer.digest());
    }
    Path staging = Files.createTempDirectory(cache.scratch(), "oci-");
    try {
      Path unpacked = Files.createDirectories(staging.resolve("content"));
      TarGzArchive.unpack(blob, unpacked, MAX_UNPACKED_BYTES, what);
      Path content = chart ? ChartRepository.chartDirectory(unpacked, what) : unpacked;
      GitCache.delete(dir);
      try {
        Files.move(content, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(content, dir);
      }
    } finally {
      GitCache.delete(staging);
    }
  }

  private static Revision revision(Application.Source source, String wanted, String digest, JsonNode manifest) {
    JsonNode annotations = manifest.path("annotations");
    String version = annotations.path("org.opencontainers.image.version").asText(wanted);
    String message = source.isChart() ? "chart " + source.chart() + " " + version + " (oci " + digest.substring(0, 19)
        + ")" : "oci " + wanted + " (" + digest.substring(0, 19) + ")";
    return new Revision(source.targetRevision(), wanted.startsWith("sha256:") ? null : wanted, digest, "", "",
        created(annotations.path("org.opencontainers.image.created").asText("")), message);
  }

  private static Instant created(String text) {
    try {
      return text.isEmpty() ? Instant.EPOCH : Instant.parse(text);
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }
}
