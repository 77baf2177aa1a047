package dev.driftless.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The moto AWS emulator in server mode, in its own process on a free loopback port. */
public final class Moto implements AutoCloseable {

  private final Process process;
  private final String endpoint;

  private Moto(Process process, String endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  public static Moto start(TestTools tools) {
    int port = Processes.freePort();
    List<String> cmd = new ArrayList<>(Arrays.asList(tools.motoCommand().split(" ")));
    cmd.addAll(List.of("-H", "127.0.0.1", "-p", Integer.toString(port)));
    try {
      File log = File.createTempFile("driftless-moto", ".log");
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
      String endpoint = "http://127.0.0.1:" + port;
      try {
        Processes.await("moto on " + endpoint + " (log " + log + ")", Duration.ofSeconds(60),
            () -> {
              if (!p.isAlive()) {
                throw new IllegalStateException("moto exited " + p.exitValue() + "; log " + log);
              }
              return Processes.answers(endpoint + "/moto-api/");
            });
      } catch (RuntimeException e) {
        Processes.stop(p);
        throw e;
      }
      return new Moto(p, endpoint);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start moto: " + cmd, e);
    }
  }

  public String endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    Processes.stop(process);
  }
}
