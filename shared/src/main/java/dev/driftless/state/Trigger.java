package dev.driftless.state;

import java.util.Locale;

/**
 * Why an operation ran. {@link #AUDIT} is a write to a tracked object that the cluster's audit log reported: the
 * operation runs as a scan of that one Application does ({@link #detectsDrift()}). {@link #REFRESH} is a person
 * asking for a comparison now (the dashboard's refresh, as Argo CD's): it runs as a scan does but only plans, whatever
 * the sync policy.
 */
public enum Trigger {
  PUSH, SCHEDULE, MANUAL, ROLLBACK, CONTINUE, AUDIT, REFRESH;

  /**
   * Whether the operation looks for drift as a scan does: it plans, applies only what the Application's sync
   * policy heals (or a new revision of its tracked ref), starts no status write unless it applies, and is not
   * retried (the next scan or audit event is its retry).
   */
  public boolean detectsDrift() {
    return this == SCHEDULE || this == AUDIT || this == REFRESH;
  }

  public static Trigger parse(String s) {
    return valueOf(s.strip().toUpperCase(Locale.ROOT));
  }

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
