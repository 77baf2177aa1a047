package dev.driftless.functions.webhook;

import dev.driftless.secrets.SecretsClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Passes every read to the real client and keeps the ids asked for, so a test can count Secrets Manager calls. */
final class CountingSecretsClient implements SecretsClient {

  private final SecretsClient real;
  private final List<String> asked = new ArrayList<>();

  CountingSecretsClient(SecretsClient real) {
    this.real = real;
  }

  @Override
  public Optional<String> secretString(String id, String versionStage, String versionId) {
    synchronized (asked) {
      asked.add(id);
    }
    return real.secretString(id, versionStage, versionId);
  }

  int calls() {
    synchronized (asked) {
      return asked.size();
    }
  }

  List<String> asked() {
    synchronized (asked) {
      return List.copyOf(asked);
    }
  }
}
