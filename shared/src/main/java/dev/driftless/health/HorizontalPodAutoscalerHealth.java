package dev.driftless.health;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * An autoscaler that cannot read its target's scale or its metrics ({@code AbleToScale} failing with
 * FailedGetScale or FailedUpdateScale, {@code ScalingActive} failing with FailedGet...Metric or
 * InvalidSelector) is Degraded; one able to scale is Healthy; one with no verdict yet is Progressing.
 * {@code autoscaling/v1} objects carry the conditions in the {@code autoscaling.alpha.kubernetes.io/conditions}
 * annotation.
 */
final class HorizontalPodAutoscalerHealth {

  static final String V1_CONDITIONS = "autoscaling.alpha.kubernetes.io/conditions";
  private static final ObjectMapper JSON = new ObjectMapper();

  private HorizontalPodAutoscalerHealth() {}

  static Health assess(LiveObject hpa) {
    List<Condition> conditions = conditions(hpa);
    for (Condition c : conditions) {
      if (isFailing(c)) {
        return Health.degraded(c.type() + " is failing: " + c.explanation());
      }
    }
    for (Condition c : conditions) {
      if (c.isTrue() && ("AbleToScale".equals(c.type()) || "ScalingLimited".equals(c.type()))) {
        return Health.healthy(c.explanation());
      }
    }
    return Health.progressing("Waiting to autoscale");
  }

  private static boolean isFailing(Condition c) {
    String reason = c.reason();
    return switch (c.type()) {
      case "AbleToScale" -> "FailedGetScale".equals(reason) || "FailedUpdateScale".equals(reason);
      case "ScalingActive" -> "InvalidSelector".equals(reason)
          || reason.startsWith("FailedGet") && reason.endsWith("Metric");
      default -> false;
    };
  }

  private static List<Condition> conditions(LiveObject hpa) {
    List<Condition> fromStatus = hpa.conditions();
    if (!fromStatus.isEmpty()) {
      return fromStatus;
    }
    String annotation = hpa.annotation(V1_CONDITIONS);
    if (annotation == null || annotation.isBlank()) {
      return List.of();
    }
    try {
      List<Map<String, Object>> entries = JSON.readValue(annotation, new TypeReference<>() {});
      return entries.stream().map(Condition::of).toList();
    } catch (IOException e) {
      throw new IllegalArgumentException("annotation " + V1_CONDITIONS + " is not a JSON list of conditions", e);
    }
  }
}
