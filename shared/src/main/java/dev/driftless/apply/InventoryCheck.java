package dev.driftless.apply;

import dev.driftless.health.HealthAssessor;
import dev.driftless.health.HealthStatus;
import dev.driftless.inventory.Inventory;
import dev.driftless.model.ObjectKey;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares an Application's stored inventory with its cluster's live objects, without rendering, for the cluster
 * scan: an object that is missing, that another Application tracks, whose resourceVersion and Driftless's
 * owned-fields digest both moved ({@link FastPath}), or whose inventory entry has no desired digest or no
 * owned-fields digest to vouch for it, is a difference. The health of the same live objects comes with it.
 */
public final class InventoryCheck {

  /** The differences found (each naming its object), and the Application's health from the listed objects. */
  public record Result(List<String> differences, HealthStatus health) {
    public boolean unchanged() {
      return differences.isEmpty();
    }
  }

  private final LiveLists live;
  private final String fieldManager;
  private final HealthAssessor health = new HealthAssessor();

  public InventoryCheck(LiveLists live, String fieldManager) {
    this.live = live;
    this.fieldManager = fieldManager;
  }

  /** @throws LiveLists.UnreachableException when the cluster could not be reached */
  public Result check(String application, Inventory inventory) {
    List<String> differences = new ArrayList<>();
    List<HealthStatus> healths = new ArrayList<>();
    for (Map.Entry<ObjectKey, Inventory.Entry> e : inventory.entries().entrySet()) {
      Inventory.Entry recorded = e.getValue();
      LiveLists.Lookup found = live.find(recorded.apiVersion(), e.getKey());
      String difference = difference(application, e.getKey(), recorded, found);
      if (difference != null) differences.add(difference);
      healths.add(found.known() ? health.assess(found.live()).status() : HealthStatus.UNKNOWN);
    }
    return new Result(differences, HealthStatus.worst(healths));
  }

  private String difference(String application, ObjectKey key, Inventory.Entry recorded, LiveLists.Lookup found) {
    if (!found.known()) return key + ": " + found.problem();
    GenericKubernetesResource obj = found.live();
    if (obj == null) return key + ": missing";
    if (recorded.digest() == null || recorded.owned() == null) return key + ": not vouched for by its last apply";
    ObjectKey.TrackedBy owner = ObjectKey.parseTrackingId(KubeObjects.annotation(obj, Annotations.TRACKING_ID));
    boolean unchanged = FastPath.unchangedSince(recorded, application, owner == null ? null : owner.application(),
        obj.getMetadata().getResourceVersion(), () -> OwnedFields.digest(obj, fieldManager));
    return unchanged ? null : key + ": changed since its last apply";
  }
}
