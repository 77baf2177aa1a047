package dev.driftless.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * Runs one render tool (kustomize, helm) to completion: environment cleared but for what is given, no
 * standard input, standard output bounded in size, standard error kept for the message, and the whole
 * process tree destroyed when it runs past its time limit or its output past the size limit.
 */
final class ToolProcess {

  private static final int MAX_STDERR_BYTES = 16 * 1024;
  private static final int MAX_STDERR_IN_MESSAGE = 2000;

  private ToolProcess() {}

  /**
   * Runs the command and returns its standard output.
   *
   * @param what names the run in errors, for example {@code apps/web (kustomize)}
   */
  static String run(String what, List<String> command, Path workDir, Map<String, String> env, Duration timeout,
      long maxOutputBytes) {
    return run(what, command, workDir, env, timeout, maxOutputBytes, UnaryOperator.identity());
  }

  /** As {@link #run}, with the tool's standard error passed through {@code errorText} before it is cut short. */
  static String run(String what, List<String> command, Path workDir, Map<String, String> env, Duration timeout,
      long maxOutputBytes, UnaryOperator<String> errorText) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new RenderException(what + ": cannot start " + command.get(0) + ": " + e.getMessage(), e);
    }
    try {
      p.getOutputStream().close();
    } catch (IOException ignored) {
      // the tool reads nothing; a closed pipe is what we want
    }
    AtomicBoolean tooLarge = new AtomicBoolean();
    Bounded out = new Bounded(maxOutputBytes);
    Bounded err = new Bounded(MAX_STDERR_BYTES);
    Thread outReader = reader(p.getInputStream(), out, () -> {
      tooLarge.set(true);
      destroyTree(p);
    });
    Thread errReader = reader(p.getErrorStream(), err, null);
    try {
      boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        destroyTree(p);
        throw new RenderException(what + ": " + command.get(0) + " did not finish within "
            + timeout.toSeconds() + "s and was stopped");
      }
      outReader.join(TimeUnit.SECONDS.toMillis(10));
      errReader.join(TimeUnit.SECONDS.toMillis(10));
      if (tooLarge.get()) {
        throw new RenderException(what + ": output is larger than the render limit of " + maxOutputBytes
            + " bytes");
      }
      if (p.exitValue() != 0) {
        String stderr = errorText.apply(err.text()).strip();
        if (stderr.length() > MAX_STDERR_IN_MESSAGE) {
          stderr = stderr.substring(0, MAX_STDERR_IN_MESSAGE) + "...";
        }
        throw new RenderException(what + ": " + Path.of(command.get(0)).getFileName() + " failed (exit "
            + p.exitValue() + "): " + (stderr.isEmpty() ? "no message" : stderr));
      }
      return out.text();
    } catch (InterruptedException e) {
      destroyTree(p);
      Thread.currentThread().interrupt();
      throw new RenderException(what + ": interrupted", e);
    }
  }

  /** Kills the process and every descendant; descendants are listed first, before they lose their parent. */
  static void destroyTree(Process p) {
    List<ProcessHandle> descendants = p.descendants().toList();
    p.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
  }

  /** Drains the stream into the sink; on overflow runs the action, or with none keeps draining and drops. */
  private static Thread reader(InputStream in, Bounded sink, Runnable onOverflow) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[64 * 1024];
      try (in) {
        int n;
        while ((n = in.read(buf)) >= 0) {
          if (!sink.append(buf, n) && onOverflow != null) {
            onOverflow.run();
            return;
          }
        }
      } catch (IOException ignored) {
        // the process was destroyed or closed its stream: what was read is what there is
      }
    }, "driftless-tool-reader");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** A byte buffer that refuses to grow past its limit. */
  private static final class Bounded {
    private final long limit;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Bounded(long limit) {
      this.limit = limit;
    }

    synchronized boolean append(byte[] buf, int n) {
      if (bytes.size() + (long) n > limit) {
        bytes.write(buf, 0, (int) Math.max(0, limit - bytes.size()));
        return false;
      }
      bytes.write(buf, 0, n);
      return true;
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }
}
