package dev.driftless.feedback;

import dev.driftless.apply.ChangeSet;
import java.util.List;

/**
 * What one Application's plan for a pull request found: its changes (null when no plan could be made), the project
 * policy violations that refused it and the reasons the server rejected it. Messages are already masked.
 */
public record AppPlan(String application, String cluster, ChangeSet changes, List<String> violations,
    List<String> rejections) {

  public AppPlan {
    violations = List.copyOf(violations);
    rejections = List.copyOf(rejections);
  }

  public static AppPlan planned(String application, String cluster, ChangeSet changes) {
    return new AppPlan(application, cluster, changes, List.of(), List.of());
  }

  public static AppPlan refused(String application, String cluster, String violation) {
    return new AppPlan(application, cluster, null, List.of(violation), List.of());
  }

  public static AppPlan rejected(String application, String cluster, String rejection) {
    return new AppPlan(application, cluster, null, List.of(), List.of(rejection));
  }
}
