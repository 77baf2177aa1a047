package dev.driftless.health;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads live objects for one health wait: a GET per object when a kind in a namespace has few of them, one
 * LIST of that kind in that namespace otherwise, so a round of reads costs a request per kind and namespace
 * rather than per object. The client's operation for each apiVersion and kind is looked up once per wait.
 */
final class LiveReader {

  /** Up to this many objects of one kind in one namespace are read one by one; more are listed. */
  static final int GET_LIMIT = 3;

  /**
   * What a read found: the object, nothing (it is missing), or a health explaining why it could not read; when
   * the request never reached the server, {@code unreachable} says why ({@code cluster unreachable: ...}).
   */
  record Lookup(GenericKubernetesResource live, Health problem, String unreachable) {

    static Lookup found(GenericKubernetesResource live) {
      return new Lookup(live, null, null);
    }

    static Lookup absent() {
      return new Lookup(null, null, null);
    }

    static Lookup failed(KubernetesClientException e, Health problem) {
      return new Lookup(null, problem, Unreachable.is(e) ? Unreachable.describe(e) : null);
    }
  }

  private record Group(String apiVersion, String kind, String namespace) {}

  private final KubernetesClient client;
  private final Map<String, MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>>> operations = new HashMap<>();

  LiveReader(KubernetesClient client) {
    this.client = client;
  }

  Map<ObjectRef, Lookup> read(List<ObjectRef> refs) {
    Map<Group, List<ObjectRef>> groups = new LinkedHashMap<>();
    for (ObjectRef ref : refs) {
      groups.computeIfAbsent(new Group(ref.apiVersion(), ref.kind(), ref.namespace()), g -> new ArrayList<>())
          .add(ref);
    }
    Map<ObjectRef, Lookup> out = new HashMap<>();
    groups.forEach((group, members) -> readGroup(group, members, out));
    return out;
  }

  private void readGroup(Group group, List<ObjectRef> members, Map<ObjectRef, Lookup> out) {
    var operation = operation(group, members, out);
    if (operation == null) {
      return;
    }
    if (members.size() <= GET_LIMIT) {
      for (ObjectRef ref : members) {
        try {
          var one = group.namespace().isEmpty() ? operation.withName(ref.name())
              : operation.inNamespace(group.namespace()).withName(ref.name());
          GenericKubernetesResource live = one.get();
          out.put(ref, live == null ? Lookup.absent() : Lookup.found(live));
        } catch (KubernetesClientException e) {
          out.put(ref, Lookup.failed(e, readFailure(ref.toString(), e)));
        }
      }
      return;
    }
    try {
      var list = group.namespace().isEmpty() ? operation.list() : operation.inNamespace(group.namespace()).list();
      Map<String, GenericKubernetesResource> byName = new HashMap<>();
      for (GenericKubernetesResource item : list.getItems()) {
        byName.put(item.getMetadata().getName(), item);
      }
      for (ObjectRef ref : members) {
        GenericKubernetesResource live = byName.get(ref.name());
        out.put(ref, live == null ? Lookup.absent() : Lookup.found(live));
      }
    } catch (KubernetesClientException e) {
      Health problem = readFailure(group.kind() + " in " + (group.namespace().isEmpty() ? "the cluster"
          : "namespace " + group.namespace()), e);
      members.forEach(ref -> out.put(ref, Lookup.failed(e, problem)));
    }
  }

  private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
      operation(Group group, List<ObjectRef> members, Map<ObjectRef, Lookup> out) {
    String key = group.apiVersion() + "|" + group.kind();
    var cached = operations.get(key);
    if (cached != null) {
      return cached;
    }
    try {
      var operation = client.genericKubernetesResources(group.apiVersion(), group.kind());
      operations.put(key, operation);
      return operation;
    } catch (KubernetesClientException e) {
      Health problem = Unreachable.is(e) ? Health.progressing("Cannot look up " + group.kind() + ": "
          + Unreachable.describe(e))
          : isTransient(e) ? Health.progressing("Cannot look up " + group.kind() + " (" + group.apiVersion() + ") yet: " + reason(e))
          : Health.missing(group.kind() + " (" + group.apiVersion() + ") is not served by the cluster");
      members.forEach(ref -> out.put(ref, Lookup.failed(e, problem)));
      return null;
    }
  }

  /**
   * A read that failed for a reason that may pass (the server unreachable, throttling, server error) keeps the
   * object Progressing so the wait tries again; one that will not pass by waiting (forbidden, bad request) is
   * Unknown.
   */
  private static Health readFailure(String what, KubernetesClientException e) {
    if (Unreachable.is(e)) {
      return Health.progressing("Cannot read " + what + ": " + Unreachable.describe(e));
    }
    if (isTransient(e)) {
      return Health.progressing("Cannot read " + what + " yet: " + reason(e));
    }
    return Health.unknown("Cannot read " + what + ": " + reason(e));
  }

  /** Unreachable, throttled or a server error. fabric8 gives a request that got no answer the code -1 or 0. */
  static boolean isTransient(KubernetesClientException e) {
    int code = e.getCode();
    return Unreachable.is(e) || code <= 0 && e.getCause() != null || code == 429 || code >= 500;
  }

  private static String reason(KubernetesClientException e) {
    String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
        : e.getMessage();
    return (e.getCode() > 0 ? "HTTP " + e.getCode() + " " : "") + message;
  }
}
