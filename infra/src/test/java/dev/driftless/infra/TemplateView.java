package dev.driftless.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads a synthesized template as plain maps: resources by type, and intrinsic functions rendered as short
 * strings ({@code GetAtt:Id.Arn}, {@code Ref:Id}, {@code ${AWS::Region}} inside joins) so tests can state the
 * exact IAM resources they expect.
 */
@SuppressWarnings("unchecked")
final class TemplateView {

  /** One IAM statement: effect, actions and resources, order-free. */
  record Statement(String effect, Set<String> actions, Set<String> resources) {
    static Statement allow(Set<String> actions, String... resources) {
      return new Statement("Allow", new TreeSet<>(actions), new TreeSet<>(List.of(resources)));
    }
  }

  private final Map<String, Object> resources;

  TemplateView(Map<String, Object> template) {
    this.resources = (Map<String, Object>) template.get("Resources");
  }

  Map<String, Map<String, Object>> ofType(String type) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    resources.forEach((id, r) -> {
      Map<String, Object> res = (Map<String, Object>) r;
      if (type.equals(res.get("Type"))) {
        out.put(id, res);
      }
    });
    return out;
  }

  static Map<String, Object> props(Map<String, Object> resource) {
    return (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
  }

  /** All statements of the IAM policies attached to the role with this logical id. */
  Set<Statement> statementsOfRole(String roleId) {
    Set<Statement> out = new java.util.HashSet<>();
    for (Map<String, Object> policy : ofType("AWS::IAM::Policy").values()) {
      List<Object> roles = (List<Object>) props(policy).get("Roles");
      if (roles == null || !roles.contains(Map.of("Ref", roleId))) {
        continue;
      }
      Map<String, Object> doc = (Map<String, Object>) props(policy).get("PolicyDocument");
      for (Object s : (List<Object>) doc.get("Statement")) {
        Map<String, Object> st = (Map<String, Object>) s;
        out.add(new Statement((String) st.get("Effect"), strings(st.get("Action")),
            list(st.get("Resource")).stream().map(TemplateView::render).collect(Collectors.toCollection(TreeSet::new))));
      }
    }
    Map<String, Object> role = (Map<String, Object>) resources.get(roleId);
    if (props(role).containsKey("Policies") || props(role).containsKey("ManagedPolicyArns")) {
      throw new AssertionError("role " + roleId + " has inline or managed policies besides its attached policy");
    }
    return out;
  }

  static String render(Object v) {
    if (v instanceof String s) {
      return s;
    }
    Map<String, Object> m = (Map<String, Object>) v;
    if (m.containsKey("Ref")) {
      String ref = (String) m.get("Ref");
      return ref.startsWith("AWS::") ? "${" + ref + "}" : "Ref:" + ref;
    }
    if (m.containsKey("Fn::GetAtt")) {
      List<Object> a = (List<Object>) m.get("Fn::GetAtt");
      return "GetAtt:" + a.get(0) + "." + a.get(1);
    }
    if (m.containsKey("Fn::Join")) {
      List<Object> j = (List<Object>) m.get("Fn::Join");
      return ((List<Object>) j.get(1)).stream().map(TemplateView::render)
          .collect(Collectors.joining((String) j.get(0)));
    }
    return m.toString();
  }

  private static Set<String> strings(Object v) {
    return list(v).stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new));
  }

  private static List<Object> list(Object v) {
    return v instanceof List<?> l ? new ArrayList<>(l) : List.of(v);
  }
}
