package dev.driftless.access;

import java.util.List;

/** The access policy: who holds which role where. An empty policy grants nothing (bootstrap admins aside). */
public record AccessPolicy(List<Binding> bindings) {

  public static final AccessPolicy EMPTY = new AccessPolicy(List.of());

  public AccessPolicy {
    bindings = List.copyOf(bindings);
  }

  public boolean hasAdmin() {
    return bindings.stream().anyMatch(b -> b.role() == Role.ADMIN);
  }

  public List<Binding> bindingsOf(Principal p) {
    return bindings.stream().filter(b -> b.principal().matches(p)).toList();
  }
}
