package dev.driftless.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.UUID;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Secrets created in the local Secrets Manager emulator, and the check that none leaks into an error. */
final class TestSecrets {

  private TestSecrets() {}

  /** Creates a secret with a fresh name under the prefix and returns its id. */
  static String create(String prefix, String json) {
    String id = prefix + "-" + UUID.randomUUID();
    try (SecretsManagerClient sm = SecretsManagerClient.create()) {
      sm.createSecret(r -> r.name(id).secretString(json));
    }
    return id;
  }

  // Driftless's client keeps its full name: the AWS SDK client of the same simple name is imported.
  static dev.driftless.secrets.SecretsManagerClient client() {
    return new dev.driftless.secrets.SecretsManagerClient(SecretsManagerClient.create());
  }

  /** Neither the message, the causes' messages, nor the printed stack trace holds any of the values. */
  static void assertNoSecretIn(Throwable e, String... values) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    for (String v : values) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        assertThat(String.valueOf(t.getMessage())).doesNotContain(v);
      }
      assertThat(trace.toString()).doesNotContain(v);
    }
  }
}
