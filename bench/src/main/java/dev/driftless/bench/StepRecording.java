package dev.driftless.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * A Flight Recorder recording of one step, when {@code -Dbench.jfr=DIR} asks for it (to see where the engine
 * spends its CPU without the harness's own waits in the profile); otherwise nothing.
 */
final class StepRecording implements AutoCloseable {

  private static final AtomicInteger STEPS = new AtomicInteger();

  private final Recording recording;
  private final Path file;

  private StepRecording(Recording recording, Path file) {
    this.recording = recording;
    this.file = file;
  }

  static StepRecording start(String name) {
    String dir = System.getProperty("bench.jfr");
    if (dir == null) {
      return new StepRecording(null, null);
    }
    try {
      Recording r = new Recording(Configuration.getConfiguration("profile"));
      r.start();
      Path file = Files.createDirectories(Path.of(dir)).resolve(name + "-step" + STEPS.incrementAndGet() + ".jfr");
      return new StepRecording(r, file);
    } catch (IOException | ParseException e) {
      throw new IllegalStateException("cannot start a Flight Recorder recording: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (recording == null) {
      return;
    }
    try {
      recording.stop();
      recording.dump(file);
      recording.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
