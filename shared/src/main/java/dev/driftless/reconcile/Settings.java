package dev.driftless.reconcile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where the reconciler's parts live, read from the environment the functions run in: the state table, the
 * event bus, the Git cache directory and its size bound, the kustomize and helm binaries, and how long
 * history is kept.
 */
public record Settings(String table, String eventBus, Path gitCache, long gitCacheBytes, Path kustomize, Path helm,
    Duration historyRetention) {

  public static Settings fromEnvironment(Map<String, String> env) {
    String table = env.getOrDefault("DRIFTLESS_TABLE", "driftless");
    return new Settings(table,
        env.getOrDefault("DRIFTLESS_EVENT_BUS", "driftless"),
        Path.of(env.getOrDefault("DRIFTLESS_GIT_CACHE", System.getProperty("java.io.tmpdir") + "/driftless-git")),
        Long.parseLong(env.getOrDefault("DRIFTLESS_GIT_CACHE_BYTES", Long.toString(384L << 20))),
        Path.of(env.getOrDefault("DRIFTLESS_KUSTOMIZE", "/opt/bin/kustomize")),
        Path.of(env.getOrDefault("DRIFTLESS_HELM", "/opt/bin/helm")),
        Duration.ofDays(Long.parseLong(env.getOrDefault("DRIFTLESS_HISTORY_DAYS", "90"))));
  }
}
