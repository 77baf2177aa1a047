package dev.driftless.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tool runner with real processes: time limit, process tree, output limit, error output, environment. */
class ToolProcessTest {

  @TempDir Path dir;

  private Path script(String body) throws IOException {
    Path s = dir.resolve("tool.sh");
    Files.writeString(s, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwx------"));
    return s;
  }

  @Test
  void stopsAToolAndItsChildrenPastTheTimeLimit() throws Exception {
    Path pidFile = dir.resolve("child.pid");
    Path tool = script("sleep 300 &\necho $! > " + pidFile + "\nwait");

    assertThatThrownBy(() -> ToolProcess.run("apps/web (kustomize)", List.of(tool.toString()), dir,
        Map.of("PATH", "/usr/bin:/bin"), Duration.ofMillis(1500), 1024))
        .isInstanceOf(RenderException.class)
        .hasMessage("apps/web (kustomize): " + tool + " did not finish within 1s and was stopped");

    long child = Long.parseLong(Files.readString(pidFile).strip());
    Optional<ProcessHandle> handle = ProcessHandle.of(child);
    if (handle.isPresent()) {
      handle.get().onExit().get(); // destroyForcibly was sent; it ends promptly, or the test hangs and fails
    }
    assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  @Test
  void putsTheToolsTrimmedErrorOutputInTheMessage() throws IOException {
    Path tool = script("echo 'Error: accumulating resources: missing.yaml' >&2\nexit 1");

    assertThatThrownBy(() -> ToolProcess.run("apps/web (kustomize)", List.of(tool.toString()), dir,
        Map.of(), Duration.ofSeconds(10), 1024))
        .isInstanceOf(RenderException.class)
        .hasMessage("apps/web (kustomize): tool.sh failed (exit 1): Error: accumulating resources: missing.yaml");
  }

  @Test
  void refusesOutputOverTheRenderLimit() throws IOException {
    Path tool = script("i=0; while [ $i -lt 100 ]; do echo 0123456789012345678901234567890123456789; i=$((i+1)); done");

    assertThatThrownBy(() -> ToolProcess.run("apps/web (helm)", List.of(tool.toString()), dir,
        Map.of("PATH", "/usr/bin:/bin"), Duration.ofSeconds(10), 1000))
        .isInstanceOf(RenderException.class)
        .hasMessage("apps/web (helm): output is larger than the render limit of 1000 bytes");
  }

  @Test
  void runsWithOnlyTheGivenEnvironment() throws IOException {
    Path tool = script("env | sort");

    String out = ToolProcess.run("x", List.of(tool.toString()), dir, Map.of("HOME", "/tmp/h"), Duration.ofSeconds(10),
        1 << 20);

    assertThat(out.lines().filter(l -> !l.startsWith("PWD=") && !l.startsWith("SHLVL=") && !l.startsWith("_=")))
        .containsExactly("HOME=/tmp/h");
  }
}
