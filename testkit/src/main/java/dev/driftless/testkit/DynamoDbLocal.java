package dev.driftless.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** DynamoDB Local 2.x in its own JVM (in-process it clashes with the SDK), in memory, on a free port. */
public final class DynamoDbLocal implements AutoCloseable {

  private final Process process;
  private final String endpoint;

  private DynamoDbLocal(Process process, String endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  public static DynamoDbLocal start(TestTools tools) {
    Path home = tools.dynamoDbHome();
    int port = Processes.freePort();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> cmd = List.of(java.toString(), "-Xmx512m", "-XX:+UseSerialGC",
        "-Djava.library.path=" + home.resolve("native"),
        "-cp", home.resolve("lib") + File.separator + "*",
        "com.amazonaws.services.dynamodbv2.local.main.ServerRunner",
        "-inMemory", "-sharedDb", "-port", Integer.toString(port));
    try {
      File log = File.createTempFile("driftless-dynamodb", ".log");
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
      String endpoint = "http://127.0.0.1:" + port;
      try {
        Processes.await("DynamoDB Local on " + endpoint + " (log " + log + ")", Duration.ofSeconds(60),
            () -> {
              if (!p.isAlive()) {
                throw new IllegalStateException("DynamoDB Local exited " + p.exitValue() + "; log " + log);
              }
              return Processes.answers(endpoint);
            });
      } catch (RuntimeException e) {
        Processes.stop(p);
        throw e;
      }
      return new DynamoDbLocal(p, endpoint);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start DynamoDB Local", e);
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
