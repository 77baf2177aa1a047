package dev.driftless.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretVersionIdsTest {

  /** Tells every asked secret's current version id as {@code v-<id>}, and records what it was asked. */
  private static final class IdsOnly implements SecretsClient {
    final List<SecretVersion> asked = new ArrayList<>();

    @Override
    public Optional<String> secretString(String id, String versionStage, String versionId) {
      throw new AssertionError("a value was read for " + id);
    }

    @Override
    public Map<SecretVersion, String> currentVersionIds(Collection<SecretVersion> versions) {
      asked.addAll(versions);
      Map<SecretVersion, String> out = new LinkedHashMap<>();
      versions.forEach(v -> out.put(v, "v-" + v.id()));
      return out;
    }
  }

  @Test
  void theIdsReadAreKeptPerSecretAndStageLeavingOutPinnedVersionsAndMarkingUnknownOnes() {
    SecretVersion current = SecretVersion.current("driftless/refs/db");
    SecretVersion previous = new SecretVersion("driftless/refs/db", "AWSPREVIOUS", null);
    SecretVersion pinned = new SecretVersion("driftless/refs/db", null, "abc");
    SecretVersion untold = SecretVersion.current("driftless/refs/api");
    SecretValues values = new SecretValues(Map.of(current, "x", previous, "y", pinned, "z", untold, "w"),
        Map.of(current, "v2", previous, "v1", pinned, "abc"));

    assertThat(SecretVersionIds.readAt(List.of(current, previous, pinned, untold), values)).containsExactly(
        Map.entry("driftless/refs/api", ""), Map.entry("driftless/refs/db", "v2"),
        Map.entry("driftless/refs/db stage AWSPREVIOUS", "v1"));
    assertThat(SecretVersionIds.parse("driftless/refs/db stage AWSPREVIOUS")).isEqualTo(previous);
    assertThat(SecretVersionIds.parse("driftless/refs/db")).isEqualTo(current);
  }

  @Test
  void currentIdsAreAskedOnlyForSecretsUnderTheReferencePrefixAndNeverAsValues() {
    IdsOnly client = new IdsOnly();
    SecretResolver resolver = new SecretResolver(client, Clock.systemUTC(),
        SecretResolverOptions.defaults().withReferencePrefix("driftless/refs/"));

    Map<String, String> now = resolver.currentVersionIds(List.of("driftless/refs/db", "driftless/git/acme",
        "driftless/clusters/prod stage AWSCURRENT"));

    assertThat(client.asked).as("a recorded basis naming a credential is not asked about")
        .containsExactly(SecretVersion.current("driftless/refs/db"));
    assertThat(now).containsExactly(Map.entry("driftless/refs/db", "v-driftless/refs/db"));
  }
}
