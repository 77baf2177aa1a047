package dev.driftless.reconcile;

import dev.driftless.health.CustomHealth;
import dev.driftless.project.Projects;
import dev.driftless.secrets.SecretLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where the reconciler's parts live, read from the environment the functions run in: the state table, the
 * event bus, the Git cache directory and its size bound, the kustomize and helm binaries, how long history is
 * kept, the Secrets Manager layout, the role that resolves references, whether repositories on the local file system
 * may be fetched (only the local runner and tests allow that; in AWS a repository is a remote URL), what the
 * implicit {@code default} project allows ({@link Projects#DEFAULT_PROJECT_ENV}), the custom health rules
 * ({@link CustomHealth#ENV}, compiled here so that a bad one stops the function as it starts), and the sync
 * timeout ({@link #SYNC_TIMEOUT}).
 */
public record Settings(String table, String eventBus, Path gitCache, long gitCacheBytes, Path kustomize, Path helm,
    Duration historyRetention, SecretLayout secrets, boolean localRepositories, String resolverRoleArn,
    Projects.ImplicitDefault defaultProject, Path jsonnet, CustomHealth health, Duration syncTimeout) {

  /** Set to {@code true} by the local runner: {@code file://} and path repositories may be fetched. */
  public static final String LOCAL_REPOSITORIES = "DRIFTLESS_LOCAL_REPOSITORIES";
  /**
   * The role whose credentials resolve references: it may read only {@code <prefix>refs/*}, so even a flaw in the
   * resolver's own check cannot read a credential. Unset (local runs): the function's own credentials.
   */
  public static final String RESOLVER_ROLE_ARN = "DRIFTLESS_RESOLVER_ROLE_ARN";
  /** go-jsonnet's jsonnet (with jsonnet-deps beside it); the tools layer puts both in /opt/bin. */
  public static final String JSONNET = "DRIFTLESS_JSONNET";
  private static final String DEFAULT_JSONNET = "/opt/bin/jsonnet";
  /** How long a sync's waits for health may take, in seconds ({@link ReconcilerOptions#syncTimeout}). */
  public static final String SYNC_TIMEOUT = "DRIFTLESS_SYNC_TIMEOUT_SECONDS";

  public Settings {
    secrets = secrets == null ? SecretLayout.defaults() : secrets;
    defaultProject = defaultProject == null ? Projects.ImplicitDefault.PERMISSIVE : defaultProject;
    jsonnet = jsonnet == null ? Path.of(DEFAULT_JSONNET) : jsonnet;
    health = health == null ? CustomHealth.none() : health;
    syncTimeout = syncTimeout == null ? ReconcilerOptions.SYNC_TIMEOUT : syncTimeout;
  }

  /** Settings with the default sync timeout. */
  public Settings(String table, String eventBus, Path gitCache, long gitCacheBytes, Path kustomize, Path helm,
      Duration historyRetention, SecretLayout secrets, boolean localRepositories, String resolverRoleArn,
      Projects.ImplicitDefault defaultProject, Path jsonnet, CustomHealth health) {
    this(table, eventBus, gitCache, gitCacheBytes, kustomize, helm, historyRetention, secrets, localRepositories,
        resolverRoleArn, defaultProject, jsonnet, health, null);
  }

  /** Settings with the jsonnet binary of the tools layer and no custom health rules. */
  public Settings(String table, String eventBus, Path gitCache, long gitCacheBytes, Path kustomize, Path helm,
      Duration historyRetention, SecretLayout secrets, boolean localRepositories, String resolverRoleArn,
      Projects.ImplicitDefault defaultProject) {
    this(table, eventBus, gitCache, gitCacheBytes, kustomize, helm, historyRetention, secrets, localRepositories,
        resolverRoleArn, defaultProject, null, null);
  }

  /** Settings with Argo CD's permissive implicit default project. */
  public Settings(String table, String eventBus, Path gitCache, long gitCacheBytes, Path kustomize, Path helm,
      Duration historyRetention, SecretLayout secrets, boolean localRepositories, String resolverRoleArn) {
    this(table, eventBus, gitCache, gitCacheBytes, kustomize, helm, historyRetention, secrets, localRepositories,
        resolverRoleArn, Projects.ImplicitDefault.PERMISSIVE);
  }

  /** The same settings with the implicit default project {@code mode}. */
  public Settings withDefaultProject(Projects.ImplicitDefault mode) {
    return new Settings(table, eventBus, gitCache, gitCacheBytes, kustomize, helm, historyRetention, secrets,
        localRepositories, resolverRoleArn, mode, jsonnet, health, syncTimeout);
  }

  /** The same settings with the custom health rules {@code rules}. */
  public Settings withHealth(CustomHealth rules) {
    return new Settings(table, eventBus, gitCache, gitCacheBytes, kustomize, helm, historyRetention, secrets,
        localRepositories, resolverRoleArn, defaultProject, jsonnet, rules, syncTimeout);
  }

  /** Settings with the default secret layout and local repositories allowed (tests and the local runner). */
  public Settings(String table, String eventBus, Path gitCache, long gitCacheBytes, Path kustomize, Path helm,
      Duration historyRetention) {
    this(table, eventBus, gitCache, gitCacheBytes, kustomize, helm, historyRetention, SecretLayout.defaults(), true,
        null);
  }

  public static Settings fromEnvironment(Map<String, String> env) {
    String table = env.getOrDefault("DRIFTLESS_TABLE", "driftless");
    return new Settings(table,
        env.getOrDefault("DRIFTLESS_EVENT_BUS", "driftless"),
        Path.of(env.getOrDefault("DRIFTLESS_GIT_CACHE", System.getProperty("java.io.tmpdir") + "/driftless-git")),
        Long.parseLong(env.getOrDefault("DRIFTLESS_GIT_CACHE_BYTES", Long.toString(384L << 20))),
        Path.of(env.getOrDefault("DRIFTLESS_KUSTOMIZE", "/opt/bin/kustomize")),
        Path.of(env.getOrDefault("DRIFTLESS_HELM", "/opt/bin/helm")),
        Duration.ofDays(Long.parseLong(env.getOrDefault("DRIFTLESS_HISTORY_DAYS", "90"))),
        SecretLayout.fromEnvironment(env),
        Boolean.parseBoolean(env.getOrDefault(LOCAL_REPOSITORIES, "false")),
        env.get(RESOLVER_ROLE_ARN) == null || env.get(RESOLVER_ROLE_ARN).isBlank() ? null : env.get(RESOLVER_ROLE_ARN),
        Projects.ImplicitDefault.fromEnvironment(env),
        Path.of(env.getOrDefault(JSONNET, DEFAULT_JSONNET)),
        CustomHealth.fromSetting(env.get(CustomHealth.ENV)),
        syncTimeout(env.get(SYNC_TIMEOUT)));
  }

  /** The sync timeout a setting gives: a positive number of seconds; the default when unset. */
  static Duration syncTimeout(String seconds) {
    if (seconds == null || seconds.isBlank()) return null;
    try {
      long s = Long.parseLong(seconds.strip());
      if (s > 0) return Duration.ofSeconds(s);
    } catch (NumberFormatException e) {
      // Reported below, with the value.
    }
    throw new IllegalArgumentException(SYNC_TIMEOUT + ": expected a positive number of seconds, found '" + seconds
        + "'");
  }
}
