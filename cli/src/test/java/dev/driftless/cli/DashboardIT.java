package dev.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.functions.Functions;
import dev.driftless.health.HealthStatus;
import dev.driftless.source.TestRepo;
import dev.driftless.state.HistoryEntry;
import dev.driftless.testkit.LocalAws;
import dev.driftless.testkit.LocalClusters;
import dev.driftless.testkit.LocalKubernetes;
import dev.driftless.testkit.Processes;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in a real headless chromium, served by the CLI's dashboard server in this JVM, against the local
 * runner and the local cluster c1: the list, drift after a refresh, the diff with a Secret masked, a sync and a
 * rollback from the page, and a viewer's refused sync shown as a message. Screenshots for the README go to
 * target/dashboard/.
 */
@LocalAws
@LocalKubernetes
class DashboardIT {

  private static final Duration PAGE = Duration.ofSeconds(30);
  private static final Duration OPERATION = Duration.ofSeconds(120);
  private static final String APP = "web";
  /** A commit message as a hostile author writes it: the pages must show it as text, never as markup. */
  private static final String HOSTILE = "stage two <img src=x onerror=\"document.title='pwned'\">";
  private static final String VIEWER = "arn:aws:sts::111122223333:assumed-role/dash-viewer/cli";
  /** A Deployment, a Service and a Secret, as examples/guestbook's frontend is, with a stage and a password. */
  private static final String MANIFESTS = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: 1
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers:
              - name: web
                image: registry.example/web:1
                env: [{name: STAGE, value: "%s"}]
                ports: [{containerPort: 80}]
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec:
        selector: {app: web}
        ports: [{port: 80}]
      ---
      apiVersion: v1
      kind: Secret
      metadata: {name: web-credentials}
      type: Opaque
      stringData: {password: "%s"}
      """;

  @TempDir Path tmp;
  private RunnerFixture local;
  private Functions fn;
  private TestRepo repo;
  private String url;
  private String ns;
  private DashboardServer dashboard;
  private DashboardServer viewerDashboard;
  private Browser browser;
  private final StringWriter refusals = new StringWriter();

  @BeforeEach
  void start(LocalClusters clusters) throws IOException {
    local = RunnerFixture.start(tmp, clusters);
    fn = local.fn;
    // Commits of a few minutes ago, so the screenshots show a revision's age as a reader would see it.
    repo = local.repo.datedFrom(Instant.now().minus(Duration.ofMinutes(5)));
    url = local.url;
    ns = "dash-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void stop(LocalClusters clusters) {
    if (browser != null) browser.close();
    if (dashboard != null) dashboard.close();
    if (viewerDashboard != null) viewerDashboard.close();
    local.close();
    clusters.client("c1").namespaces().withName(ns).delete();
  }

  @Test
  void theDashboardShowsDriftAndAMaskedDiffSyncsAndRollsBackFromThePageAndShowsARefusedSync(LocalClusters clusters)
      throws Exception {
    String[] canaries = {canary(), canary(), canary()};
    RevCommit first = repo.commit("stage one", TestRepo.files("apps/web/all.yaml",
        MANIFESTS.formatted("one", canaries[0]), "apps/settings/cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {mode: one}\n"));
    create(APP, "apps/web");
    // Registered, never synced: the list shows it OutOfSync beside the synced one.
    create("settings", "apps/settings");
    cli("app", "sync", APP, "--wait", "--interval", "200ms", "--timeout", "2m");
    repo.commit(HOSTILE, TestRepo.files("apps/web/all.yaml", MANIFESTS.formatted("two", canaries[1])));
    cli("app", "sync", APP, "--wait", "--interval", "200ms", "--timeout", "2m");
    awaitHealthy();

    dashboard = DashboardServer.start(new ApiClient(URI.create(url), null, HttpClient.newHttpClient()),
        UiCommand.PAGES, 0, new PrintWriter(refusals));
    browser = Browser.start();

    listShowsTheApplicationSyncedAndHealthyAndFiltersIt();
    clustersPageCountsTheApplication();
    browser.open(dashboard.url() + "#/applications/" + APP);
    browser.waitFor(By.cssSelector("[data-object='Deployment/web']"), PAGE);

    clusters.client("c1").apps().deployments().inNamespace(ns).withName("web").scale(3);
    refreshFromThePage();
    browser.waitUntil(d -> d.findElement(By.cssSelector("[data-object='Deployment/web']")).getText()
        .contains("OutOfSync"), PAGE, "the scaled Deployment marked OutOfSync after Refresh");
    browser.waitUntil(d -> d.findElement(By.cssSelector("[data-change='Deployment/web']")).getText()
        .contains("replicas: 3"), PAGE, "the diff naming the changed replicas");
    browser.click(By.cssSelector("input[data-diff-mode='split']"));
    assertThat(browser.text(By.cssSelector("[data-change='Deployment/web'] table.diff.split")))
        .as("side by side: live on the left, Git on the right").contains("replicas: 3").contains("replicas: 1");

    repo.commit("new password", TestRepo.files("apps/web/all.yaml", MANIFESTS.formatted("two", canaries[2])));
    refreshFromThePage();
    browser.waitFor(By.cssSelector("[data-change='Secret/web-credentials']"), PAGE);
    assertThat(browser.text(By.cssSelector("[data-change='Secret/web-credentials']"))).as("the Secret's data masked").contains("password: ").contains("*** (");
    assertNoCanary(canaries);
    browser.click(By.cssSelector("input[data-diff-mode='unified']"));
    browser.waitFor(By.cssSelector("[data-change='Deployment/web'] table.diff.unified"), PAGE);
    assertThat(browser.accessibilityProblems()).as("application page").isEmpty();
    // Tall enough for the tree and the diff beside it.
    browser.driver().manage().window().setSize(new Dimension(1280, 1100));
    browser.screenshot(Path.of("target/dashboard/application.png"), 1000);
    browser.driver().manage().window().setSize(new Dimension(1280, 860));

    syncFromThePageAfterADryRun(clusters, canaries[2]);
    rollBackToTheFirstEntry(clusters, first, canaries[0]);
    assertNoCanary(canaries);
    assertThat(browser.accessibilityProblems()).as("application page after the rollback").isEmpty();
    assertThat(browser.consoleErrors()).as("script errors, failed loads, CSP violations").isEmpty();

    viewersSyncIsRefusedWithTheMissingPermission();
    automatedApplicationOffersNoRollback();
    aMultiSourceApplicationShowsEachSource();
    aCommitStatusLinkWithoutTheHashOpensTheApplication();
  }

  private void listShowsTheApplicationSyncedAndHealthyAndFiltersIt() {
    browser.open(dashboard.url().toString());
    By row = By.xpath("//a[@data-focus='app-" + APP + "']/ancestor::tr");
    browser.waitUntil(d -> {
      String text = d.findElement(row).getText();
      return text.contains("Synced") && text.contains("Healthy");
    }, PAGE, "the list's row Synced and Healthy");
    assertThat(browser.text(row)).contains("default").contains("c1").contains(ns);
    assertThat(browser.accessibilityProblems()).as("applications page").isEmpty();
    browser.screenshot(Path.of("target/dashboard/applications.png"), 1000);

    select("filter-sync", "OutOfSync");
    browser.waitUntil(d -> d.findElements(row).isEmpty(), PAGE, "the Synced row filtered out");
    assertThat(browser.driver().getCurrentUrl()).endsWith("#/applications?sync=OutOfSync");
    browser.driver().navigate().refresh();
    browser.waitUntil(d -> d.findElement(By.cssSelector(".summary")).getText().equals("1 of 2 applications"), PAGE,
        "the filter kept in the link after a reload");
    select("filter-sync", "");
    browser.waitFor(row, PAGE);
  }

  private void refreshFromThePage() {
    // A refresh is refused (409) while an operation is in flight: the scans before it may have left one.
    Processes.await("no operation on " + APP, OPERATION, () -> fn.parts().status().get(APP).operation() == null);
    browser.click(By.cssSelector("[data-action='refresh']"));
  }

  private void select(String focusKey, String value) {
    By select = By.cssSelector("select[data-focus='" + focusKey + "']");
    browser.waitUntil(d -> {
      new Select(d.findElement(select)).selectByValue(value);
      return true;
    }, PAGE, select + " to take " + value);
  }

  private void clustersPageCountsTheApplication() {
    browser.click(By.cssSelector("[data-nav='clusters']"));
    assertThat(browser.text(By.cssSelector("a[href='#/applications?cluster=c1']"))).isEqualTo("2");
    // The scans that recorded the Application's health reached c1 and read its version.
    assertThat(browser.text(By.xpath("//th[text()='c1']/ancestor::tr"))).contains("kubeconfig").contains("Reachable")
        .containsPattern(" v1\\.\\d+");
    assertThat(browser.accessibilityProblems()).as("clusters page").isEmpty();
  }

  /**
   * Esc closes the Sync dialog and focus returns to its button; a dry run from it lists the change and writes
   * nothing; then the real sync, confirmed.
   */
  private void syncFromThePageAfterADryRun(LocalClusters clusters, String password) {
    browser.click(By.cssSelector("[data-action='sync']"));
    browser.waitFor(By.cssSelector("dialog[open]"), PAGE).sendKeys(Keys.ESCAPE);
    browser.waitUntil(d -> d.findElements(By.cssSelector("dialog")).isEmpty(), PAGE, "the dialog closed by Esc");
    assertThat(browser.driver().switchTo().activeElement().getAttribute("data-action")).isEqualTo("sync");
    browser.click(By.cssSelector("[data-action='sync']"));
    browser.click(By.cssSelector("dialog input[type='checkbox'][id^='sync-dry']"));
    browser.click(By.cssSelector("[data-sync-go]"));
    browser.waitUntil(d -> d.findElement(By.cssSelector("[data-dry-run]")).getText()
        .contains("Deployment " + ns + "/web"), PAGE, "the dry run listing the Deployment");
    assertThat(deployment(clusters).getSpec().getReplicas()).as("a dry run writes nothing").isEqualTo(3);
    browser.click(By.cssSelector("dialog input[type='checkbox'][id^='sync-dry']"));
    browser.click(By.cssSelector("[data-sync-go]"));
    WebElement confirm = browser.waitFor(By.cssSelector("[data-confirm]"), PAGE);
    assertThat(browser.text(By.cssSelector("dialog[open]"))).contains("Sync " + APP + " to main?");
    confirm.click();
    Processes.await("replicas back to 1 and the new password", OPERATION, () ->
        deployment(clusters).getSpec().getReplicas() == 1 && password.equals(password(clusters)));
    browser.waitUntil(d -> d.findElement(By.cssSelector("[data-fact='Sync status']")).getText().equals("Synced"),
        OPERATION, "the page showing Synced");
    assertThat(browser.driver().switchTo().activeElement().getAttribute("data-action"))
        .as("focus back on the Sync button").isEqualTo("sync");
  }

  private void rollBackToTheFirstEntry(LocalClusters clusters, RevCommit first, String password) {
    List<HistoryEntry> history = fn.parts().status().history(APP, 10);
    HistoryEntry oldest = history.get(history.size() - 1);
    assertThat(oldest.revision()).isEqualTo(first.getName());
    By entries = By.cssSelector("ol.timeline > li");
    browser.waitUntil(d -> d.findElements(entries).size() == history.size(), PAGE, "the history's entries");
    assertThat(browser.text(By.cssSelector("ol.timeline"))).as("the hostile commit message shown as text")
        .contains(HOSTILE);
    assertThat(browser.driver().findElements(By.cssSelector("main img"))).as("no element made from API text")
        .isEmpty();
    browser.click(By.cssSelector("[data-history='" + oldest.id() + "'] button.rollback"));
    WebElement confirm = browser.waitFor(By.cssSelector("[data-confirm]"), PAGE);
    assertThat(browser.text(By.cssSelector("dialog[open]"))).contains(first.getName().substring(0, 7));
    confirm.click();
    browser.waitUntil(d -> d.findElements(entries).size() == history.size() + 1
        && d.findElement(By.cssSelector("ol.timeline > li:first-child [data-trigger]")).getText().equals("rollback"),
        OPERATION, "a new rollback entry at the top of the history");
    Processes.await("the first revision live again", OPERATION, () -> password.equals(password(clusters))
        && "one".equals(deployment(clusters).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
            .get(0).getValue()));
  }

  /** A second dashboard acting as a caller who may only read: Sync answers 403, shown with the permission. */
  private void viewersSyncIsRefusedWithTheMissingPermission() throws IOException {
    Path policy = tmp.resolve("policy.yaml");
    Files.writeString(policy, "bindings:\n  - {principal: \"arn:aws:iam::111122223333:role/dash-viewer\", "
        + "role: viewer, projects: [default]}\n");
    cli("access", "set", "-f", policy.toString());
    viewerDashboard = DashboardServer.start(new ApiClient(URI.create(url), null, HttpClient.newHttpClient(), VIEWER),
        UiCommand.PAGES, 0, new PrintWriter(refusals));
    int errorsBefore = browser.consoleErrors().size();
    browser.open(viewerDashboard.url() + "#/applications/" + APP);
    browser.waitUntil(d -> d.findElement(By.id("caller")).getText().contains("dash-viewer"), PAGE,
        "the viewer named in the header");
    assertThat(browser.text(By.id("caller"))).contains("(viewer on default)");
    assertThat(browser.text(By.cssSelector("[data-resources] [role='alert']")))
        .as("the objects, which need applications/diff, refused in their own section")
        .contains("Missing permission: applications/diff on project default (application " + APP + ")");
    browser.click(By.cssSelector("[data-action='sync']"));
    browser.click(By.cssSelector("[data-sync-go]"));
    browser.click(By.cssSelector("[data-confirm]"));
    String alert = browser.text(By.cssSelector("[data-errors='actions'] [role='alert']"));
    assertThat(alert).contains("Missing permission: applications/sync on project default (application " + APP + ")");
    browser.click(By.cssSelector("[data-nav='applications']"));
    browser.waitFor(By.xpath("//a[@data-focus='app-" + APP + "']"), PAGE);
    assertThat(browser.consoleErrors().subList(errorsBefore, browser.consoleErrors().size()))
        .as("only the refused requests, no script error or CSP violation")
        .allSatisfy(e -> assertThat(e).contains("status of 403"));
  }

  private void assertNoCanary(String[] canaries) {
    String source = browser.driver().getPageSource();
    for (String canary : canaries) {
      String encoded = Base64.getEncoder().encodeToString(canary.getBytes(StandardCharsets.UTF_8));
      // Not assertThat(source).doesNotContain(...): its failure message would print the value.
      assertThat(source.contains(canary) || source.contains(encoded)).as("a Secret value in the page source")
          .isFalse();
    }
  }

  private void awaitHealthy() {
    local.awaitScanned(APP + " Healthy", OPERATION, () -> fn.parts().status().get(APP).health() == HealthStatus.HEALTHY);
  }

  private Deployment deployment(LocalClusters clusters) {
    return clusters.client("c1").apps().deployments().inNamespace(ns).withName("web").get();
  }

  private String password(LocalClusters clusters) {
    Secret s = clusters.client("c1").secrets().inNamespace(ns).withName("web-credentials").get();
    return s == null ? null : new String(Base64.getDecoder().decode(s.getData().get("password")),
        StandardCharsets.UTF_8);
  }

  private void create(String name, String path) throws IOException {
    // Not automated: drift stays until synced from the page, and a rollback is allowed.
    cli("app", "create", "-f", document(name, path, "{syncOptions: [CreateNamespace=true]}").toString());
  }

  private Path document(String name, String path, String syncPolicy) throws IOException {
    return local.application(name, path, ns, syncPolicy);
  }

  /** A commit status links to {@code <dashboard>/applications/<name>}, as Argo CD's do: the same page opens. */
  private void aCommitStatusLinkWithoutTheHashOpensTheApplication() {
    int errorsBefore = browser.consoleErrors().size();
    browser.open(dashboard.url() + "applications/" + APP);
    assertThat(browser.text(By.cssSelector("[data-fact='Path']"))).isEqualTo("apps/web");
    assertThat(browser.driver().getCurrentUrl()).isEqualTo(dashboard.url() + "#/applications/" + APP);
    assertThat(browser.consoleErrors().subList(errorsBefore, browser.consoleErrors().size()))
        .as("the page's files load from the root").isEmpty();
  }

  /** Argo CD's spec.sources: the page shows every source, numbered. */
  private void aMultiSourceApplicationShowsEachSource() throws IOException {
    cli("app", "create", "-f", local.file("multi.yaml", """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: multi}
        spec:
          sources:
            - {repoURL: "%1$s", targetRevision: main, path: apps/web}
            - {repoURL: "%1$s", targetRevision: main, path: apps/settings}
          destination: {name: c1, namespace: %2$s}
        """.formatted(repo.fileUrl(), ns)).toString());
    browser.open(dashboard.url() + "#/applications/multi");
    assertThat(browser.text(By.cssSelector("[data-fact='Path 1']"))).isEqualTo("apps/web");
    assertThat(browser.text(By.cssSelector("[data-fact='Path 2']"))).isEqualTo("apps/settings");
    assertThat(browser.accessibilityProblems()).as("multi-source application page").isEmpty();
  }

  /** With automated sync on, the API refuses rollbacks: the page says so and offers none. */
  private void automatedApplicationOffersNoRollback() throws IOException {
    cli("app", "create", "--replace", "-f",
        document(APP, "apps/web", "{automated: {}, syncOptions: [CreateNamespace=true]}").toString());
    browser.open(dashboard.url() + "#/applications/" + APP);
    assertThat(browser.text(By.cssSelector("[data-rollback-note]"))).contains("automated sync is on");
    browser.waitUntil(d -> {
      List<WebElement> buttons = d.findElements(By.cssSelector("button.rollback"));
      return !buttons.isEmpty() && buttons.stream().noneMatch(WebElement::isEnabled);
    }, PAGE, "every rollback button of the history disabled");
  }

  private void cli(String... args) {
    local.ok(args);
  }

  private static String canary() {
    return "canary-" + UUID.randomUUID();
  }
}
