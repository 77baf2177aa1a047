package dev.driftless.project;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Argo CD's rules for a project's sync windows, for one Application at one instant. Of the windows that match
 * it: an active deny window blocks; otherwise, when allow windows match, one of them must be active. A manual
 * sync passes a blocking deny window only when every active deny window has {@code manualSync}, and passes
 * inactive allow windows when one of them has {@code manualSync}.
 */
final class SyncWindows {

  private SyncWindows() {}

  static SyncVerdict verdict(List<SyncWindow> all, SyncWindow.Target target, boolean manual, Instant at) {
    List<SyncWindow> matching = all.stream().filter(w -> w.matches(target)).toList();
    if (matching.isEmpty()) return SyncVerdict.ALLOWED;
    List<SyncWindow> activeDeny = matching.stream()
        .filter(w -> w.kind() == SyncWindow.Kind.DENY && w.activeAt(at)).toList();
    if (!activeDeny.isEmpty()) {
      if (manual && activeDeny.stream().allMatch(SyncWindow::manualSync)) return SyncVerdict.ALLOWED;
      Instant until = activeDeny.stream().map(w -> w.closesAfter(at)).flatMap(Optional::stream)
          .max(Comparator.naturalOrder()).orElse(null);
      return SyncVerdict.blocked("held by sync window " + names(activeDeny), until);
    }
    List<SyncWindow> allows = matching.stream().filter(w -> w.kind() == SyncWindow.Kind.ALLOW).toList();
    if (allows.isEmpty() || allows.stream().anyMatch(w -> w.activeAt(at))) return SyncVerdict.ALLOWED;
    if (manual && allows.stream().anyMatch(SyncWindow::manualSync)) return SyncVerdict.ALLOWED;
    Instant opens = allows.stream().map(w -> w.opensAfter(at)).flatMap(Optional::stream)
        .min(Comparator.naturalOrder()).orElse(null);
    return SyncVerdict.blocked("held outside sync window " + names(allows), opens);
  }

  private static String names(List<SyncWindow> windows) {
    return windows.stream().map(SyncWindow::toString).collect(Collectors.joining(", "));
  }
}
