package dev.driftless.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One image override as {@code kustomize edit set image} reads it: {@code [name=]newName[:newTag][@digest]}; without
 * {@code name=}, the image keeps its name and only the tag or digest changes.
 */
public record KustomizeImage(String name, String newName, String newTag, String digest) {

  private static final String REFERENCE = "[A-Za-z0-9][A-Za-z0-9._/-]*(:[0-9]+/[A-Za-z0-9._/-]+)?";
  private static final Pattern SPEC = Pattern.compile("(?:(" + REFERENCE + ")=)?(" + REFERENCE + ")"
      + "(?::([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@([A-Za-z0-9]+:[A-Fa-f0-9]{32,}))?");

  /** The override {@code spec} names, or null when it is not one. */
  public static KustomizeImage parse(String spec) {
    Matcher m = spec == null ? null : SPEC.matcher(spec);
    if (m == null || !m.matches()) {
      return null;
    }
    String name = m.group(1) == null ? m.group(3) : m.group(1);
    String newName = m.group(1) == null ? null : m.group(3);
    return new KustomizeImage(name, newName, m.group(5), m.group(6));
  }
}
