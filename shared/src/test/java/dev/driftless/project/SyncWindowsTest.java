package dev.driftless.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.model.Application;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SyncWindowsTest {

  private final ProjectParser parser = new ProjectParser();

  private ProjectRules rules(String windows) {
    return new ProjectRules(parser.parse("""
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata: {name: p}
        spec:
          syncWindows:
        """ + windows.indent(2), "p"), "driftless/refs/");
  }

  private static Application app(String name, String namespace) {
    return new Application(name, "p", new Application.Source("https://x/r", "main", ".", null, null, null, null),
        new Application.Destination("c1", namespace), null, null);
  }

  private static Instant at(String time) {
    return Instant.parse("2026-12-06T" + time + "Z");
  }

  private static final String DENY_22 = "- {kind: deny, schedule: '0 22 * * *', duration: 1h, applications: ['*']}";

  @Test
  void aDenyWindowBlocksAutomatedSyncsWhileActiveAndNamesItself() {
    ProjectRules r = rules(DENY_22);

    SyncVerdict inside = r.syncWindow(app("web", "a"), false, at("22:30:00"));
    assertThat(inside.allowed()).isFalse();
    assertThat(inside.reason()).isEqualTo("held by sync window deny 0 22 * * * 1h (UTC) until 2026-12-06T23:00:00Z");
    assertThat(inside.until()).isEqualTo(at("23:00:00"));
  }

  @Test
  void aWindowIsActiveFromItsFireTimeUntilJustBeforeItsEnd() {
    ProjectRules r = rules(DENY_22);

    assertThat(r.syncWindow(app("web", "a"), false, at("21:59:59")).allowed()).isTrue();
    assertThat(r.syncWindow(app("web", "a"), false, at("22:00:00")).allowed()).isFalse();
    assertThat(r.syncWindow(app("web", "a"), false, at("22:59:59")).allowed()).isFalse();
    assertThat(r.syncWindow(app("web", "a"), false, at("23:00:00")).allowed()).isTrue();
  }

  @Test
  void aManualSyncPassesADenyWindowOnlyWithManualSync() {
    assertThat(rules(DENY_22).syncWindow(app("web", "a"), true, at("22:30:00")).allowed()).isFalse();
    assertThat(rules("- {kind: deny, schedule: '0 22 * * *', duration: 1h, applications: ['*'], manualSync: true}")
        .syncWindow(app("web", "a"), true, at("22:30:00")).allowed()).isTrue();
  }

  @Test
  void everyActiveDenyWindowMustAllowManualSyncForAManualSyncToPass() {
    ProjectRules r = rules(DENY_22 + "\n- {kind: deny, schedule: '0 21 * * *', duration: 2h, applications: ['*'],"
        + " manualSync: true}");
    assertThat(r.syncWindow(app("web", "a"), true, at("22:30:00")).allowed()).isFalse();
  }

  @Test
  void matchingAllowWindowsBlockOutsideThemAndSayWhenTheyOpen() {
    ProjectRules r = rules("- {kind: allow, schedule: '0 1 * * *', duration: 1h, applications: ['*-prod']}");

    SyncVerdict outside = r.syncWindow(app("web-prod", "a"), false, at("12:00:00"));
    assertThat(outside.allowed()).isFalse();
    assertThat(outside.reason()).startsWith("held outside sync window allow 0 1 * * * 1h (UTC)");
    assertThat(outside.until()).isEqualTo(Instant.parse("2026-12-07T01:00:00Z"));
    assertThat(r.syncWindow(app("web-prod", "a"), false, Instant.parse("2026-12-07T01:30:00Z")).allowed()).isTrue();
    assertThat(r.syncWindow(app("web-dev", "a"), false, at("12:00:00")).allowed())
        .as("an allow window that does not match the Application does not restrict it").isTrue();
  }

  @Test
  void aManualSyncPassesInactiveAllowWindowsWhenOneAllowsManualSync() {
    ProjectRules r = rules("- {kind: allow, schedule: '0 1 * * *', duration: 1h, applications: ['*'],"
        + " manualSync: true}");
    assertThat(r.syncWindow(app("web", "a"), true, at("12:00:00")).allowed()).isTrue();
    assertThat(r.syncWindow(app("web", "a"), false, at("12:00:00")).allowed()).isFalse();
  }

  @Test
  void anActiveDenyWinsOverAnActiveAllow() {
    ProjectRules r = rules(DENY_22 + "\n- {kind: allow, schedule: '0 20 * * *', duration: 4h, applications: ['*']}");
    assertThat(r.syncWindow(app("web", "a"), false, at("22:30:00")).allowed()).isFalse();
    assertThat(r.syncWindow(app("web", "a"), false, at("21:30:00")).allowed()).isTrue();
  }

  @Test
  void windowsMatchByNamespaceOrClusterAndWithTheAndOperatorByAll() {
    ProjectRules or = rules("- {kind: deny, schedule: '0 22 * * *', duration: 1h, namespaces: [prod], clusters: [c9]}");
    assertThat(or.syncWindow(app("web", "prod"), false, at("22:30:00")).allowed()).isFalse();
    ProjectRules and = rules("- {kind: deny, schedule: '0 22 * * *', duration: 1h, namespaces: [prod], clusters: [c9],"
        + " andOperator: true}");
    assertThat(and.syncWindow(app("web", "prod"), false, at("22:30:00")).allowed()).isTrue();
    assertThat(and.syncWindow(app("web", "prod"), new DestinationCluster("c9", null), false, at("22:30:00"))
        .allowed()).isFalse();
  }

  @Test
  void aWindowRunsInItsTimeZone() {
    ProjectRules r = rules("- {kind: deny, schedule: '0 22 * * *', duration: 1h, timeZone: Europe/Amsterdam,"
        + " applications: ['*']}");
    assertThat(r.syncWindow(app("web", "a"), false, at("21:30:00")).allowed()).isFalse();
    assertThat(r.syncWindow(app("web", "a"), false, at("22:30:00")).allowed()).isTrue();
  }

  @Test
  void aWindowThatStartedTheDayBeforeIsStillActiveAfterMidnight() {
    ProjectRules r = rules("- {kind: deny, schedule: '0 23 * * *', duration: 3h, applications: ['*']}");
    assertThat(r.syncWindow(app("web", "a"), false, at("01:30:00")).allowed()).isFalse();
  }

  @Test
  void noWindowsAllowEverySync() {
    assertThat(new ProjectRules(Project.permissiveDefault(), "r/").syncWindow(app("web", "a"), false, at("22:30:00")))
        .isEqualTo(SyncVerdict.ALLOWED);
  }
}
