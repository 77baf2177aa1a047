package dev.driftless.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.model.DesiredObject;
import dev.driftless.model.ObjectKey;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns parsed documents into desired objects in the order they come: expands {@code List} documents into
 * their items, requires apiVersion, kind and metadata.name (or generateName), refuses two objects with the same group, kind,
 * namespace and name (as written: namespaces are defaulted later, by the apply engine, which knows the
 * scope), and keeps the running size of the whole render under its limit.
 */
final class ObjectCollector {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization(new ObjectMapper(), false);

  private final long maxRenderBytes;
  private final List<DesiredObject> objects = new ArrayList<>();
  private final Map<ObjectKey, String> seen = new HashMap<>();
  private long size;

  ObjectCollector(RenderOptions options) {
    this.maxRenderBytes = options.maxRenderBytes();
  }

  /** Adds a document's object (or a list's items); {@code objectOrigin} is what the object will carry. */
  void add(ManifestReader.Document doc, String objectOrigin) {
    grow(doc);
    if (!(doc.body() instanceof Map<?, ?> body)) {
      throw new RenderException(doc.where() + ": expected a Kubernetes object, found "
          + (doc.body() instanceof List ? "a list" : "a scalar"));
    }
    addObjectOrList(body, doc.where(), objectOrigin);
  }

  private void addObjectOrList(Map<?, ?> body, String docWhere, String objectOrigin) {
    Object kind = body.get("kind");
    if (kind instanceof String k && k.endsWith("List") && body.get("items") instanceof List<?> items) {
      int i = 0;
      for (Object item : items) {
        i++;
        String where = docWhere + " item " + i;
        if (!(item instanceof Map<?, ?> itemBody)) {
          throw new RenderException(where + ": expected a Kubernetes object");
        }
        addObject(itemBody, where, objectOrigin);
      }
      return;
    }
    addObject(body, docWhere, objectOrigin);
  }

  /**
   * Adds what a Jsonnet evaluation printed, as Argo CD reads it: an object, or a list of objects and lists, to any
   * depth (each {@code List}-kind object expanded as in {@link #add}).
   */
  void addNested(ManifestReader.Document doc, String objectOrigin) {
    grow(doc);
    addAny(doc.body(), doc.where(), objectOrigin);
  }

  private void addAny(Object node, String where, String objectOrigin) {
    if (node instanceof List<?> list) {
      int i = 0;
      for (Object item : list) {
        addAny(item, where + " item " + ++i, objectOrigin);
      }
    } else if (node instanceof Map<?, ?> body) {
      addObjectOrList(body, where, objectOrigin);
    } else if (node != null) {
      throw new RenderException(where + ": expected a Kubernetes object, found a scalar");
    }
  }

  private void grow(ManifestReader.Document doc) {
    size += doc.size();
    if (size > maxRenderBytes) {
      throw new RenderException(doc.where() + ": refused: the render is larger than the limit of "
          + maxRenderBytes + " bytes");
    }
  }

  int count() {
    return objects.size();
  }

  List<DesiredObject> objects() {
    return List.copyOf(objects);
  }

  private void addObject(Map<?, ?> body, String where, String objectOrigin) {
    require(body.get("apiVersion"), where, "apiVersion");
    require(body.get("kind"), where, "kind");
    if (!(body.get("metadata") instanceof Map<?, ?> metadata)) {
      throw new RenderException(where + ": metadata.name is required");
    }
    // A hook may be named by generateName alone; the apply engine refuses it on any other object.
    require(metadata.get("name") == null ? metadata.get("generateName") : metadata.get("name"), where,
        metadata.get("name") == null && metadata.get("generateName") != null ? "metadata.generateName"
            : "metadata.name");
    Object ns = metadata.get("namespace");
    if (ns != null && !(ns instanceof String)) {
      throw new RenderException(where + ": metadata.namespace must be a string");
    }
    GenericKubernetesResource object;
    try {
      object = SERIALIZATION.convertValue(body, GenericKubernetesResource.class);
    } catch (IllegalArgumentException e) {
      throw new RenderException(where + ": not a Kubernetes object: " + e.getMessage(), e);
    }
    DesiredObject desired = DesiredObject.of(object, objectOrigin);
    String before = seen.putIfAbsent(desired.key(), where);
    if (before != null) {
      throw new RenderException("duplicate object " + desired.key() + ": in " + before + " and in " + where);
    }
    objects.add(desired);
  }

  private static void require(Object value, String where, String field) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      throw new RenderException(where + ": " + field + " is required");
    }
    if (!(value instanceof String)) {
      throw new RenderException(where + ": " + field + " must be a string");
    }
  }
}
