package dev.driftless.model;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Argo CD's kustomize options ({@code spec.source.kustomize}): what the renderer applies over the repository's
 * kustomization. Values stay data: they are written into a kustomization the renderer owns, never onto a command
 * line.
 *
 * @param images images in {@code kustomize edit set image}'s form ({@code nginx:1.27}, {@code nginx=reg/nginx:1.27},
 *     {@code nginx@sha256:...}), see {@link KustomizeImage}
 * @param components component directories, relative to the source path, inside the repository
 */
public record KustomizeEdits(String namePrefix, String nameSuffix, String namespace, List<String> images,
    List<Replica> replicas, Map<String, String> commonLabels, Map<String, String> commonAnnotations,
    List<Patch> patches, List<String> components) {

  public static final KustomizeEdits NONE = new KustomizeEdits(null, null, null, List.of(), List.of(), Map.of(),
      Map.of(), List.of(), List.of());

  /** Characters a name prefix or suffix may add to a DNS subdomain name. */
  private static final Pattern AFFIX = Pattern.compile("[a-z0-9.-]{0,63}");

  public KustomizeEdits {
    images = images == null ? List.of() : List.copyOf(images);
    replicas = replicas == null ? List.of() : List.copyOf(replicas);
    commonLabels = commonLabels == null ? Map.of() : Map.copyOf(commonLabels);
    commonAnnotations = commonAnnotations == null ? Map.of() : Map.copyOf(commonAnnotations);
    patches = patches == null ? List.of() : List.copyOf(patches);
    components = components == null ? List.of() : List.copyOf(components);
  }

  public boolean isEmpty() {
    return equals(NONE);
  }

  public static boolean isAffix(String affix) {
    return affix != null && AFFIX.matcher(affix).matches();
  }

  /** The replica count for the workload of that name (as the kustomization's resources name it). */
  public record Replica(String name, int count) {}

  /**
   * A patch: inline ({@code patch}) or a file ({@code path}, relative to the source path, inside the repository),
   * applied to the objects {@code target} selects ({@code group}, {@code version}, {@code kind}, {@code name},
   * {@code namespace}, {@code labelSelector}, {@code annotationSelector}).
   */
  public record Patch(String path, String patch, Map<String, String> target, Map<String, Boolean> options) {
    public Patch {
      target = target == null ? Map.of() : Map.copyOf(target);
      options = options == null ? Map.of() : Map.copyOf(options);
    }
  }
}
