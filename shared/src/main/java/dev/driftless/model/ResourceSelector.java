package dev.driftless.model;

import java.util.regex.Pattern;

/**
 * One object a selective sync names, as Argo CD's {@code --resource GROUP:KIND:[NAMESPACE/]NAME} does: group (empty
 * for the core group), kind, namespace (empty: any namespace, as in Argo CD) and name, matched exactly.
 */
public record ResourceSelector(String group, String kind, String namespace, String name) {

  private static final Pattern GROUP = Pattern.compile("([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?)?");
  private static final Pattern KIND = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,62}");
  private static final Pattern NAMESPACE = Pattern.compile("([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)?");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9._]{0,251}[A-Za-z0-9])?");

  public ResourceSelector {
    group = group == null ? "" : group;
    namespace = namespace == null ? "" : namespace;
  }

  /**
   * Checks each part, so that what is stored and shown is a plain object reference; the error names {@code field}
   * ({@code resources[2]}) and the part.
   */
  ResourceSelector checked(ApplicationParser.Fields f, String field) {
    check(f, field + ".group", group, GROUP, "must be empty (the core group) or a DNS subdomain");
    check(f, field + ".kind", kind, KIND, "must be a kind such as Deployment (letters and digits, at most 63)");
    check(f, field + ".namespace", namespace, NAMESPACE, "must be empty or a DNS label");
    check(f, field + ".name", name, NAME, "must be an object name (letters, digits, '-', '.', '_', at most 253)");
    return this;
  }

  private static void check(ApplicationParser.Fields f, String field, String value, Pattern pattern, String rule) {
    if (value == null || !pattern.matcher(value).matches()) throw f.error(field, rule);
  }

  public boolean matches(ObjectKey key) {
    return group.equals(key.group()) && kind.equals(key.kind()) && name.equals(key.name())
        && (namespace.isEmpty() || namespace.equals(key.namespace()));
  }

  /** Argo CD's form: {@code GROUP:KIND:NAMESPACE/NAME}, the group and namespace empty when they are. */
  @Override
  public String toString() {
    return group + ":" + kind + ":" + (namespace.isEmpty() ? "" : namespace + "/") + name;
  }
}
