package dev.driftless.local;

import dev.driftless.cluster.ClusterRegistration;
import dev.driftless.functions.SyncMessage;
import dev.driftless.functions.queue.SqsWorkQueue;
import dev.driftless.functions.queue.WorkQueue;
import dev.driftless.functions.webhook.WebhookOptions;
import dev.driftless.secrets.SecretLayout;
import dev.driftless.state.AppStatus;
import dev.driftless.state.ApplicationStore;
import dev.driftless.state.ClusterStore;
import dev.driftless.state.HistoryEntry;
import dev.driftless.state.StatusStore;
import dev.driftless.state.Trigger;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The README's first command, after the environment and the runner are up: commits the example Application
 * from {@code examples/guestbook} into a local Git repository, registers the local cluster and the
 * Application, syncs it through the queue the runner serves, prints status and history; then commits a
 * change, pushes it the same way, and prints what changed in the cluster.
 *
 * <p>Arguments: the repository root (for examples/), the work directory, the kubeconfig of the local
 * cluster.
 */
public final class Demo {

  private static final PersonIdent DEV = new PersonIdent("Dev Example", "dev@example.com");
  /** The local cluster the example deploys to (examples/guestbook/application.yaml names it). */
  static final String CLUSTER = "c1";

  private final PrintStream out;
  private final ApplicationStore apps;
  private final StatusStore status;
  private final WorkQueue queue;
  private final String runnerUrl;
  private final Clock clock = Clock.systemUTC();
  private String webhookSecret;

  Demo(PrintStream out, ApplicationStore apps, StatusStore status, WorkQueue queue, String runnerUrl) {
    this.out = out;
    this.apps = apps;
    this.status = status;
    this.queue = queue;
    this.runnerUrl = runnerUrl;
  }

  public static void main(String[] args) throws Exception {
    Path repoRoot = Path.of(args[0]);
    Path work = Path.of(args[1]);
    Path kubeconfig = Path.of(args[2]);
    String runnerUrl = args[3];
    String prefix = System.getenv().getOrDefault("DRIFTLESS_LOCAL_PREFIX", "driftless-local");
    DynamoDbClient ddb = DynamoDbClient.create();
    SqsClient sqs = SqsClient.create();
    LocalRunner.Resources res = LocalRunner.provision(ddb, sqs, EventBridgeClient.create(), prefix);
    Demo demo = new Demo(System.out, new ApplicationStore(ddb, res.table(), Clock.systemUTC()),
        new StatusStore(ddb, res.table(), Duration.ofDays(30)), new SqsWorkQueue(sqs, res.queueUrl(), res.delayQueueUrl()), runnerUrl);
    ClusterStore clusters = new ClusterStore(ddb, res.table());
    SecretsManagerClient sm = SecretsManagerClient.create();
    boolean audited = registerCluster(clusters, sm, kubeconfig);
    Path repoDir = work.resolve("example-repo");
    demo.webhookSecret = webhookSecret(sm, repoDir, work);
    demo.run(repoRoot.resolve("examples/guestbook"), repoDir, kubeconfig, audited);
    installHook(repoRoot, repoDir, work);
  }

  /**
   * The example repository's webhook secret, stored where the webhook function looks for it
   * ({@code driftless/webhooks/<normalized repository>}) and, for the Git hook, in the work directory.
   */
  static String webhookSecret(SecretsManagerClient sm, Path repoDir, Path work) throws IOException {
    String id = WebhookOptions.DEFAULT_PREFIX + ApplicationStore.normalizeRepo(repoDir.toUri().toString());
    String secret = UUID.randomUUID().toString();
    try {
      sm.createSecret(r -> r.name(id).secretString(secret));
    } catch (ResourceExistsException e) {
      sm.putSecretValue(r -> r.secretId(id).secretString(secret));
    }
    Path file = work.resolve("webhook-secret");
    Files.writeString(file, secret);
    file.toFile().setReadable(false, false);
    file.toFile().setReadable(true, true);
    return secret;
  }

  /** A post-commit hook: every `git commit` in the example repository sends a signed push to the runner. */
  static void installHook(Path repoRoot, Path repoDir, Path work) throws IOException {
    Path hook = repoDir.resolve(".git/hooks/post-commit");
    Files.createDirectories(hook.getParent());
    Files.writeString(hook, "#!/bin/sh\nexec \"" + repoRoot.resolve("scripts/git-push-webhook") + "\" \""
        + work + "\"\n");
    hook.toFile().setExecutable(true);
  }

  /**
   * Registers the local cluster {@code c1} as its {@code driftless} user (scripts/cluster writes that kubeconfig
   * beside the admin's), so that the demo's own writes, as admin, are drift; and stores the token its audit webhook
   * sends. False when the clusters were started without audit events (by an older scripts/cluster).
   */
  static boolean registerCluster(ClusterStore clusters, SecretsManagerClient sm, Path adminKubeconfig)
      throws IOException {
    Path dir = adminKubeconfig.resolveSibling(CLUSTER);
    Path driftless = dir.resolve("driftless.kubeconfig");
    String id = "driftless/clusters/" + CLUSTER;
    store(sm, id, Files.readString(Files.exists(driftless) ? driftless : adminKubeconfig));
    clusters.put(ClusterRegistration.kubeconfig(CLUSTER, id));
    Path token = dir.resolve("audit-token");
    if (!Files.exists(token)) return false;
    store(sm, SecretLayout.defaults().auditWebhooks() + CLUSTER, Files.readString(token).strip());
    return true;
  }

  private static void store(SecretsManagerClient sm, String id, String value) {
    try {
      sm.createSecret(r -> r.name(id).secretString(value));
    } catch (ResourceExistsException e) {
      sm.putSecretValue(r -> r.secretId(id).secretString(value));
    }
  }

  void run(Path example, Path repoDir, Path kubeconfig, boolean audited) throws Exception {
    try (Git git = openOrInit(repoDir)) {
      copyTree(example, repoDir.resolve("apps/guestbook"));
      RevCommit first = commit(git, "Add the guestbook application");
      out.println("== committed " + first.getName().substring(0, 7) + " to " + repoDir.toUri());

      String doc = Files.readString(example.resolve("application.yaml"))
          .replace("REPO_URL", "\"" + repoDir.toUri() + "\"");
      long version = apps.get("guestbook").map(ApplicationStore.Stored::version).orElse(0L);
      apps.put(doc, "examples/guestbook/application.yaml", version);
      out.println("== registered application guestbook (cluster " + CLUSTER + ", namespace guestbook)");

      sync(first, "first sync");
      printState("guestbook");

      Path cm = repoDir.resolve("apps/guestbook/kustomization.yaml");
      Files.writeString(cm, Files.readString(cm).replace("THEME=blue", "THEME=green"));
      Path fe = repoDir.resolve("apps/guestbook/frontend.yaml");
      Files.writeString(fe, Files.readString(fe).replace("replicas: 2", "replicas: 3"));
      RevCommit second = commit(git, "Frontend: three replicas, green theme");
      out.println();
      out.println("== committed " + second.getName().substring(0, 7) + ": " + second.getShortMessage());
      Instant pushed = clock.instant();
      pushWebhook(repoDir, first, second);
      waitFor(second, "push", pushed);
      printState("guestbook");
      printCluster(kubeconfig);
      if (audited) {
        driftByHand(kubeconfig);
      } else {
        out.println("\n(The clusters were started without audit events: scripts/local down, then scripts/run, to see"
            + " a hand-made change reverted in seconds.)");
      }
    }
  }

  /**
   * Scales the frontend by hand, as the cluster's admin: the API server's audit event reaches the runner, which
   * queues a reconcile of guestbook, and selfHeal reverts the change.
   */
  private void driftByHand(Path kubeconfig) throws IOException {
    try (KubernetesClient k = new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build()) {
      out.println();
      out.println("== scaling guestbook/frontend to 6 by hand (as admin, like kubectl scale)");
      Instant asked = clock.instant();
      k.apps().deployments().inNamespace("guestbook").withName("frontend").scale(6);
      Instant deadline = asked.plus(Duration.ofMinutes(1));
      while (clock.instant().isBefore(deadline)) {
        List<HistoryEntry> h = status.history("guestbook", 1);
        if (!h.isEmpty() && h.get(0).trigger() == Trigger.AUDIT && !h.get(0).startedAt().isBefore(asked)) {
          out.println("== " + h.get(0).result() + " after " + Duration.between(asked, clock.instant()).toMillis()
              + " ms: " + h.get(0).message() + " (" + h.get(0).deliveryId() + ")");
          printCluster(kubeconfig);
          return;
        }
        pause();
      }
    }
    throw new IllegalStateException("the runner did not revert the hand-made scale within a minute; see its log");
  }

  private void sync(RevCommit commit, String what) {
    Instant asked = clock.instant();
    queue.enqueue(new SyncMessage("guestbook", Trigger.PUSH, commit.getName(), asked, null, null),
        "guestbook-" + commit.getName());
    out.println("== " + what + ": queued; waiting for the runner to sync " + commit.getName().substring(0, 7));
    waitFor(commit, what, asked);
  }

  /** Sends the push as a Git server would: a webhook signed with the repository's secret, to the runner. */
  private void pushWebhook(Path repoDir, RevCommit before, RevCommit after) throws Exception {
    String body = "{\"repository\":\"" + repoDir.toUri() + "\",\"ref\":\"refs/heads/main\",\"before\":\""
        + before.getName() + "\",\"after\":\"" + after.getName() + "\"}";
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(webhookSecret.getBytes(StandardCharsets.UTF_8),
        "HmacSHA256"));
    String signature = "sha256=" + HexFormat.of().formatHex(
        mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    String delivery = UUID.randomUUID().toString();
    var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder()
            .uri(URI.create(runnerUrl + "/webhook"))
            .header("Content-Type", "application/json")
            .header("X-Driftless-Event", "push")
            .header("X-Driftless-Delivery", delivery)
            .header("X-Driftless-Signature", signature)
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    out.println("== push webhook (delivery " + delivery.substring(0, 8) + ") answered " + response.statusCode()
        + " " + response.body());
  }

  private void waitFor(RevCommit commit, String what, Instant asked) {
    Instant deadline = asked.plus(Duration.ofMinutes(3));
    while (clock.instant().isBefore(deadline)) {
      List<HistoryEntry> h = status.history("guestbook", 1);
      if (!h.isEmpty() && commit.getName().equals(h.get(0).revision()) && !h.get(0).startedAt().isBefore(asked.minusSeconds(1))) {
        out.println("== " + h.get(0).result() + ": " + h.get(0).message()
            + (h.get(0).deliveryId() == null ? "" : " (delivery " + h.get(0).deliveryId() + ")"));
        return;
      }
      pause();
    }
    throw new IllegalStateException("the runner did not record a sync of " + commit.getName()
        + " within 3 minutes; see its log");
  }

  /** Between two polls of the state table for the runner's record; every poll is bounded by a deadline. */
  private static void pause() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the runner", e);
    }
  }

  private void printState(String app) {
    AppStatus st = status.get(app);
    // Columns as wide as their longest word: OutOfSync, Progressing.
    out.printf("%nAPPLICATION  SYNC       HEALTH       REVISION  OBJECTS  LAST%n");
    out.printf("%-12s %-10s %-12s %-9s %-8d %s%n", app, st.sync().displayName(), st.health().displayName(),
        st.revision() == null ? "-" : st.revision().substring(0, 7), st.inventory().entries().size(),
        st.lastResult());
    out.printf("%nHISTORY%n%-20s %-9s %-8s %-10s %s%n", "STARTED", "REVISION", "TRIGGER", "RESULT", "CHANGES");
    for (HistoryEntry h : status.history(app, 10)) {
      out.printf("%-20s %-9s %-8s %-10s %s%n", h.startedAt().toString().substring(0, 19),
          h.revision() == null ? "-" : h.revision().substring(0, 7), h.trigger().word(), h.result(), h.counts());
    }
  }

  private void printCluster(Path kubeconfig) throws IOException {
    try (KubernetesClient k = new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build()) {
      var d = k.apps().deployments().inNamespace("guestbook").withName("frontend").get();
      out.printf("%nIn the cluster: deployment guestbook/frontend has %d replicas (%d ready);",
          d.getSpec().getReplicas(), d.getStatus() == null || d.getStatus().getReadyReplicas() == null ? 0
              : d.getStatus().getReadyReplicas());
      k.configMaps().inNamespace("guestbook").list().getItems().stream()
          .filter(c -> c.getMetadata().getName().startsWith("guestbook-settings"))
          .forEach(c -> out.printf(" configmap %s has THEME=%s%n", c.getMetadata().getName(), c.getData().get("THEME")));
    }
  }

  /** A new repository each run: the demo starts from the example as it is in examples/. */
  private static Git openOrInit(Path dir) throws IOException, GitAPIException {
    if (Files.exists(dir)) {
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
      }
    }
    Files.createDirectories(dir);
    return Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
  }

  private static RevCommit commit(Git git, String message) throws GitAPIException {
    git.add().addFilepattern(".").call();
    PersonIdent now = new PersonIdent(DEV, Instant.now());
    return git.commit().setMessage(message).setAuthor(now).setCommitter(now).setSign(false).setAllowEmpty(true).call();
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (!p.getFileName().toString().equals("application.yaml")) {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
