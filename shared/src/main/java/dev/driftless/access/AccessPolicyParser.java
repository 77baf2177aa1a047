package dev.driftless.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.driftless.glob.Glob;
import dev.driftless.model.ApplicationParser;
import dev.driftless.model.ApplicationParser.Fields;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an access policy document (YAML, or JSON, which is YAML too). Every error names the field
 * ({@code bindings[1].role must be ...}); unknown fields are refused so that a misspelt {@code project:} does not
 * silently grant a role everywhere or nowhere. Errors do not name the document: its callers do (the API, the
 * policy cache).
 */
public final class AccessPolicyParser {

  /** Far more than a policy needs, and far below the table's item size. */
  public static final int MAX_BINDINGS = 500;
  public static final int MAX_CHARS = 128 * 1024;

  private static final Pattern PROJECT_GLOB = Pattern.compile("[a-z0-9*]([-a-z0-9*]{0,61}[a-z0-9*])?");
  private static final Set<String> TOP = Set.of("bindings");
  private static final Set<String> FIELDS = Set.of("principal", "role", "projects");
  private static final Fields F = new Fields(null, InvalidAccessPolicyException::new);

  /** Bounded in aliases; the size is checked before reading. */
  private final YAMLMapper yaml = ApplicationParser.boundedYaml();

  public AccessPolicy parse(String document) {
    if (document == null || document.isBlank()) throw F.error("access policy", "is empty");
    if (document.length() > MAX_CHARS) throw F.error("access policy", "is larger than " + (MAX_CHARS >> 10) + " KiB");
    JsonNode root;
    try {
      root = yaml.readTree(document);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
      throw F.error("access policy", "is not valid YAML or JSON" + where);
    }
    if (root == null || !root.isObject()) throw F.error("access policy", "must be an object with bindings");
    onlyKnown(root, "", TOP);
    JsonNode list = root.path("bindings");
    if (!list.isArray()) throw F.error("bindings", "is required: a list of {principal, role, projects}");
    if (list.size() > MAX_BINDINGS) throw F.error("bindings", "holds more than " + MAX_BINDINGS + " entries");
    List<Binding> bindings = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) bindings.add(binding(list.get(i), "bindings[" + i + "]"));
    return new AccessPolicy(bindings);
  }

  private Binding binding(JsonNode n, String at) {
    if (!n.isObject()) throw F.error(at, "must be an object with principal, role and projects");
    onlyKnown(n, at + ".", FIELDS);
    String principalText = F.text(n, at + ".principal", "principal", true);
    PrincipalPattern principal;
    try {
      principal = PrincipalPattern.parse(principalText);
    } catch (InvalidAccessPolicyException e) {
      throw F.error(at + ".principal", e.getMessage());
    }
    String word = F.text(n, at + ".role", "role", true).strip();
    Role role = Role.byWord(word);
    if (role == null) throw F.error(at + ".role", "must be admin, project-admin, deployer or viewer, not " + word);
    JsonNode projects = n.path("projects");
    if (role == Role.ADMIN) {
      if (!projects.isMissingNode()) {
        throw F.error(at + ".projects", "must be absent for role admin (admin holds every project)");
      }
      return new Binding(principal, role, List.of());
    }
    if (!projects.isArray() || projects.isEmpty()) {
      throw F.error(at + ".projects", "is required for role " + word + ": a list of project names or globs");
    }
    List<Glob> globs = new ArrayList<>();
    for (int j = 0; j < projects.size(); j++) {
      JsonNode p = projects.get(j);
      if (!p.isTextual() || !PROJECT_GLOB.matcher(p.asText()).matches()) {
        throw F.error(at + ".projects[" + j + "]", "must be a project name or a glob of one (lowercase letters, "
            + "digits, '-' and '*'), not " + p);
      }
      globs.add(Glob.starOnly(p.asText()));
    }
    return new Binding(principal, role, globs);
  }

  private static void onlyKnown(JsonNode n, String prefix, Set<String> known) {
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        throw F.error(prefix + f, "is not a known field (known: " + String.join(", ", known.stream().sorted().toList())
            + ")");
      }
    }
  }
}
