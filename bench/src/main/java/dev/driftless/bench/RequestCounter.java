package dev.driftless.bench;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the HTTP requests a fabric8 client sends, by kind (GET, LIST, PATCH, PATCH dry-run, ...), through
 * the client's own interceptor chain: installed with
 * {@code KubernetesClientBuilder.withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor(...))}.
 */
public final class RequestCounter implements Interceptor {

  public static final String NAME = "driftless-bench-counter";

  private final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    byKind.computeIfAbsent(kindOf(request), k -> new LongAdder()).increment();
  }

  static String kindOf(HttpRequest request) {
    String method = request.method();
    String query = request.uri().getRawQuery() == null ? "" : request.uri().getRawQuery();
    String path = request.uri().getPath();
    if (query.contains("dryRun=All")) {
      return method + " dry-run";
    }
    if ("GET".equals(method) && (path.equals("/api") || path.equals("/apis") || path.matches("/api/[^/]+")
        || path.matches("/apis/[^/]+(/[^/]+)?"))) {
      return "GET discovery";
    }
    return method;
  }

  /** Forgets what was counted. */
  public void reset() {
    byKind.clear();
  }

  public long total() {
    return byKind.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Counts per kind, sorted by kind. */
  public Map<String, Long> byKind() {
    Map<String, Long> out = new TreeMap<>();
    byKind.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
