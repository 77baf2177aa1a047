package dev.driftless.apply;

import dev.driftless.model.SyncOptions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the apply verbs read from Kubernetes objects and API errors. Stateless. */
final class KubeObjects {

  private KubeObjects() {}

  /** The API server's own words for a refusal, or the HTTP code when it gave none. */
  static String reason(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null) {
      return e.getStatus().getMessage();
    }
    return e.getCode() > 0 ? "HTTP " + e.getCode() : String.valueOf(e.getMessage());
  }

  static String annotation(HasMetadata r, String name) {
    Map<String, String> ann = r.getMetadata().getAnnotations();
    return ann == null ? null : ann.get(name);
  }

  static GenericKubernetesResource copy(GenericKubernetesResource r) {
    return Serialization.clone(r);
  }

  /**
   * Whether the object's compare options (Argo CD's annotation or Driftless's) name IgnoreExtraneous: left in the
   * cluster when it leaves Git, it does not count as out of sync.
   */
  static boolean ignoresExtraneous(HasMetadata obj) {
    for (String key : List.of(Annotations.COMPARE_OPTIONS, Annotations.ARGO_COMPARE_OPTIONS)) {
      String v = annotation(obj, key);
      if (v == null) continue;
      for (String o : v.split(",")) if ("IgnoreExtraneous".equalsIgnoreCase(o.strip())) return true;
    }
    return false;
  }

  /**
   * The options an object's sync-options annotations give (Driftless's before Argo CD's, comma separated),
   * over the Application's.
   */
  static SyncOptions syncOptions(HasMetadata obj, SyncOptions application) {
    Map<String, String> ann = obj.getMetadata().getAnnotations();
    if (ann == null) {
      return application;
    }
    List<String> entries = new ArrayList<>();
    for (String key : List.of(Annotations.SYNC_OPTIONS, Annotations.ARGO_SYNC_OPTIONS)) {
      String v = ann.get(key);
      if (v != null) {
        for (String o : v.split(",")) if (!o.isBlank()) entries.add(o.strip());
      }
    }
    return SyncOptions.parse(entries).over(application);
  }
}
