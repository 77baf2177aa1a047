package dev.driftless.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.model.Application;
import dev.driftless.secrets.SecretsManagerClient;
import dev.driftless.testkit.LocalAws;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source stage against real repositories over file://, with the real Secrets Manager client. */
@LocalAws
class SourceFileIT {

  @TempDir
  Path tmp;

  private TestRepo origin;
  private RevCommit first;
  private RevCommit second;
  private RevCommit third;
  private RevCommit devTip;

  @BeforeEach
  void createOrigin() {
    origin = TestRepo.create(tmp.resolve("origin"));
    first = origin.commit("Add guestbook\n\nThe first version.", Map.of(
        "apps/web/deployment.yaml", "kind: Deployment\n", "apps/web/service.yaml", "kind: Service\n",
        "apps/api/config.yaml", "replicas: 1\n", "docs/readme.md", "# docs\n"));
    origin.tag("v1.0.0", first, true);
    second = origin.commit("Scale api", Map.of("apps/api/config.yaml", "replicas: 2\n"));
    origin.tag("v1.2.0", second, false);
    third = origin.commit("Rename service, drop docs", TestRepo.files("apps/web/service.yaml", null,
        "apps/web/svc.yaml", "kind: Service\n", "docs/readme.md", null, "apps/api/config.yaml", "replicas: 3\n"));
    origin.tag("v2.0.0", third, true);
    origin.branch("dev", first);
    origin.checkout("dev");
    devTip = origin.commit("Dev change", Map.of("apps/web/deployment.yaml", "kind: Deployment # dev\n"));
    origin.checkout("main");
    origin.ref("refs/pull/1/head", devTip);
  }

  @AfterEach
  void closeOrigin() {
    origin.close();
  }

  private Source source(Path cache, long maxBytes) {
    SourceOptions options = SourceOptions.defaults().withCacheDir(cache).withMaxBytes(maxBytes)
        .withLocalRepositories(true);
    // The AWS SDK client keeps its full name: Driftless's SecretsManagerClient of the same simple name wraps it.
    return new Source(new SecretsManagerClient(
        software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.create()), options, Clock.systemUTC());
  }

  private Source source() {
    return source(tmp.resolve("cache"), 0);
  }

  private Application.Source app(String revision) {
    return new Application.Source(origin.fileUrl(), revision, "apps/web", null, null, null, null);
  }

  @Test
  void everyRevisionFormResolvesToItsCommitAndRef() {
    Source source = source();
    record Case(String revision, String ref, RevCommit commit) {}
    List<Case> cases = List.of(
        new Case("HEAD", "refs/heads/main", third),
        new Case("main", "refs/heads/main", third),
        new Case("dev", "refs/heads/dev", devTip),
        new Case("v1.0.0", "refs/tags/v1.0.0", first),
        new Case("v1.2.0", "refs/tags/v1.2.0", second),
        new Case(">=1.0.0 <2.0.0", "refs/tags/v1.2.0", second),
        new Case("^1.0", "refs/tags/v1.2.0", second),
        new Case("~1.0.0", "refs/tags/v1.0.0", first),
        new Case("1.x", "refs/tags/v1.2.0", second),
        new Case("*", "refs/tags/v2.0.0", third),
        new Case("refs/heads/dev", "refs/heads/dev", devTip),
        new Case("refs/tags/v1.0.0", "refs/tags/v1.0.0", first),
        new Case("refs/pull/1/head", "refs/pull/1/head", devTip),
        new Case(third.name(), null, third),
        new Case(first.name(), null, first),
        new Case(devTip.name().substring(0, 10), null, devTip),
        new Case(second.name().substring(0, 8), null, second));
    for (Case c : cases) {
      Checkout checkout = source.fetch(app(c.revision()));
      assertThat(checkout.revision().requested()).isEqualTo(c.revision());
      assertThat(checkout.revision().ref()).as("ref of %s", c.revision()).isEqualTo(c.ref());
      assertThat(checkout.revision().sha()).as("sha of %s", c.revision()).isEqualTo(c.commit().name());
      assertThat(checkout.root().resolve("apps/web/deployment.yaml")).exists();
    }
  }

  @Test
  void onlyTheTrackedRefsHeadAndItsAncestorsAreReachableNotAPullRequestsOrAForcePushedCommit() throws Exception {
    Source source = source();
    source.fetch(app("main")); // a shallow cache first, as the sync leaves it
    assertThat(source.reachable(app("main"), third.getName())).isTrue();
    assertThat(source.reachable(app("main"), first.getName())).isTrue();
    assertThat(source.reachable(app("main"), devTip.getName())).as("refs/pull/1/head only").isFalse();
    assertThat(source.reachable(app("dev"), devTip.getName())).isTrue();
    assertThat(source.reachable(app("v1.2.0"), third.getName())).as("a later commit").isFalse();
    assertThat(source.reachable(app(second.getName()), first.getName())).as("a pinned commit reaches itself only")
        .isFalse();
    assertThat(source.reachable(app("main"), "not-a-sha")).isFalse();

    origin.resetHard("main", second); // a force push drops the third commit
    assertThat(source.reachable(app("main"), third.getName())).isFalse();
    assertThat(source.reachable(app("main"), second.getName())).isTrue();
  }

  @Test
  void theRevisionCarriesAuthorTimeAndTheMessagesFirstLine() {
    Revision r = source().fetch(app("v1.0.0")).revision();
    assertThat(r.authorName()).isEqualTo("Ada Lovelace");
    assertThat(r.authorEmail()).isEqualTo("ada@example.com");
    assertThat(r.commitTime()).isEqualTo(first.getCommitterIdent().getWhenAsInstant());
    assertThat(r.message()).isEqualTo("Add guestbook");
  }

  @Test
  void theCheckoutHoldsExactlyTheCommitsTree() throws IOException {
    Checkout c = source().fetch(app("main"));
    assertThat(c.root().resolve("apps/web/svc.yaml")).hasContent("kind: Service");
    assertThat(c.root().resolve("apps/web/service.yaml")).doesNotExist();
    assertThat(c.root().resolve("docs")).doesNotExist();
    assertThat(c.root().resolve(".git")).doesNotExist();
    assertThat(Files.readString(c.root().resolve("apps/api/config.yaml"))).isEqualTo("replicas: 3\n");
  }

  @Test
  void aShallowFetchBringsOneCommitOnly() throws Exception {
    Path cache = tmp.resolve("cache");
    Checkout c = source(cache, 0).fetch(app("main"));
    Path repo = cache.resolve("repos").resolve(GitCache.key(origin.fileUrl()) + ".git");
    assertThat(repo.resolve("shallow")).content().contains(third.name());
    try (Git git = Git.open(repo.toFile())) {
      long commits = StreamSupport.stream(git.log().add(git.getRepository().resolve(c.revision().sha())).call()
          .spliterator(), false).count();
      assertThat(commits).isEqualTo(1);
    }
  }

  @Test
  void aCommitThatIsNoRefTipIsFetchedByItsId() {
    Source source = source();
    Checkout c = source.fetch(app(second.name()));
    assertThat(c.revision().sha()).isEqualTo(second.name());
    assertThat(c.root().resolve("apps/api/config.yaml")).hasContent("replicas: 2");
    assertThat(source.fetchCount()).as("one fetch by id, no full fetch").isEqualTo(1);
  }

  @Test
  void anAbbreviatedShaNoRefPointsAtIsExpandedAfterAFullFetch() {
    RevCommit inner = origin.commit("Inner", Map.of("apps/web/inner.yaml", "kind: ConfigMap\n"));
    origin.commit("Tip", Map.of("apps/web/tip.yaml", "kind: ConfigMap\n"));
    Source source = source();
    Checkout c = source.fetch(app(inner.name().substring(0, 9)));
    assertThat(c.revision().sha()).isEqualTo(inner.name());
    assertThat(c.revision().ref()).isNull();
    assertThat(c.root().resolve("apps/web/inner.yaml")).exists();
    assertThat(c.root().resolve("apps/web/tip.yaml")).doesNotExist();
    assertThat(source.fetchCount()).as("one full fetch").isEqualTo(1);
  }

  @Test
  void concurrentFetchesOfTheSameRepoAndCommitShareOneFetchAndOneCheckout() throws Exception {
    Source source = source();
    int callers = 4;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<Checkout>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        String revision = i % 2 == 0 ? "main" : third.name();
        results.add(pool.submit(() -> {
          start.await();
          return source.fetch(app(revision));
        }));
      }
      start.countDown();
      List<Path> roots = new ArrayList<>();
      for (Future<Checkout> f : results) {
        roots.add(f.get().root());
      }
      assertThat(roots).hasSize(callers).containsOnly(roots.get(0));
      assertThat(source.fetchCount()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aWarmCacheIsReusedByTheNextInvocationWithoutFetching() {
    Path cache = tmp.resolve("cache");
    Checkout before = source(cache, 0).fetch(app("main"));
    Source next = source(cache, 0);
    Checkout after = next.fetch(app("HEAD"));
    assertThat(after.root()).isEqualTo(before.root());
    assertThat(after.revision()).isEqualTo(before.revision().asRequested("HEAD", "refs/heads/main"));
    assertThat(next.fetchCount()).isZero();
  }

  @Test
  void theLeastRecentlyUsedCheckoutIsEvictedWhenTheCacheOutgrowsItsBound() {
    // Checkouts of ~300 kB that pack to almost nothing: the bound fits two of them and the repository.
    String big = "a".repeat(300_000);
    RevCommit a = origin.commit("big a", Map.of("data/big.txt", big + "a"));
    RevCommit b = origin.commit("big b", Map.of("data/big.txt", big + "b"));
    RevCommit c = origin.commit("big c", Map.of("data/big.txt", big + "c"));
    Source source = source(tmp.resolve("cache"), 750_000);
    Path rootA = source.fetch(app(a.name())).root();
    Path rootB = source.fetch(app(b.name())).root();
    assertThat(source.fetch(app(a.name())).root()).isEqualTo(rootA); // A is now more recent than B
    Path rootC = source.fetch(app(c.name())).root();
    assertThat(rootA).exists();
    assertThat(rootC).exists();
    assertThat(rootB).doesNotExist();
    assertThat(source.cacheBytes()).isLessThanOrEqualTo(750_000);
    long fetches = source.fetchCount();
    assertThat(source.fetch(app(b.name())).root().resolve("data/big.txt")).hasContent(big + "b");
    assertThat(source.fetchCount()).as("the bare repository still holds B").isEqualTo(fetches);
  }

  @Test
  void changedPathsBetweenTwoCommitsCountRenamesAsBothPathsAndIncludeDeletes() {
    Source source = source();
    source.fetch(app("main")); // shallow: the older commit is not in the cache yet
    ChangedPaths changed = source.changedPaths(origin.fileUrl(), second.name(), third.name());
    assertThat(changed.known()).isTrue();
    assertThat(changed.paths()).containsExactly("apps/api/config.yaml", "apps/web/service.yaml",
        "apps/web/svc.yaml", "docs/readme.md");
    assertThat(source.changedPaths(origin.fileUrl(), first.name(), second.name()).paths())
        .containsExactly("apps/api/config.yaml");
  }

  @Test
  void changedPathsAreUnknownWhenTheOlderCommitIsUnknown() {
    Source source = source();
    ChangedPaths missing = source.changedPaths(origin.fileUrl(), "0123456789abcdef0123456789abcdef01234567",
        third.name());
    assertThat(missing.known()).isFalse();
    assertThat(missing.reason()).contains("0123456789abcdef0123456789abcdef01234567");
    assertThat(source.changedPaths(origin.fileUrl(), "0".repeat(40), third.name()).known()).isFalse();
  }

  @Test
  void aPushAffectsAnAppOnlyWhenItTouchesADirectoryTheAppDependsOn() {
    RevCommit layout = origin.commit("Kustomize layout", Map.of(
        "deploy/base/kustomization.yaml", "resources: [deployment.yaml]\n",
        "deploy/base/deployment.yaml", "kind: Deployment\n",
        "deploy/overlays/prod/kustomization.yaml", "resources: [../../base]\npatches: [{path: ../../patches/prod.yaml}]\n",
        "deploy/patches/prod.yaml", "kind: Deployment\n",
        "deploy/other/configmap.yaml", "kind: ConfigMap\n"));
    RevCommit baseChange = origin.commit("Change base", Map.of("deploy/base/deployment.yaml", "kind: Deployment #2\n"));
    RevCommit otherChange = origin.commit("Change other", Map.of("deploy/other/configmap.yaml", "kind: ConfigMap #2\n"));
    Source source = source();
    Checkout checkout = source.fetch(new Application.Source(origin.fileUrl(), otherChange.name(),
        "deploy/overlays/prod", null, null, null, null));
    DependencyDirectories deps = DependencyDirectories.of(checkout.root(), "deploy/overlays/prod");
    assertThat(deps.dirs()).containsExactly("deploy/base", "deploy/overlays/prod", "deploy/patches");
    assertThat(DependencyDirectories.affects(
        source.changedPaths(origin.fileUrl(), layout.name(), baseChange.name()), deps)).isTrue();
    assertThat(DependencyDirectories.affects(
        source.changedPaths(origin.fileUrl(), baseChange.name(), otherChange.name()), deps)).isFalse();
  }

  @Test
  void aTreeWithASymlinkOutOfTheRepositoryIsRefusedAndLeavesNoCheckout() {
    RevCommit evil = origin.commitSymlink("apps/web/passwd", "../../../../../../etc/passwd", "Sneak");
    Source source = source();
    assertThatThrownBy(() -> source.fetch(app(evil.name())))
        .isInstanceOfSatisfying(SourceException.class,
            e -> assertThat(e.failure()).isEqualTo(SourceException.Failure.UNSAFE_PATH))
        .hasMessage("repository " + origin.fileUrl() + " at " + evil.name()
            + ": apps/web/passwd: the symlink points outside the repository (../../../../../../etc/passwd)");
    assertThat(tmp.resolve("cache/checkouts")).isEmptyDirectory();
  }

  @Test
  void anUnknownRevisionIsRefusedNamingTheRepository() {
    assertThatThrownBy(() -> source().fetch(app("no-such-branch")))
        .isInstanceOfSatisfying(SourceException.class,
            e -> assertThat(e.failure()).isEqualTo(SourceException.Failure.REVISION_NOT_FOUND))
        .hasMessage("repository " + origin.fileUrl() + ": revision no-such-branch not found:"
            + " no branch, tag or ref of that name");
  }

  @Test
  void aMissingRepositoryIsReportedAsNotFound() {
    String url = tmp.resolve("nowhere").toUri().toString();
    assertThatThrownBy(() -> source().fetch(new Application.Source(url, "main", ".", null, null, null, null)))
        .isInstanceOfSatisfying(SourceException.class,
            e -> assertThat(e.failure()).isEqualTo(SourceException.Failure.NOT_FOUND))
        .hasMessageStartingWith("repository " + url + ": repository not found while listing refs");
  }
}
