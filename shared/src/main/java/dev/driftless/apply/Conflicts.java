package dev.driftless.apply;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The field managers a server-side apply conflicted with, split by how they wrote: Update operations
 * (imperative edits) and Apply operations (another declarative owner).
 */
record Conflicts(List<String> withUpdaters, List<String> withAppliers) {

  private static final Pattern MANAGER = Pattern.compile("conflict with \\\"([^\\\"]+)\\\"");

  static Conflicts of(KubernetesClientException e, GenericKubernetesResource live) {
    Set<String> managers = new LinkedHashSet<>();
    if (e.getStatus() != null && e.getStatus().getDetails() != null && e.getStatus().getDetails().getCauses() != null) {
      for (StatusCause cause : e.getStatus().getDetails().getCauses()) {
        Matcher m = MANAGER.matcher(String.valueOf(cause.getMessage()));
        if (m.find()) managers.add(m.group(1));
      }
    }
    if (managers.isEmpty() && e.getStatus() != null) {
      Matcher m = MANAGER.matcher(String.valueOf(e.getStatus().getMessage()));
      while (m.find()) managers.add(m.group(1));
    }
    List<String> updaters = new ArrayList<>();
    List<String> appliers = new ArrayList<>();
    for (String manager : managers) {
      boolean applies = live == null || live.getMetadata().getManagedFields() == null
          || live.getMetadata().getManagedFields().stream()
              .filter(f -> manager.equals(f.getManager()))
              .map(ManagedFieldsEntry::getOperation)
              .anyMatch(op -> !"Update".equals(op));
      (applies ? appliers : updaters).add(manager);
    }
    if (managers.isEmpty()) appliers.add("(unknown)");
    return new Conflicts(List.copyOf(updaters), List.copyOf(appliers));
  }
}
