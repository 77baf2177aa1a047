package dev.driftless.health;

import static dev.driftless.health.CelHealthTest.live;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LuaHealthTest {

  /**
   * The instruction bound or, on a loaded machine where a million hooked instructions take longer than the wall
   * time bound, the time bound: either stops the script, which is the behaviour these tests protect.
   */
  private static final String[] STOPPED = {
      "stopped: ran more than " + LuaSandbox.MAX_INSTRUCTIONS + " instructions",
      "stopped: ran longer than " + LuaSandbox.MAX_TIME.toMillis() + " ms"};

  private static final String CERTIFICATE = """
      apiVersion: cert-manager.io/v1
      kind: Certificate
      metadata: {name: web, namespace: shop, generation: 1}
      """;

  static LuaHealth script(String resource) throws Exception {
    return LuaHealth.compile("test", "health[0] (" + resource + ")", Files.readString(Path.of(Objects.requireNonNull(
        LuaHealthTest.class.getResource("/custom-health/" + resource)).toURI())));
  }

  private static Health run(String script) throws Exception {
    return LuaHealth.compile("test", "health[0] (example.com/Thing)", script).assess(live("""
        apiVersion: example.com/v1
        kind: Thing
        metadata: {name: t, namespace: shop}
        status: {phase: Ready, count: 3}
        """));
  }

  @Test
  void certificateScriptReadsTheReadyCondition() throws Exception {
    LuaHealth rule = script("certificate.lua");

    Health ready = rule.assess(live(CERTIFICATE + "status: {conditions: [{type: Ready, status: 'True', "
        + "message: Certificate is up to date and has not expired}]}"));
    Health notReady = rule.assess(live(CERTIFICATE + "status: {conditions: [{type: Ready, status: 'False', "
        + "message: Issuer not found}]}"));
    Health issuing = rule.assess(live(CERTIFICATE + "status: {conditions: [{type: Ready, status: 'False'}, "
        + "{type: Issuing, status: 'True', message: Issuing certificate as Secret does not exist}]}"));
    Health fresh = rule.assess(live(CERTIFICATE));

    assertThat(ready).isEqualTo(Health.healthy("Certificate is up to date and has not expired"));
    assertThat(notReady).isEqualTo(Health.degraded("Issuer not found"));
    assertThat(issuing).isEqualTo(Health.progressing("Issuing certificate as Secret does not exist"));
    assertThat(fresh).isEqualTo(Health.progressing("Waiting for certificate"));
  }

  @ParameterizedTest(name = "phase {0}, paused {1}, observed {2} -> {3}")
  @CsvSource({"Healthy, false, 4, HEALTHY", "Degraded, false, 4, DEGRADED", "Progressing, false, 4, PROGRESSING",
      "Paused, false, 4, SUSPENDED", "Healthy, true, 4, SUSPENDED", "Healthy, false, 3, PROGRESSING"})
  void rolloutScriptReadsThePhaseAndThePause(String phase, boolean paused, int observed, HealthStatus expected)
      throws Exception {
    Health h = script("rollout.lua").assess(live("""
        apiVersion: argoproj.io/v1alpha1
        kind: Rollout
        metadata: {name: web, generation: 4}
        spec: {paused: %s}
        status: {phase: %s, observedGeneration: '%s'}
        """.formatted(paused, phase, observed)));

    assertThat(h.status()).as(h.toString()).isEqualTo(expected);
  }

  @Test
  void sealedSecretScriptReadsTheSyncedCondition() throws Exception {
    LuaHealth rule = script("sealedsecret.lua");
    String head = "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: db}\n";

    assertThat(rule.assess(live(head + "status: {conditions: [{type: Synced, status: 'True'}]}")).status())
        .isEqualTo(HealthStatus.HEALTHY);
    assertThat(rule.assess(live(head + "status: {conditions: [{type: Synced, status: 'False', "
        + "message: no key could decrypt secret}]}"))).isEqualTo(Health.degraded("no key could decrypt secret"));
    assertThat(rule.assess(live(head)).status()).isEqualTo(HealthStatus.PROGRESSING);
  }

  @Test
  void nothingOrAnEmptyTableReturnedSaysNothingAndCountsAsHealthyAsInArgo() throws Exception {
    assertThat(run("return nil").status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(run("local hs = {} return hs").status()).isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  void aTableWithoutAValidStatusIsUnknown() throws Exception {
    assertThat(run("return {status = 'Fine', message = 'x'}").message()).contains("invalid health status: Fine");
    assertThat(run("return {message = 'x'}").status()).isEqualTo(HealthStatus.UNKNOWN);
    assertThat(run("return 'Healthy'").message()).contains("returned a string, not a table");
  }

  @Test
  void aScriptThatFailsIsUnknownWithItsLine() throws Exception {
    Health h = run("local hs = {}\nhs.status = obj.spec.replicas .. 'x'\nreturn hs");

    assertThat(h.status()).isEqualTo(HealthStatus.UNKNOWN);
    assertThat(h.message()).startsWith("Lua health script of health[0] (example.com/Thing) failed: ")
        .contains("lua:2 attempt to index");
  }

  @Test
  void eachRunStartsWithFreshGlobals() throws Exception {
    LuaHealth rule = LuaHealth.compile("test", "e",
        "runs = (runs or 0) + 1\nif runs == 1 then return {status = 'Healthy'} end\nreturn {status = 'Degraded'}");

    LiveObject thing = live("apiVersion: example.com/v1\nkind: Thing\nmetadata: {name: t}\n");
    assertThat(rule.assess(thing).status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(rule.assess(thing).status()).isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  void anInfiniteLoopIsStoppedByTheInstructionBound() throws Exception {
    Health h = run("while true do end");

    assertThat(h.status()).isEqualTo(HealthStatus.UNKNOWN);
    assertThat(h.message()).containsAnyOf(STOPPED);
  }

  @Test
  void pcallCannotCatchTheBound() throws Exception {
    Health h = run("while true do pcall(function() while true do end end) end");

    assertThat(h.status()).isEqualTo(HealthStatus.UNKNOWN);
    assertThat(h.message()).containsAnyOf(STOPPED);
  }

  @Test
  void deepRecursionIsUnknown() throws Exception {
    Health h = run("local function f(n) return 1 + f(n + 1) end\nreturn {status = f(1)}");

    assertThat(h.status()).isEqualTo(HealthStatus.UNKNOWN);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "os.execute('touch /tmp/driftless-lua-was-here')",
      "io.open('/etc/passwd')",
      "luajava.bindClass('java.lang.System')",
      "require('os')",
      "dofile('/etc/passwd')",
      "loadfile('/etc/passwd')",
      "load('return 1')",
      "debug.sethook()",
      "coroutine.create(function() end)",
      "package.loadlib('x', 'y')",
      "string.dump(function() end)"})
  void unsafeLibrariesAreAbsent(String call) throws Exception {
    Health h = run(call + "\nreturn {status = 'Healthy'}");

    assertThat(h.status()).as(h.toString()).isEqualTo(HealthStatus.UNKNOWN);
    assertThat(h.message()).contains("failed: ");
    assertThat(Path.of("/tmp/driftless-lua-was-here")).doesNotExist();
  }

  @Test
  void aHugeStringFromRepIsRefused() throws Exception {
    assertThat(run("local s = string.rep('x', 2^30)").message()).contains("string.rep would build");
    assertThat(run("local s = ('x'):rep(2^30)").message()).contains("string.rep would build");
  }

  @Test
  void aStringDoubledInALoopIsStoppedByTheAllocationBound() throws Exception {
    Health h = run("local s = 'x'\nwhile true do s = s .. s end");

    assertThat(h.status()).isEqualTo(HealthStatus.UNKNOWN);
    assertThat(h.message()).containsAnyOf("allocated more than", "out of memory");
  }

  @Test
  void aHugeTableConcatIsRefused() throws Exception {
    Health h = run("local t = {}\nlocal s = string.rep('x', 1000000)\nfor i = 1, 100 do t[i] = s end\n"
        + "return {status = table.concat(t)}");

    assertThat(h.message()).contains("table.concat would build");
  }

  @Test
  void aScriptCannotChangeTheStringMethodsOfLaterRuns() throws Exception {
    run("getmetatable('').__index.upper = function() return 'Degraded' end\nstring.upper = nil");

    assertThat(run("return {status = ('healthy'):upper() == 'HEALTHY' and 'Healthy' or 'Degraded'}").status())
        .isEqualTo(HealthStatus.HEALTHY);
  }
}
