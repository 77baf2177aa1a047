package dev.driftless.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.driftless.source.SourceException.Failure;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * A Helm chart repository's {@code index.yaml}, read for one chart: which versions it lists, and the one a
 * {@code targetRevision} picks: the version written exactly, else the highest in a semver range (Masterminds'
 * rules, as helm and Argo CD pick), {@code HEAD} or {@code *} the highest release.
 */
final class ChartIndex {

  /** One listed version: its download URLs as the index writes them, and the archive's sha256 when given. */
  record Entry(String version, List<String> urls, String digest, Instant created) {}

  private static final Pattern DIGEST = Pattern.compile("(sha256:)?[0-9a-fA-F]{64}");

  private ChartIndex() {}

  /** The entry {@code revision} picks among the chart's versions in {@code index}. */
  static Entry pick(byte[] index, String chart, String revision, String what) {
    List<Entry> entries = entries(index, chart, what);
    String wanted = revision == null || revision.isBlank() || revision.equals("HEAD") ? "*" : revision.strip();
    Optional<Entry> exact = entries.stream().filter(e -> e.version().equals(wanted)).findFirst();
    if (exact.isPresent()) {
      return exact.get();
    }
    SemverRange range = SemverRange.parse(wanted).orElseThrow(() -> new SourceException(Failure.REVISION_NOT_FOUND,
        what + ": targetRevision " + wanted + " is neither a listed version of " + chart + " nor a semver range"));
    return entries.stream()
        .filter(e -> Semver.parse(e.version()).map(range::matches).orElse(false))
        .max(Comparator.comparing((Entry e) -> Semver.parse(e.version()).orElseThrow()).thenComparing(Entry::version))
        .orElseThrow(() -> new SourceException(Failure.REVISION_NOT_FOUND, what + ": no version of " + chart
            + " in range " + wanted + " (the index lists " + entries.size() + ")"));
  }

  /** True when {@code version} is one {@code revision} may pick: itself, or a version in its range. */
  static boolean admits(String revision, String version) {
    String wanted = revision == null || revision.isBlank() || revision.equals("HEAD") ? "*" : revision.strip();
    return wanted.equals(version) || SemverRange.parse(wanted)
        .flatMap(r -> Semver.parse(version).map(r::matches)).orElse(false);
  }

  private static List<Entry> entries(byte[] index, String chart, String what) {
    JsonNode root;
    try {
      root = yaml(index.length).readTree(index);
    } catch (IOException | RuntimeException e) {
      // SnakeYAML's message may quote the document: keep only that it failed.
      throw new SourceException(Failure.NOT_FOUND, what + ": index.yaml is not a readable chart repository index");
    }
    JsonNode list = root == null ? null : root.path("entries").path(chart);
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new SourceException(Failure.REVISION_NOT_FOUND, what + ": the index lists no chart " + chart);
    }
    List<Entry> out = new ArrayList<>();
    for (JsonNode n : list) {
      String version = n.path("version").asText("");
      if (version.isEmpty() || !n.path("urls").isArray() || n.path("urls").isEmpty()) {
        continue; // an entry helm could not download either
      }
      List<String> urls = new ArrayList<>();
      n.path("urls").forEach(u -> urls.add(u.asText()));
      String digest = n.path("digest").asText("");
      out.add(new Entry(version, List.copyOf(urls), DIGEST.matcher(digest).matches()
          ? digest.replaceFirst("^sha256:", "").toLowerCase() : null, created(n.path("created").asText(""))));
    }
    return out;
  }

  private static Instant created(String text) {
    try {
      return text.isEmpty() ? Instant.EPOCH : Instant.parse(text);
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }

  /** A reader bounded to the index's own size, without the aliases a hostile index would multiply. */
  private static YAMLMapper yaml(int size) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(50);
    options.setCodePointLimit(Math.max(size, 1024));
    return new YAMLMapper(YAMLFactory.builder().loaderOptions(options).build());
  }
}
