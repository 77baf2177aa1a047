package dev.driftless.secrets;

import java.util.List;

/**
 * The secret names one set of references may name, inside the deployment's reference prefix: a project's
 * ({@code driftless/refs/team-a/}). {@code owner} names whose scope it is in messages ({@code project team-a}).
 */
public record ReferenceScope(String owner, List<String> prefixes) {

  public ReferenceScope {
    prefixes = List.copyOf(prefixes);
  }

  /** Whether {@code name} (a secret name, not an ARN) is under one of the prefixes. */
  public boolean allows(String name) {
    return prefixes.stream().anyMatch(p -> SecretLayout.isUnder(p, name));
  }
}
